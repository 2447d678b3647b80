import { beforeAll, describe, expect, it } from "vitest";
import { VIEWER_IP_HEADER } from "@mas/core/http/origin";
import { app } from "../src/app";
import { json } from "./support";

/**
 * Issue 20: per-IP limits used to key on the first X-Forwarded-For entry, which the client
 * writes — rotating it was never throttled. The key is now the viewer IP that CloudFront's
 * function (the gateway locally) sets, so a forged X-Forwarded-For changes nothing.
 */
beforeAll(() => {
  process.env.PASSWORD_HASH_LOG2N = "12";
});

const login = (email: string, headers: Record<string, string>) =>
  app.request("/api/accounts/login", json("POST", { email, password: "wrong password here" }, undefined, headers));

describe("the per-source sign-in slow-down", () => {
  it("is not reset by rotating a forged X-Forwarded-For", async () => {
    const viewer = { [VIEWER_IP_HEADER]: "203.0.113.90" };
    for (let i = 0; i < 11; i++) {
      const res = await login(`rotate-${i}@example.com`, { ...viewer, "x-forwarded-for": `198.51.100.${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await login("rotate-11@example.com", { ...viewer, "x-forwarded-for": "198.51.100.250, 10.0.0.1" });
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error.code).toBe("accounts.rate_limited");
  });

  it("cannot be aimed at someone else's IP through X-Forwarded-For", async () => {
    // Failures with the victim's address in X-Forwarded-For, from the attacker's own viewer IP …
    for (let i = 0; i < 12; i++) await login(`frame-${i}@example.com`, { [VIEWER_IP_HEADER]: "203.0.113.91", "x-forwarded-for": "203.0.113.92" });
    // … leave the victim (a different viewer IP) untouched.
    expect((await login("frame-victim@example.com", { [VIEWER_IP_HEADER]: "203.0.113.92" })).status).toBe(401);
  });
});
