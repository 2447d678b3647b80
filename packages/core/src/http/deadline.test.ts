import { describe, expect, it } from "vitest";
import { createServiceApp } from "./app";
import { DEADLINE_MARGIN_MS } from "./deadline";

const slowApp = () => {
  const app = createServiceApp("slow");
  let finished = 0;
  app.get("/wait/:ms", async (c) => {
    await new Promise((resolve) => setTimeout(resolve, Number(c.req.param("ms"))));
    finished++;
    return c.json({ waited: true }, 200);
  });
  return { app, finished: () => finished };
};
const lambda = (remainingMs: number) => ({ lambdaContext: { getRemainingTimeInMillis: () => remainingMs, awsRequestId: "test" } });

describe("the request deadline", () => {
  it("answers 503 request_timeout with Retry-After a margin before the Lambda's own timeout, in the shared shape and headers", async () => {
    const { app } = slowApp();
    const started = performance.now();
    const res = await app.request("/api/slow/wait/3000", {}, lambda(DEADLINE_MARGIN_MS + 200));
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("content-security-policy")).toBeTruthy();
    expect(await res.json()).toEqual({ error: { code: "request_timeout", message: "This took too long. Please try again in a moment." } });
  });

  it("lets a request that finishes in time answer as usual", async () => {
    const { app, finished } = slowApp();
    const res = await app.request("/api/slow/wait/20", {}, lambda(5_000));
    expect(res.status).toBe(200);
    expect(finished()).toBe(1);
  });

  it("sets no deadline outside Lambda (the local platform and tests)", async () => {
    const { app } = slowApp();
    const res = await app.request("/api/slow/wait/50");
    expect(res.status).toBe(200);
  });
});
