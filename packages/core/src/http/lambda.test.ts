import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { createLambdaHandler } from "./lambda";
import { ORIGIN_SECRET_HEADER, originSecretMatches, trustedClientIp } from "./origin";

const app = new Hono().get("/api/test/ping", (c) => c.json({ ok: true }));
const handler = createLambdaHandler(app, async () => undefined);

const httpEvent = (headers: Record<string, string>) => ({
  version: "2.0",
  routeKey: "ANY /api/test/{proxy+}",
  rawPath: "/api/test/ping",
  rawQueryString: "",
  headers: { host: "abc.execute-api.eu-west-2.amazonaws.com", ...headers },
  requestContext: { http: { method: "GET", path: "/api/test/ping", sourceIp: "192.0.2.1" }, domainName: "abc.execute-api.eu-west-2.amazonaws.com" },
  isBase64Encoded: false,
});

afterEach(() => {
  delete process.env.ORIGIN_SECRET;
});

describe("the service Lambda's front-door check", () => {
  it("refuses an HTTP request to the API's own URL without the origin secret (403), and a wrong one", async () => {
    process.env.ORIGIN_SECRET = "s3cret-from-secrets-manager";
    for (const headers of [{}, { [ORIGIN_SECRET_HEADER]: "guess" }, { [ORIGIN_SECRET_HEADER]: "s3cret-from-secrets-manageR" }] as Record<string, string>[]) {
      const res = (await handler(httpEvent(headers), {})) as { statusCode: number; body: string };
      expect(res.statusCode).toBe(403);
      expect(JSON.parse(res.body).error.code).toBe("auth.origin_refused");
    }
  });

  it("lets a request carrying the secret (from CloudFront or the site server) reach the routes", async () => {
    process.env.ORIGIN_SECRET = "s3cret-from-secrets-manager";
    const res = (await handler(httpEvent({ [ORIGIN_SECRET_HEADER]: "s3cret-from-secrets-manager" }), {})) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

  it("does not apply to EventBridge deliveries", async () => {
    process.env.ORIGIN_SECRET = "s3cret-from-secrets-manager";
    const seen: unknown[] = [];
    const consumer = createLambdaHandler(app, async (event) => void seen.push(event));
    await consumer({ "detail-type": "x", source: "mas.test", detail: {} }, {});
    expect(seen).toHaveLength(1);
  });
});

describe("origin helpers", () => {
  it("compares secrets in constant time and accepts anything when none is configured", () => {
    expect(originSecretMatches("a", "a")).toBe(true);
    expect(originSecretMatches("a", "ab")).toBe(false);
    expect(originSecretMatches(undefined, "a")).toBe(false);
    expect(originSecretMatches(undefined, undefined)).toBe(true);
  });

  it("accepts only an address-shaped viewer IP", () => {
    expect(trustedClientIp("203.0.113.5")).toBe("203.0.113.5");
    expect(trustedClientIp("2001:db8::5")).toBe("2001:db8::5");
    expect(trustedClientIp("203.0.113.5, 10.0.0.1")).toBeUndefined();
    expect(trustedClientIp("")).toBeUndefined();
  });
});
