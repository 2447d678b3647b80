import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { onError } from "./errors";
import { DEFAULT_BODY_BYTES, unknownKeys, validate, validatedPartOf } from "./validate";

const Medical = z.object({
  answers: z.object({ pregnant: z.boolean(), notes: z.string().max(100_000).default("") }),
  items: z.array(z.object({ name: z.string() })).default([]),
});

const app = new Hono()
  .post("/medical", validate("json", Medical), (c) => c.json({ saved: c.req.valid("json") }, 201))
  .post("/signature", validate("json", z.object({ png: z.string() }), { maxBytes: 200_000 }), (c) => c.json({ ok: true }, 201))
  .get("/list", validate("query", z.object({ q: z.string().optional() })), (c) => c.json({ q: c.req.valid("query").q ?? null }));
app.onError(onError);

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("validate: body size", () => {
  it("answers 413 with a plain message for a 5 MB body, and stores nothing", async () => {
    const res = await post("/medical", { answers: { pregnant: false, notes: "x".repeat(5 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large", message: expect.stringContaining("64 KB") } });
  });

  it("counts the bytes of a body sent without Content-Length (chunked)", async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"answers":{"pregnant":false,"notes":"' : "x".repeat(1024)));
        controller.enqueue(new TextEncoder().encode('"}}'));
        controller.close();
      },
    });
    const res = await app.request("/medical", { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" }, body: chunks, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("lets a route take more when it says so, and records its cap for the API document", async () => {
    expect((await post("/signature", { png: "x".repeat(150_000) })).status).toBe(201);
    expect((await post("/signature", { png: "x".repeat(250_000) })).status).toBe(413);
    expect(validatedPartOf(app.routes.find((r) => r.path === "/medical" && validatedPartOf(r.handler))?.handler)).toMatchObject({ target: "json", maxBytes: DEFAULT_BODY_BYTES });
  });
});

describe("validate: unknown fields", () => {
  it("accepts the schema's fields, defaults filled", async () => {
    const res = await post("/medical", { answers: { pregnant: true } });
    expect(res.status).toBe(201);
    expect((await res.json()).saved).toEqual({ answers: { pregnant: true, notes: "" }, items: [] });
  });

  it("refuses unknown fields at any depth with 400, naming each", async () => {
    const res = await post("/medical", { answers: { pregnant: true, smoker: true }, items: [{ name: "a", colour: "red" }], admin: true });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.fields).sort()).toEqual(["admin", "answers.smoker", "items.0.colour"]);
  });

  it("reports schema errors first, as before", async () => {
    const res = await post("/medical", { answers: { pregnant: "yes" } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty("answers.pregnant");
  });

  it("leaves query strings alone (extra parameters such as cache busters are harmless)", async () => {
    expect((await app.request("/list?q=a&utm_source=x")).status).toBe(200);
  });

  it.each([
    [{ a: 1 }, { a: 1 }, []],
    [{ a: 1, b: 2 }, { a: 1 }, ["b"]],
    [{ a: { b: 1, c: 2 } }, { a: { b: 1 } }, ["a.c"]],
    [[{ a: 1, z: 0 }], [{ a: 1 }], ["0.z"]],
    [{ d: "2026-06-01" }, { d: new Date("2026-06-01") }, []],
    ["text", "TEXT", []],
  ])("unknownKeys(%j, %j) → %j", (input, output, expected) => {
    expect(unknownKeys(input, output)).toEqual(expected);
  });
});
