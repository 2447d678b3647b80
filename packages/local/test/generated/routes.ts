import { SERVICES } from "@mas/core/events/define";
import { validatedPartOf, type ValidatedPart } from "@mas/core/http/validate";
import { serviceApps } from "../../src/services";

/** One route every service app registers (what its Lambda serves), with the zod schemas its validators enforce. */
export interface RouteInfo {
  service: (typeof SERVICES)[number];
  method: string;
  path: string;
  /** `METHOD /api/<service>/path/:param` — the key of the expectation tables. */
  key: string;
  parts: ValidatedPart[];
}

/** Every route of every service, read from the Hono apps themselves (so routes added later are found). */
export function allRoutes(): RouteInfo[] {
  const routes = new Map<string, RouteInfo>();
  for (const service of SERVICES) {
    for (const route of serviceApps[service].routes) {
      if (route.method === "ALL" || route.path.endsWith("*")) continue; // app-wide middleware
      const key = `${route.method} ${route.path}`;
      const info = routes.get(key) ?? { service, method: route.method, path: route.path, key, parts: [] };
      const part = validatedPartOf(route.handler);
      if (part) info.parts.push(part);
      routes.set(key, info);
    }
  }
  return [...routes.values()];
}
