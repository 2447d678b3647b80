import * as z from "zod";
import { SERVICES } from "@mas/core/events/define";
import { validatedPartOf, type ValidatedPart } from "@mas/core/http/validate";
import { serviceApps } from "./services";

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };
type Operation = Record<string, unknown>;

const ERROR_SHAPE = "`{ error: { code, message, fields? } }`";

/** The JSON Schema of what a client sends (input side: defaults optional, transforms before they run). */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return json;
}

/** Path, query and header validators become one parameter per property. */
function parametersOf(part: ValidatedPart): Record<string, unknown>[] {
  const location = part.target === "param" ? "path" : part.target;
  const schema = inputSchema(part.schema);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (schema.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * One operation per registered route. Hono keeps every handler of a route (middleware
 * included) in `app.routes` under the same method and path, so the `validate()`
 * middleware found there gives the zod schemas the route enforces.
 */
function operationsOf(service: (typeof SERVICES)[number]): Map<string, Map<string, Operation>> {
  const paths = new Map<string, Map<string, Operation>>();
  for (const route of serviceApps[service].routes) {
    if (route.method === "ALL" || route.path.endsWith("*")) continue; // app-wide middleware
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const method = route.method.toLowerCase();
    const operations = paths.get(path) ?? new Map<string, Operation>();
    paths.set(path, operations);
    const operation = operations.get(method) ?? {
      tags: [service],
      summary: `${route.method} ${route.path.replace(`/api/${service}`, "") || "/"}`,
      parameters: [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } })),
      responses: {
        "200": { description: "Success" },
        "400": { description: `Invalid input: ${ERROR_SHAPE} with code \`validation_failed\` and per-field messages` },
        "401": { description: "Not signed in" },
        "403": { description: "Wrong role, or the CSRF check failed" },
        "404": { description: "Not found (also for another user's object)" },
      },
    };
    operations.set(method, operation);
    const part = validatedPartOf(route.handler);
    if (!part) continue;
    if (part.target === "json") {
      operation.requestBody = { required: true, content: { "application/json": { schema: inputSchema(part.schema) } } };
    } else if (part.target === "form") {
      operation.requestBody = { required: true, content: { "application/x-www-form-urlencoded": { schema: inputSchema(part.schema) } } };
    } else if (part.target === "param" || part.target === "query" || part.target === "header") {
      const declared = parametersOf(part);
      const others = (operation.parameters as { name: string; in: string }[]).filter((p) => !declared.some((d) => d.name === p.name && d.in === p.in));
      operation.parameters = [...others, ...declared];
    }
  }
  return paths;
}

/**
 * OpenAPI document for the API reference: every route each service's Hono app registers
 * (what its Lambda serves), with request bodies, path, query and header parameters
 * generated from the same zod schemas the routes validate with.
 */
export function openApiDocument() {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const service of SERVICES) {
    for (const [path, operations] of operationsOf(service)) {
      for (const [method, operation] of operations) {
        if (!(operation.parameters as unknown[]).length) delete operation.parameters;
        (paths[path] ??= {})[method] = operation;
      }
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Master Aesthetics Suite API",
      version: "0.1.0",
      description: `One HTTP API, \`/api/<service>/...\`. Session cookie \`__Host-mas_session\` from \`/api/accounts/login\`. Errors are ${ERROR_SHAPE}. Browser mutations must come from the site's own origin (CSRF check).`,
    },
    tags: SERVICES.map((name) => ({ name })),
    paths,
  };
}
