import { beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { appointmentFor, body, call, depositIntent, json, pay, signUp, type TestUser, useSchedulerClock } from "./support";

useSchedulerClock();

let client: TestUser;
let student: TestUser;
let owner: TestUser;
let stranger: TestUser;
let paid: Awaited<ReturnType<typeof depositIntent>>;
let unpaid: Awaited<ReturnType<typeof depositIntent>>;
let july: Awaited<ReturnType<typeof depositIntent>>;
let awaitingDeposit: Awaited<ReturnType<typeof appointmentFor>>;

beforeAll(async () => {
  [client, student, owner, stranger] = await Promise.all([signUp("client"), signUp("student"), signUp("owner"), signUp("client")]);
  // 1 June: a paid deposit; 15 June: an unpaid one; 2 July: a paid one, then half refunded.
  paid = await depositIntent(client);
  await pay(paid.paymentIntentId);
  await platform().scheduler.advanceTo(new Date("2026-06-15T10:00:00Z"));
  unpaid = await depositIntent(client);
  await platform().scheduler.advanceTo(new Date("2026-07-02T08:30:00Z"));
  july = await depositIntent(stranger);
  await pay(july.paymentIntentId);
  const refund = await call(`/admin/payments/${july.started.paymentId}/refunds`, json("POST", { amountInPence: 2_500, reason: "Goodwill gesture" }, owner));
  expect(refund.status).toBe(201);
  awaitingDeposit = await appointmentFor(client.userId);
}, 60_000);

const anonymous = { headers: {} as Record<string, string> };
type Who = "anonymous" | "client" | "student" | "owner" | "stranger";
const as = (who: Who) => ({ anonymous, client, student, owner, stranger })[who];

// First, while the table holds only the three payments above (the role tests add more).
describe("owner views", () => {
  const list = async (query: string) => (await body(await call(`/admin/payments${query}`, { headers: owner.headers }))).payments as { paymentId: string }[];

  it("lists one client's payments, newest first, and nobody else's", async () => {
    const mine = (await body(await call(`/admin/users/${client.userId}/payments`, { headers: owner.headers }))).payments as { paymentId: string; userId: string }[];
    expect(mine.map((p) => p.paymentId)).toEqual([unpaid.started.paymentId, paid.started.paymentId]);
    expect((await body(await call("/admin/users/nobody-at-all/payments", { headers: owner.headers }))).payments).toEqual([]);
  });

  it("lists by creation date (London calendar days, both ends included), newest first, filtered by kind and status", async () => {
    expect((await list("?from=2026-06-01&to=2026-07-31")).map((p) => p.paymentId)).toEqual([july.started.paymentId, unpaid.started.paymentId, paid.started.paymentId]);
    expect((await list("?from=2026-06-02&to=2026-06-30")).map((p) => p.paymentId)).toEqual([unpaid.started.paymentId]);
    expect((await list("?from=2026-06-01&to=2026-07-31&status=succeeded")).map((p) => p.paymentId)).toEqual([paid.started.paymentId]);
    expect((await list("?from=2026-06-01&to=2026-07-31&status=partially_refunded")).map((p) => p.paymentId)).toEqual([july.started.paymentId]);
    expect(await list("?from=2026-06-01&to=2026-07-31&kind=course_fee")).toEqual([]);
    // Default: the 30 days up to today (2 July).
    expect((await list("")).map((p) => p.paymentId)).toEqual([july.started.paymentId, unpaid.started.paymentId]);
    const [row] = await list("?from=2026-07-02&to=2026-07-02");
    expect(row).toMatchObject({ userId: stranger.userId, amountInPence: 5_000, refundedInPence: 2_500, offSessionAgreed: true, cardSavedForFees: true, stripePaymentIntentId: july.paymentIntentId });
  });

  it("totals by month and kind, net of refunds", async () => {
    const summary = await body(await call("/admin/payments/summary?year=2026", { headers: owner.headers }));
    const june = summary.months.find((m: { month: string }) => m.month === "2026-06");
    const julyTotals = summary.months.find((m: { month: string }) => m.month === "2026-07");
    expect(june.byKind.deposit).toEqual({ count: 1, grossInPence: 5_000, refundedInPence: 0, disputedInPence: 0, netInPence: 5_000 });
    expect(julyTotals.byKind.deposit).toEqual({ count: 1, grossInPence: 5_000, refundedInPence: 2_500, disputedInPence: 0, netInPence: 2_500 });
    expect(summary.total).toMatchObject({ count: 2, netInPence: 7_500 });
    expect(summary.months).toHaveLength(12);
  });

  it("exports CSV with the right headers, one row per payment", async () => {
    const res = await call("/admin/payments/export.csv?from=2026-06-01&to=2026-07-31", { headers: owner.headers });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="payments-2026-06-01-to-2026-07-31.csv"');
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("paymentId,createdAt,paidAt,kind,subjectId,userId,status,amountGBP,refundedGBP,netGBP,description,stripePaymentIntentId,refundReasons");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`${july.started.paymentId},2026-07-02T08:30:00.000Z,2026-07-02T08:30:00.000Z,deposit,`);
    expect(lines[1]).toContain(",partially_refunded,50.00,25.00,25.00,Appointment deposit,");
    expect(lines[1]!.endsWith(",Goodwill gesture")).toBe(true);
    expect(lines[2]).toContain(",requires_payment,50.00,0.00,0.00,");
    expect(lines[2]!.endsWith(",")).toBe(true);
  });

  it("keeps the owner's reason with the refund and in the payment's history", async () => {
    const detail = await body(await call(`/admin/payments/${july.started.paymentId}`, { headers: owner.headers }));
    expect(detail.refunds).toEqual([expect.objectContaining({ reason: "owner", ownerReason: "Goodwill gesture", amountInPence: 2_500 })]);
    expect(detail.payment.history.at(-1).note).toContain("(Goodwill gesture)");
  });

  it("shows a client only their own receipts, without Stripe ids", async () => {
    const mine = (await body(await call("/me/payments", { headers: client.headers }))).payments;
    expect(mine.map((p: { paymentId: string }) => p.paymentId)).toEqual([unpaid.started.paymentId, paid.started.paymentId]);
    expect(mine[1]).toEqual({
      paymentId: paid.started.paymentId,
      kind: "deposit",
      subjectId: paid.appointment.appointmentId,
      description: "Appointment deposit",
      amountInPence: 5_000,
      refundedInPence: 0,
      currency: "gbp",
      status: "succeeded",
      createdAt: "2026-06-01T09:00:00.000Z",
      paidAt: "2026-06-01T09:00:00.000Z",
    });
    expect((await body(await call("/me/payments", { headers: student.headers }))).payments).toEqual([]);
  });
});

describe("route × role", () => {
  const get = (path: () => string) => (who: Who) => call(path(), { headers: as(who).headers });
  const post = (path: () => string, payload: () => unknown) => (who: Who) => call(path(), json("POST", payload(), as(who)));
  const routes: [string, (who: Who) => Promise<Response>, Partial<Record<Who, number>>][] = [
    ["POST /intents", post(() => "/intents", () => ({ kind: "deposit", subjectId: awaitingDeposit.appointmentId })), { anonymous: 401, owner: 403, client: 200, student: 404, stranger: 404 }],
    ["GET /me/payments", get(() => "/me/payments"), { anonymous: 401, client: 200, student: 200, owner: 200, stranger: 200 }],
    ["GET /me/payments/:id", get(() => `/me/payments/${paid.started.paymentId}`), { anonymous: 401, client: 200, student: 404, owner: 404, stranger: 404 }],
    ["GET /me/payments/:id (missing)", get(() => "/me/payments/deposit-nope"), { client: 404 }],
    ["GET /admin/payments", get(() => "/admin/payments"), { anonymous: 401, client: 403, student: 403, stranger: 403, owner: 200 }],
    ["GET /admin/users/:userId/payments", get(() => `/admin/users/${client.userId}/payments`), { anonymous: 401, client: 403, student: 403, stranger: 403, owner: 200 }],
    ["GET /admin/payments/summary", get(() => "/admin/payments/summary?year=2026"), { anonymous: 401, client: 403, student: 403, owner: 200 }],
    ["GET /admin/payments/export.csv", get(() => "/admin/payments/export.csv"), { anonymous: 401, client: 403, student: 403, owner: 200 }],
    ["GET /admin/payments/:id", get(() => `/admin/payments/${paid.started.paymentId}`), { anonymous: 401, client: 403, student: 403, owner: 200 }],
    ["GET /admin/payments/:id (missing)", get(() => "/admin/payments/deposit-nope"), { owner: 404 }],
    ["POST /admin/payments/:id/refunds", post(() => `/admin/payments/${unpaid.started.paymentId}/refunds`, () => ({ reason: "Goodwill gesture" })), { anonymous: 401, client: 403, student: 403, owner: 409 }],
    ["POST /admin/payments/:id/refunds (missing)", post(() => "/admin/payments/deposit-nope/refunds", () => ({ reason: "Goodwill gesture" })), { owner: 404 }],
  ];
  const cases = routes.flatMap(([name, send, expected]) => Object.entries(expected).map(([who, status]) => [name, who as Who, status, send] as const));

  it.each(cases)("%s as %s → %i", async (_, who, status, send) => {
    const res = await send(who);
    expect(res.status).toBe(status);
    if (status >= 400) expect((await body(res)).error.code).toEqual(expect.any(String));
  });

  it("refuses a cross-site form post (CSRF) with 403", async () => {
    const res = await call("/intents", {
      method: "POST",
      headers: { ...client.headers, "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: "kind=deposit&subjectId=x",
    });
    expect(res.status).toBe(403);
    expect((await body(res)).error.code).toBe("auth.csrf_rejected");
  });

  it("never lets responses be cached", async () => {
    const res = await call("/me/payments", { headers: client.headers });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("bad input → 4xx, never 5xx", () => {
  const ownerGet = (path: string) => call(path, { headers: owner.headers });
  const refund = (payload: unknown, headers: Record<string, string> = {}) =>
    call(`/admin/payments/${paid.started.paymentId}/refunds`, json("POST", payload, owner, headers));
  it.each<[string, () => Promise<Response>, number]>([
    ["list: impossible date", () => ownerGet("/admin/payments?from=2026-02-30"), 400],
    ["list: not a date", () => ownerGet("/admin/payments?from=yesterday"), 400],
    ["list: from after to", () => ownerGet("/admin/payments?from=2026-07-01&to=2026-06-01"), 400],
    ["list: more than 366 days", () => ownerGet("/admin/payments?from=2025-01-01&to=2026-06-01"), 400],
    ["list: unknown kind", () => ownerGet("/admin/payments?kind=tip"), 400],
    ["list: unknown status", () => ownerGet("/admin/payments?status=paid"), 400],
    ["summary: year not a number", () => ownerGet("/admin/payments/summary?year=abc"), 400],
    ["summary: year out of range", () => ownerGet("/admin/payments/summary?year=99999"), 400],
    ["export: bad range", () => ownerGet("/admin/payments/export.csv?from=2026-13-01"), 400],
    ["refund: negative", () => refund({ amountInPence: -1 }), 400],
    ["refund: zero", () => refund({ amountInPence: 0 }), 400],
    ["refund: fractional pence", () => refund({ amountInPence: 1.5 }), 400],
    ["refund: a string", () => refund({ amountInPence: "100" }), 400],
    ["refund: extra keys", () => refund({ amountInPence: 100, reason: "Goodwill gesture", tip: 1 }), 400],
    ["refund: no reason", () => refund({ amountInPence: 100 }), 400],
    ["refund: blank reason", () => refund({ amountInPence: 100, reason: "   " }), 400],
    ["refund: reason too long", () => refund({ amountInPence: 100, reason: "x".repeat(501) }), 400],
    ["refund: huge", () => refund({ amountInPence: 1e12 }), 400],
    ["refund: bad idempotency key", () => refund({ reason: "Goodwill gesture" }, { "idempotency-key": "x" }), 400],
    ["refund: invalid JSON", () => call(`/admin/payments/${paid.started.paymentId}/refunds`, { method: "POST", headers: { ...owner.headers, "content-type": "application/json" }, body: "{" }), 400],
    ["id: too long", () => ownerGet(`/admin/payments/${"x".repeat(200)}`), 400],
    ["webhook: no signature", () => call("/webhook", { method: "POST", body: "{}" }), 400],
    ["webhook: empty", () => call("/webhook", { method: "POST", headers: { "stripe-signature": "" } }), 400],
    ["unknown route", () => ownerGet("/admin/nothing"), 404],
  ])("%s → %i", async (_, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
  });
});
