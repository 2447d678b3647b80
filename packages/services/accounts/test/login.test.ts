import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../src/domain/credentials";
import { auditTrailOf } from "@mas/core/audit/audit";
import { app } from "../src/app";
import { json, sessionCookieFrom, signUp, TEST_PASSWORD } from "./support";
import { platform, sentMail } from "../../../local/test/harness";

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

  describe("throttling (failures only, per account and source)", () => {
    const from = (ip: string) => ({ "x-mas-viewer-ip": ip });

    it("50 wrong passwords from one source, then the right password from a clean source → 200", async () => {
      const user = await signUp("client", { email: "besieged@example.com" });
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) statuses.push((await login("besieged@example.com", `wrong guess ${i}`, from("203.0.113.60"))).status);
      // Three free tries, then the attacker waits (429) instead of guessing: slowed, not a free lockout of the owner.
      expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(40);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      const blocked = await login("besieged@example.com", user.password, from("203.0.113.60"));
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await blocked.json()).error.code).toBe("accounts.rate_limited");
      // The owner, on their own phone, is not locked out.
      expect((await login("besieged@example.com", user.password, from("198.51.100.20"))).status).toBe(200);
    });

    it("successful sign-ins never throttle: 40 in a row from one clinic tablet", async () => {
      const users = await Promise.all([0, 1, 2, 3].map((i) => signUp("client", { email: `tablet-${i}@example.com` })));
      for (let round = 0; round < 10; round++) {
        for (const user of users) expect((await login(user.email, user.password, from("203.0.113.61"))).status).toBe(200);
      }
    });

    it("a right password clears the source's failures on that account", async () => {
      const user = await signUp("client", { email: "typo@example.com" });
      const now = new Date("2026-06-01T10:00:00Z");
      const origin = { ip: "203.0.113.62" };
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 3; i++) await expect(signIn("typo@example.com", "wrong password here", origin, now)).rejects.toMatchObject({ code: "accounts.invalid_credentials" });
        await expect(signIn("typo@example.com", user.password, origin, now)).resolves.toMatchObject({ user: { userId: user.userId } });
      }
    });

    it("slows a failing source down step by step, and it may try again once the wait is over", async () => {
      await signUp("client", { email: "slow@example.com" });
      const origin = { ip: "203.0.113.63" };
      const at = (seconds: number) => new Date(Date.parse("2026-06-01T11:00:00Z") + seconds * 1000);
      for (let i = 0; i < 4; i++) await expect(signIn("slow@example.com", "wrong password here", origin, at(0))).rejects.toMatchObject({ code: "accounts.invalid_credentials" });
      // 4th failure: wait 1 s.
      await expect(signIn("slow@example.com", "wrong password here", origin, at(0))).rejects.toMatchObject({ code: "accounts.rate_limited", headers: { "Retry-After": "1" } });
      await expect(signIn("slow@example.com", "wrong password here", origin, at(1))).rejects.toMatchObject({ code: "accounts.invalid_credentials" });
      // 5th failure: wait 2 s.
      await expect(signIn("slow@example.com", "wrong password here", origin, at(2))).rejects.toMatchObject({ code: "accounts.rate_limited", headers: { "Retry-After": "1" } });
      await expect(signIn("slow@example.com", "wrong password here", origin, at(3))).rejects.toMatchObject({ code: "accounts.invalid_credentials" });
    });

    it("a source guessing across many accounts is slowed for every account it tries", async () => {
      for (let i = 0; i < 10; i++) expect((await login(`stuffing-${i}@example.com`, "wrong password here", from("203.0.113.64"))).status).toBe(401);
      expect((await login("stuffing-10@example.com", "wrong password here", from("203.0.113.64"))).status).toBe(401);
      expect((await login("stuffing-11@example.com", "wrong password here", from("203.0.113.64"))).status).toBe(429);
      expect((await login("stuffing-12@example.com", "wrong password here", from("203.0.113.65"))).status).toBe(401);
    });

    it("mails the account's owner once on a burst from many sources, and never for an unknown address", async () => {
      const user = await signUp("client", { email: "spread@example.com" });
      for (let i = 0; i < 25; i++) expect((await login("spread@example.com", "wrong password here", from(`192.0.2.${i}`))).status).toBe(401);
      // A burst makes failing sources wait from their first failure; the owner still signs in from a clean one.
      expect((await login("spread@example.com", "wrong password here", from("192.0.2.24"))).status).toBe(429);
      expect((await login("spread@example.com", user.password, from("198.51.100.77"))).status).toBe(200);
      for (let i = 0; i < 12; i++) await login("nobody-at-all@example.com", "wrong password here", from(`192.0.2.${100 + i}`));
      await platform().bus.idle();
      const mails = (await sentMail()).filter((mail) => mail.subject.startsWith("Someone is trying to sign in"));
      expect(mails.filter((mail) => mail.destination.to.join().includes("spread@example.com"))).toHaveLength(1);
      expect(mails.filter((mail) => mail.destination.to.join().includes("nobody-at-all"))).toHaveLength(0);
      expect(mails[0]!.body.text).toContain("There have been 10 unsuccessful attempts");
    });
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
