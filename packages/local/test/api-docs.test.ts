import { describe, expect, it } from "vitest";
import * as z from "zod";
import { SERVICES } from "@mas/core/events/define";
import { createGatewayApp } from "../src/gateway";
import { serviceApps } from "../src/services";

/** The parts of OpenAPI 3.1 the document uses, checked strictly enough to catch a malformed generator. */
const Parameter = z.object({ name: z.string().min(1), in: z.enum(["path", "query", "header", "cookie"]), required: z.boolean().optional(), schema: z.record(z.string(), z.unknown()) });
const Operation = z.object({
  tags: z.array(z.string()).min(1),
  summary: z.string(),
  parameters: z.array(Parameter).optional(),
  requestBody: z.object({ required: z.boolean(), content: z.record(z.string(), z.object({ schema: z.record(z.string(), z.unknown()) })) }).optional(),
  responses: z.record(z.string().regex(/^[1-5]\d\d$/), z.object({ description: z.string() })),
});
const Document = z.object({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.object({ title: z.string().min(1), version: z.string().min(1) }),
  tags: z.array(z.object({ name: z.string() })),
  paths: z.record(z.string().regex(/^\/api\//), z.partialRecord(z.enum(["get", "post", "put", "patch", "delete"]), Operation)),
});
type Doc = z.infer<typeof Document>;

const gateway = createGatewayApp();
const served = async () => Document.parse(await (await gateway.request("/api/openapi.json")).json());
const operations = (doc: Doc) => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));

/** The service app's own router, asked which handlers a concrete request reaches (middleware on `*` does not count). */
function routeExists(path: string, method: string): boolean {
  const service = SERVICES.find((s) => path.startsWith(`/api/${s}/`) || path === `/api/${s}`)!;
  const concrete = path.replace(/\{(\w+)\}/g, "x1");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const [matches] = (serviceApps[service].router as any).match(method.toUpperCase(), concrete) as [[[unknown, { path: string; method: string }], unknown][]];
  return matches.some(([[, route]]) => route.method !== "ALL" && !route.path.endsWith("*"));
}

describe("API reference (/api/docs)", () => {
  it("serves a well-formed OpenAPI 3.1 document", async () => {
    const doc = await served();
    expect(doc.tags.map((t) => t.name)).toEqual([...SERVICES]);
    for (const { path, op } of operations(doc)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name).sort();
      expect(declared, path).toEqual(templated);
    }
  });

  it("documents only routes the apps answer, and every route they register", async () => {
    const doc = await served();
    const documented = operations(doc);
    for (const { path, method } of documented) expect(routeExists(path, method), `${method} ${path}`).toBe(true);
    for (const service of SERVICES) {
      for (const route of serviceApps[service].routes.filter((r) => r.method !== "ALL" && !r.path.endsWith("*"))) {
        expect(doc.paths[route.path.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase() as "get"], `${route.method} ${route.path}`).toBeDefined();
      }
    }
  });

  it("takes request shapes from the routes' zod schemas", async () => {
    const doc = await served();
    const book = doc.paths["/api/booking/appointments"]!.post!;
    expect(book.requestBody?.content["application/json"]?.schema).toMatchObject({ type: "object", required: expect.arrayContaining(["service", "start"]) });
    expect(book.parameters).toContainEqual(expect.objectContaining({ name: "idempotency-key", in: "header" }));
    const login = doc.paths["/api/accounts/login"]!.post!;
    expect(login.requestBody?.content["application/json"]?.schema).toMatchObject({ properties: { email: expect.any(Object), password: expect.any(Object) } });
    const availability = doc.paths["/api/booking/availability"]!.get!;
    expect(availability.parameters?.filter((p) => p.in === "query").map((p) => p.name)).toEqual(expect.arrayContaining(["service", "from", "to"]));
  });

  it("renders with a viewer served from this machine, never a CDN", async () => {
    const page = await gateway.request("/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(["/api/docs/viewer/standalone.js"]);
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await gateway.request(scripts[0]!);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/javascript/);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it.each(["../package.json", "..%2F..%2Fpackage.json", "standalone.txt"])("serves nothing else from node_modules (%s)", async (file) => {
    expect((await gateway.request(`/api/docs/viewer/${file}`)).status).toBe(404);
  });
});
