import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kernelDb } from "@mas/core/db/service";
import { VIEWER_IP_HEADER } from "@mas/core/http/origin";
import { API_WRITES_PER_IP, classRules, ROUTE_CLASSES, windowAt, type RateLimitRule, type RouteClass } from "@mas/core/http/rate-limit";
import { clock } from "@mas/core/shared/clock";
import { json, signUp, type TestUser } from "../../services/accounts/test/support";
import { serviceApps } from "../src/services";

/**
 * Issue 20, abuse limits: table-backed counters per route class (booking, payment intents,
 * uploads) per signed-in person and per viewer IP, and a general per-IP limit on every
 * state-changing request — through the real service apps over DynamoDB Local.
 *
 * Windows follow the domain clock; this file pins it so a window cannot close mid-test.
 */
let now = new Date("2026-06-02T09:00:30Z");
let restore: () => void;
beforeAll(() => {
  restore = clock.use(() => now);
});
afterAll(() => restore());

const from = (ip: string, extra: Record<string, string> = {}) => ({ [VIEWER_IP_HEADER]: ip, ...extra });

const request = (service: keyof typeof serviceApps, path: string, init: RequestInit) => Promise.resolve(serviceApps[service].request(`/api/${service}${path}`, init));

/** Sets a counter as if `count` requests had already been made in the current window. */
async function prefill(rule: RateLimitRule, subject: string, count: number): Promise<void> {
  const window = windowAt(clock.now(), rule.windowSeconds);
  await kernelDb().entities.rateLimit.upsert({ key: `${rule.name}:${subject}`, windowStart: window.start, count, expiresAt: window.end }).go();
}
const perUser = (routeClass: RouteClass) => classRules(routeClass).perUser;
const perIp = (routeClass: RouteClass) => classRules(routeClass).perIp;

async function expectLimited(res: Response): Promise<void> {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("rate_limited");
  expect(body.error.message).toMatch(/^Too many .+\. Try again in \d+ minutes?\.$/);
}

describe("booking attempts", () => {
  const attempt = (as: TestUser, headers: Record<string, string>, body: unknown = { service: "no-such-treatment", start: "2026-06-10T10:00:00Z" }) =>
    request("booking", "/appointments", json("POST", body, as, { "idempotency-key": crypto.randomUUID(), ...headers }));

  it("counts every real attempt per person, whatever its outcome, and refuses the 21st within the hour", async () => {
    const ana = await signUp("client");
    for (let i = 0; i < ROUTE_CLASSES.booking.perUser.limit; i++) expect((await attempt(ana, from(`198.51.100.${i}`))).status).toBe(404);
    // A new address, a forged X-Forwarded-For: the person is still the same.
    await expectLimited(await attempt(ana, from("198.51.100.200", { "x-forwarded-for": "203.0.113.1" })));
    // Someone else from the same addresses is not affected.
    expect((await attempt(await signUp("client"), from("198.51.100.0"))).status).toBe(404);
  });

  it("does not count malformed requests (refused with 400 before any write)", async () => {
    const ben = await signUp("client");
    await prefill(perUser(ROUTE_CLASSES.booking), ben.userId, ROUTE_CLASSES.booking.perUser.limit);
    const res = await attempt(ben, from("198.51.100.30"), { service: "", start: "not a time" });
    expect(res.status).toBe(400);
  });

  it("lets the person try again when the window closes, and says when in Retry-After", async () => {
    const cara = await signUp("client");
    await prefill(perUser(ROUTE_CLASSES.booking), cara.userId, ROUTE_CLASSES.booking.perUser.limit);
    const refused = await attempt(cara, from("198.51.100.31"));
    await expectLimited(refused);
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBe(windowAt(now, 3600).retryAfterSeconds);
    const before = now;
    now = new Date(now.getTime() + wait * 1000);
    try {
      expect((await attempt(cara, from("198.51.100.31"))).status).toBe(404);
    } finally {
      now = before;
    }
  });

  it("limits one address across people (a script signing up accounts), more loosely than one person", async () => {
    const ip = "198.51.100.77";
    await prefill(perIp(ROUTE_CLASSES.booking), ip, ROUTE_CLASSES.booking.perIp.limit);
    await expectLimited(await attempt(await signUp("client"), from(ip)));
    // The forged header does not move the counter to another address.
    await expectLimited(await attempt(await signUp("client"), from(ip, { "x-forwarded-for": "203.0.113.99" })));
    expect((await attempt(await signUp("client"), from("198.51.100.78"))).status).toBe(404);
  });

  it("covers rescheduling and taking a waitlist offer too", async () => {
    const dan = await signUp("client");
    await prefill(perUser(ROUTE_CLASSES.booking), dan.userId, ROUTE_CLASSES.booking.perUser.limit);
    const id = "01JZZZZZZZZZZZZZZZZZZZZZZZ";
    await expectLimited(await request("booking", `/appointments/${id}/reschedule`, json("POST", { start: "2026-06-10T10:00:00Z" }, dan, from("198.51.100.32"))));
    await expectLimited(await request("booking", `/waitlist/${id}/accept`, json("POST", undefined, dan, from("198.51.100.32", { "idempotency-key": crypto.randomUUID() }))));
  });
});

describe("payment intents", () => {
  it("are limited per person and per address", async () => {
    const eve = await signUp("client");
    const start = (as: TestUser, ip: string) => request("payments", "/intents", json("POST", { kind: "deposit", subjectId: "nothing-here" }, as, from(ip)));
    expect((await start(eve, "198.51.100.40")).status).toBe(404);
    await prefill(perUser(ROUTE_CLASSES.paymentIntent), eve.userId, ROUTE_CLASSES.paymentIntent.perUser.limit);
    await expectLimited(await start(eve, "198.51.100.40"));
    await prefill(perIp(ROUTE_CLASSES.paymentIntent), "198.51.100.41", ROUTE_CLASSES.paymentIntent.perIp.limit);
    await expectLimited(await start(await signUp("student"), "198.51.100.41"));
  });
});

describe("uploads", () => {
  it("limit photo, public picture and entry-proof upload requests per person", async () => {
    const owner = await signUp("owner");
    const student = await signUp("student");
    await prefill(perUser(ROUTE_CLASSES.upload), owner.userId, ROUTE_CLASSES.upload.perUser.limit);
    await prefill(perUser(ROUTE_CLASSES.upload), student.userId, ROUTE_CLASSES.upload.perUser.limit);
    const ip = from("198.51.100.50");
    await expectLimited(await request("documents", "/admin/photos", json("POST", { clientId: "someone", contentType: "image/jpeg", size: 1000 }, owner, ip)));
    await expectLimited(await request("booking", "/admin/media", json("POST", { purpose: "logo", contentType: "image/png", size: 1000 }, owner, ip)));
    await expectLimited(await request("documents", "/me/entry-proofs", json("POST", { enrollmentId: "e1", contentType: "application/pdf", size: 1000 }, student, ip)));
  });
});

describe("every state-changing request, per address", () => {
  it("is limited across services once an address passes the general limit; reads and Stripe's webhook are not", async () => {
    const ip = "198.51.100.60";
    const fay = await signUp("client");
    await prefill(API_WRITES_PER_IP, ip, API_WRITES_PER_IP.limit);
    await expectLimited(await request("booking", "/waitlist", json("POST", { service: "x", fromDate: "2026-06-10", toDate: "2026-06-11" }, fay, from(ip))));
    await expectLimited(await request("accounts", "/logout", json("POST", undefined, fay, from(ip))));
    expect((await request("booking", "/services", { headers: from(ip) })).status).toBe(200);
    const webhook = await request("payments", "/webhook", { method: "POST", headers: { ...from(ip), "content-type": "application/json", "stripe-signature": "t=1,v1=bad" }, body: "{}" });
    expect(webhook.status).toBe(400);
    // Without a viewer IP (no front door: a test or a tool in-process) nothing is counted per address.
    expect((await request("accounts", "/logout", json("POST", undefined, fay))).status).not.toBe(429);
  });
});
