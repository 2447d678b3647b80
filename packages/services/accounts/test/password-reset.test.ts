import { beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset, resetPassword, RESET_LINK_SECONDS } from "../src/domain/password-reset";
import { platform } from "../../../local/test/harness";
import { app } from "../src/app";
import { json, signInAs, signUp } from "./support";

beforeAll(() => {
  process.env.PASSWORD_HASH_LOG2N = "12";
});

const forgot = (email: string, headers: Record<string, string> = {}) => app.request("/api/accounts/password/forgot", json("POST", { email }, undefined, headers));
const reset = (token: string, password: string) => app.request("/api/accounts/password/reset", json("POST", { token, password }));

async function resetLinkSentTo(userId: string): Promise<{ token: string; resetUrl: string; expiresAt: string }> {
  await platform().bus.idle();
  const events = platform().bus.published.filter((e) => e["detail-type"] === "user.password_reset_requested");
  const data = (events.at(-1)?.detail as { data: { userId: string; resetUrl: string; expiresAt: string } }).data;
  expect(data.userId).toBe(userId);
  return { ...data, token: new URL(data.resetUrl).searchParams.get("token")! };
}

const SITE = "https://clinic.example";

describe("POST /api/accounts/password/forgot", () => {
  it("answers 202 with the same body whether or not the email is registered", async () => {
    await signUp("client", { email: "forgetful@example.com" });
    const known = await forgot("Forgetful@example.com");
    const unknown = await forgot("stranger@example.com");
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
  });

  it("publishes user.password_reset_requested with a one-hour link to the site", async () => {
    const user = await signUp("client", { email: "link@example.com", firstName: "Ruby" });
    const published = platform().bus.published.length;
    expect((await forgot("link@example.com")).status).toBe(202);
    const link = await resetLinkSentTo(user.userId);
    expect(link.resetUrl).toMatch(new RegExp(`^${process.env.SITE_URL}/reset-password\\?token=[A-Za-z0-9_-]{43}$`));
    const event = platform().bus.published.slice(published).find((e) => e["detail-type"] === "user.password_reset_requested");
    expect((event?.detail as { data: object }).data).toMatchObject({ email: "link@example.com", firstName: "Ruby" });
    const lifetime = Date.parse(link.expiresAt) - Date.parse((event!.detail as { occurredAt: string }).occurredAt);
    expect(Math.abs(lifetime - RESET_LINK_SECONDS * 1000)).toBeLessThan(5000);
  });

  it("publishes nothing for an unknown email", async () => {
    const before = platform().bus.published.length;
    await forgot("no-account@example.com");
    await platform().bus.idle();
    expect(platform().bus.published.slice(before).filter((e) => e["detail-type"] === "user.password_reset_requested")).toEqual([]);
  });

  it("is rate limited per email (3 per 15 minutes), registered or not", async () => {
    for (let i = 0; i < 3; i++) expect((await forgot("spam-me@example.com")).status).toBe(202);
    const blocked = await forgot("spam-me@example.com");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("refuses a malformed email with a field message", async () => {
    const res = await forgot("not an email");
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.email).toBe("Enter a valid email address");
  });
});

describe("POST /api/accounts/password/reset", () => {
  it("sets the new password once, and signs the user out everywhere", async () => {
    const user = await signUp("client", { email: "reset-me@example.com" });
    const laptop = await signInAs(user.userId);
    await forgot("reset-me@example.com");
    const { token } = await resetLinkSentTo(user.userId);

    const res = await reset(token, "harbour lights at dusk");
    expect(res.status).toBe(204);
    expect((await app.request("/api/accounts/me", { headers: user.headers })).status).toBe(401);
    expect((await app.request("/api/accounts/me", { headers: laptop.headers })).status).toBe(401);
    expect((await app.request("/api/accounts/login", json("POST", { email: user.email, password: "harbour lights at dusk" }))).status).toBe(200);

    const again = await reset(token, "another passphrase here");
    expect(again.status).toBe(400);
    expect((await again.json()).error).toMatchObject({ code: "accounts.reset_token_invalid", fields: { token: expect.any(String) } });
  });

  it("works exactly once under concurrent use of the same link", async () => {
    const user = await signUp("client", { email: "double-click@example.com" });
    const issued = await requestPasswordReset(user.email, {}, new Date(), SITE);
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => reset(issued!.token, `concurrent passphrase ${i}`)));
    expect(results.map((r) => r.status).sort()).toEqual([204, 400, 400, 400, 400]);
  });

  it("expires after one hour", async () => {
    const user = await signUp("client", { email: "slow-reader@example.com" });
    const requestedAt = new Date("2026-06-01T09:00:00Z");
    const early = await requestPasswordReset(user.email, {}, requestedAt, SITE);
    const late = await requestPasswordReset(user.email, {}, requestedAt, SITE);
    await expect(resetPassword(late!.token, "too late passphrase", {}, new Date("2026-06-01T10:00:00Z"))).rejects.toMatchObject({ code: "accounts.reset_token_invalid" });
    await expect(resetPassword(early!.token, "just in time passphrase", {}, new Date("2026-06-01T09:59:59Z"))).resolves.toEqual({ userId: user.userId });
  });

  it("voids the user's other outstanding links once one is used", async () => {
    const user = await signUp("client", { email: "two-links@example.com" });
    const first = await requestPasswordReset(user.email, {}, new Date(), SITE);
    const second = await requestPasswordReset(user.email, {}, new Date(), SITE);
    expect((await reset(second!.token, "the second passphrase")).status).toBe(204);
    expect((await reset(first!.token, "the first passphrase")).status).toBe(400);
  });

  it.each([
    ["an unknown token", { token: "A".repeat(43), password: "harbour lights at dusk" }, "token"],
    ["a garbage token", { token: "<script>", password: "harbour lights at dusk" }, "token"],
    ["a weak password", { token: "A".repeat(43), password: "short" }, "password"],
    ["no token", { password: "harbour lights at dusk" }, "token"],
  ])("refuses %s with 400 and a field message", async (_case, body, field) => {
    const res = await app.request("/api/accounts/password/reset", json("POST", body));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields[field]).toEqual(expect.any(String));
  });
});
