import * as fc from "fast-check";
import * as z from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import type { ValidatedPart } from "@mas/core/http/validate";
import { createGatewayApp } from "../../src/gateway";
import { DEMO_PEOPLE, seedDemoData } from "../../src/seed";
import { allRoutes } from "./routes";

/**
 * Fuzz over every route's zod schemas (issue 20), generated from the route table, so routes
 * added later are fuzzed too: inputs shaped like each schema (its JSON Schema, input side)
 * with wrong types, missing and unknown fields, odd strings and huge numbers mixed in, sent
 * as the owner (past every role check, so validation and handlers run). Never a 5xx; a
 * 4xx always carries the `{ error: { code, message } }` shape. Bounded: RUNS per route.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const gateway = createGatewayApp();
let owner = "";
type Schema = Record<string, unknown> & { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; const?: unknown; format?: string; minimum?: number; maximum?: number };

const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("", " ", "null", "0", "-1", "1e309", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "\u0000", "💉".repeat(50), "2026-02-30", "2026-03-29T01:30:00Z", "x".repeat(5000)),
);
const oddNumber = fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 1e308, -0));
const anything = fc.jsonValue({ maxDepth: 2 });

/** An arbitrary for a JSON Schema: mostly its shape, sometimes anything at all. */
function arbitraryOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return anything;
  const shaped = shapedOf(schema, depth);
  return fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: anything, weight: 1 });
}

function shapedOf(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), oddString);
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map((option) => arbitraryOf(option, depth + 1)));
  if (schema.allOf?.length) return arbitraryOf(Object.assign({}, ...schema.allOf) as Schema, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return schema.format === "email" ? fc.oneof(fc.emailAddress(), oddString) : schema.format === "date" ? fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), oddString) : oddString;
    case "integer":
    case "number":
      return oddNumber;
    case "boolean":
      return fc.oneof(fc.boolean(), fc.constantFrom("true", 1, null));
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(arbitraryOf(schema.items, depth + 1), { maxLength: 4 });
    case "object": {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, arbitraryOf(property, depth + 1)]));
      return fc.tuple(fc.record(properties, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 8 }), anything, { maxKeys: 2 })).map(([known, unknown]) => ({ ...unknown, ...known }));
    }
    default:
      return anything;
  }
}

const jsonSchemaOf = (part: ValidatedPart) => z.toJSONSchema(part.schema, { io: "input", unrepresentable: "any" }) as Schema;

/** Query, path and header parts are strings on the wire. */
const asStrings = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(typeof value === "object" && value && !Array.isArray(value) ? value : {}).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));

/**
 * Query parameters known to answer 5xx on some routes, left out of those routes' fuzzing
 * until fixed — each with where the fix is tracked. Everything else about the route is
 * still fuzzed. Remove an entry when its fix lands (the suite then covers it again).
 */
const KNOWN_OPEN: Record<string, { omitQuery: string[]; why: string }> = {};

/** Calls that end the caller's session or account: fuzzed anonymously so the owner stays signed in. */
const ENDS_SESSION = /^(POST \/api\/accounts\/logout|POST \/api\/accounts\/password\/change|DELETE \/api\/accounts\/me)$/;

beforeAll(async () => {
  process.env.PASSWORD_HASH_LOG2N = "12";
  await seedDemoData();
  const res = await gateway.request("/api/accounts/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: DEMO_PEOPLE.owner.email, password: DEMO_PEOPLE.owner.password }) });
  owner = res.headers.getSetCookie().find((c) => c.startsWith("__Host-mas_session="))!.split(";")[0]!;
}, 180_000);

describe("fuzz: every route's schemas, never a 5xx", () => {
  const routes = allRoutes();
  it("finds routes with schemas", () => {
    expect(routes.filter((route) => route.parts.length > 0).length).toBeGreaterThan(50);
  });

  it.each(routes.map((route) => [route.key, route] as const))("%s", async (key, route) => {
    const byTarget = new Map(route.parts.map((part) => [part.target, jsonSchemaOf(part)]));
    const paramNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const input = fc.record({
      json: arbitraryOf(byTarget.get("json")),
      query: byTarget.has("query") ? arbitraryOf(byTarget.get("query")) : fc.constant({}),
      params: fc.tuple(...paramNames.map(() => fc.oneof(fc.constant("01JZZZZZZZZZZZZZZZZZZZZZZZ"), fc.string({ minLength: 1, maxLength: 30 })))),
      rawBody: fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: fc.constantFrom("{", "[]", "null", "x".repeat(20_000), '{"a":'), weight: 1 }),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ json, query, params, rawBody }) => {
        let i = 0;
        const path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, () => encodeURIComponent(params[i++] ?? "x") || "x");
        const parameters = asStrings(query);
        for (const name of KNOWN_OPEN[key]?.omitQuery ?? []) delete parameters[name];
        const search = new URLSearchParams(parameters).toString();
        const hasBody = !["GET", "HEAD"].includes(route.method);
        const headers: Record<string, string> = { "content-type": "application/json", "idempotency-key": crypto.randomUUID() };
        if (!ENDS_SESSION.test(key)) headers.cookie = owner;
        const res = await gateway.request(`${path}${search ? `?${search}` : ""}`, { method: route.method, headers, ...(hasBody ? { body: rawBody ?? JSON.stringify(json ?? null) } : {}) });
        const text = await res.text();
        if (res.status >= 500) throw new Error(`${res.status} for ${route.method} ${path}?${search} body ${JSON.stringify(json)?.slice(0, 300)}: ${text.slice(0, 300)}`);
        if (res.status >= 400 && res.headers.get("content-type")?.includes("json")) {
          const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
          if (!body.error?.code || !body.error.message) throw new Error(`${res.status} without an error code/message: ${text.slice(0, 200)}`);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20), endOnFailure: true },
    );
  });
});
