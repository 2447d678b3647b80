import { SERVICES } from "@mas/core/events/define";
import { serviceApps } from "./services";

/**
 * OpenAPI document for the local API reference, built from the routes each service's Hono
 * app actually registers (what its Lambda serves), grouped by service.
 */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const service of SERVICES) {
    for (const route of serviceApps[service].routes) {
      if (route.method === "ALL" || route.path.endsWith("*")) continue; // middleware
      const path = route.path.replace(/:(\w+)/g, "{$1}");
      const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
      const operations = (paths[path] ??= {});
      operations[route.method.toLowerCase()] = {
        tags: [service],
        summary: `${route.method} ${route.path.replace(`/api/${service}`, "") || "/"}`,
        ...(params.length ? { parameters: params } : {}),
        responses: {
          "200": { description: "Success" },
          "400": { description: "Invalid input: `{ error: { code: \"validation_failed\", message, fields } }`" },
          "401": { description: "Not signed in" },
          "403": { description: "Wrong role or CSRF check failed" },
          "404": { description: "Not found (also for another user's object)" },
        },
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Master Aesthetics Suite API",
      version: "0.1.0",
      description: "One HTTP API, `/api/<service>/...`. Session cookie `mas_session` from `/api/accounts/login`. Errors are `{ error: { code, message, fields? } }`.",
    },
    tags: SERVICES.map((name) => ({ name })),
    paths,
  };
}
