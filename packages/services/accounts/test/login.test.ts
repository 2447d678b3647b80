import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../src/domain/credentials";
import { auditTrailOf } from "@mas/core/audit/audit";
import { app } from "../src/app";
import { json, sessionCookieFrom, signUp, TEST_PASSWORD } from "./support";

beforeAll(() => {
  process.env.PASSWORD_HASH_LOG2N = "12";
});

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  app.request("/api/accounts/login", json("POST", { email, password }, undefined, headers));

describe("POST /api/accounts/login", () => {
  it("signs in with any casing of the email and sets a fresh session cookie", async () => {
    const user = await signUp("client", { email: "grace.taylor@example.com" });
    const res = await login("Grace.Taylor@EXAMPLE.com", TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ userId: user.userId, email: "grace.taylor@example.com", roles: ["client"] });
    const cookie = sessionCookieFrom(res);
    expect(cookie).toBeDefined();
    expect(cookie).not.toBe(user.cookie);
    const me = await app.request("/api/accounts/me", { headers: { cookie: cookie! } });
    expect(me.status).toBe(200);
    expect((await auditTrailOf(user.userId)).map((entry) => entry.action)).toContain("accounts.login_succeeded");
  });

  it("answers 'no such user' and 'wrong password' identically: status, body and headers", async () => {
    await signUp("client", { email: "known@example.com" });
    const wrongPassword = await login("known@example.com", "not the password at all");
    const noSuchUser = await login("nobody-here@example.com", "not the password at all");
    expect(wrongPassword.status).toBe(401);
    expect(noSuchUser.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await noSuchUser.json());
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
    expect(noSuchUser.headers.getSetCookie()).toEqual([]);
    expect([...wrongPassword.headers.keys()].sort()).toEqual([...noSuchUser.headers.keys()].sort());
  });

  it("spends the same scrypt work on unknown emails as on wrong passwords", async () => {
    // Hashing must dominate the timing; skipping it for unknown emails would make them ~10x faster.
    process.env.PASSWORD_HASH_LOG2N = "15";
    try {
      const res = await app.request("/api/accounts/register", json("POST", { email: "timing@example.com", password: "violet kettle harbour", firstName: "T", lastName: "T" }));
      expect(res.status).toBe(201);
      await signIn("warm-up@example.com", "x", {}).catch(() => undefined); // computes the dummy hash once
      const time = async (email: string) => {
        const started = performance.now();
        await signIn(email, "wrong password here", {}).catch(() => undefined);
        return performance.now() - started;
      };
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 5; i++) {
        wrong.push(await time("timing@example.com"));
        unknown.push(await time(`unknown-${i}@example.com`));
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!;
      const ratio = median(unknown) / median(wrong);
      // Generous bounds: the machine may be busy with other tests; the failure this guards is ~0.1.
      expect(ratio).toBeGreaterThan(0.4);
      expect(ratio).toBeLessThan(2.5);
    } finally {
      process.env.PASSWORD_HASH_LOG2N = "12";
    }
  });

  it("allows 10 attempts per IP in 15 minutes, then 429 with Retry-After", async () => {
    const from = { "x-mas-viewer-ip": "203.0.113.50" };
    for (let i = 0; i < 10; i++) expect((await login(`guess-${i}@example.com`, "wrong password here", from)).status).toBe(401);
    const blocked = await login("guess-10@example.com", "wrong password here", from);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get("retry-after"))).toBeLessThanOrEqual(900);
    expect((await blocked.json()).error.code).toBe("accounts.rate_limited");
    // Another IP is unaffected.
    expect((await login("guess-11@example.com", "wrong password here", { "x-mas-viewer-ip": "203.0.113.51" })).status).toBe(401);
  });

  it("allows 10 attempts per email in 15 minutes, whatever the IP — then even the right password waits", async () => {
    const user = await signUp("client", { email: "targeted@example.com" });
    for (let i = 0; i < 10; i++) expect((await login("Targeted@example.com", "wrong password here", { "x-mas-viewer-ip": `192.0.2.${i}` })).status).toBe(401);
    const blocked = await login("targeted@example.com", user.password, { "x-mas-viewer-ip": "192.0.2.200" });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("opens again in the next window (counters are per fixed window)", async () => {
    const user = await signUp("client", { email: "patient@example.com" });
    const now = new Date("2026-06-01T10:00:00Z");
    for (let i = 0; i < 10; i++) await signIn("patient@example.com", "wrong password here", {}, now).catch(() => undefined);
    await expect(signIn("patient@example.com", user.password, {}, new Date("2026-06-01T10:14:59Z"))).rejects.toMatchObject({ code: "accounts.rate_limited" });
    await expect(signIn("patient@example.com", user.password, {}, new Date("2026-06-01T10:15:00Z"))).resolves.toMatchObject({ user: { userId: user.userId } });
  });

  it.each([
    ["missing password", { email: "a@example.com" }, "password"],
    ["empty password", { email: "a@example.com", password: "" }, "password"],
    ["bad email", { email: "not-an-email", password: "whatever123" }, "email"],
  ])("refuses %s with 400 and a field message", async (_case, body, field) => {
    const res = await app.request("/api/accounts/login", json("POST", body));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields[field]).toEqual(expect.any(String));
  });

  it("refuses a cross-site form post (CSRF) but accepts one from the site", async () => {
    const form = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=a%40example.com&password=x" };
    const evil = await app.request("/api/accounts/login", { ...form, headers: { ...form.headers, origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect((await evil.json()).error.code).toBe("auth.csrf_rejected");
    const crossSite = await app.request("/api/accounts/login", { ...form, headers: { ...form.headers, "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    const site = await app.request("/api/accounts/login", { ...form, headers: { ...form.headers, origin: new URL(process.env.SITE_URL!).origin } });
    expect(site.status).toBe(400); // past CSRF; the JSON validator then wants a JSON body
  });
});

describe("POST /api/accounts/logout", () => {
  it("ends the session server-side and clears the cookie", async () => {
    const user = await signUp();
    const res = await app.request("/api/accounts/logout", json("POST", undefined, user));
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/^__Host-mas_session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    expect((await app.request("/api/accounts/me", { headers: user.headers })).status).toBe(401);
  });

  it("only ends the session it was called with", async () => {
    const user = await signUp();
    const other = await login(user.email, user.password);
    await app.request("/api/accounts/logout", json("POST", undefined, user));
    expect((await app.request("/api/accounts/me", { headers: { cookie: sessionCookieFrom(other)! } })).status).toBe(200);
  });

  it("is a harmless 204 when anonymous or with a forged cookie", async () => {
    expect((await app.request("/api/accounts/logout", json("POST"))).status).toBe(204);
    expect((await app.request("/api/accounts/logout", json("POST", undefined, { headers: { cookie: "__Host-mas_session=forged" } }))).status).toBe(204);
  });

  it("refuses a bodiless cross-site post (CSRF), but not a server-side one", async () => {
    const user = await signUp();
    const crossSite = await app.request("/api/accounts/logout", { method: "POST", headers: { ...user.headers, origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    expect((await app.request("/api/accounts/me", { headers: user.headers })).status).toBe(200);
    const serverSide = await app.request("/api/accounts/logout", { method: "POST", headers: user.headers });
    expect(serverSide.status).toBe(204);
  });
});
