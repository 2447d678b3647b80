import { SERVICES } from "@mas/core/events/define";

/**
 * OpenAPI document for the local API reference. Services contribute their documented
 * routes as they land (from their zod schemas); until then each has its health route.
 */
export function openApiDocument() {
  const paths: Record<string, unknown> = {};
  for (const service of SERVICES) {
    paths[`/api/${service}/health`] = {
      get: { tags: [service], summary: `${service} health`, responses: { "200": { description: "Service is up" } } },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Master Aesthetics Suite API", version: "0.1.0" },
    paths,
  };
}
