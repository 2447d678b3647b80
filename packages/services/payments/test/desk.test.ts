import { beforeAll, describe, expect, it } from "vitest";
import { book, call as bookingCall, client, seedClinic, useSchedulerClock as useBookingClock } from "../../booking/test/support";
import { body, call, json, pay, paymentRow, published, settle, signUp, type TestUser, useSchedulerClock } from "./support";

/**
 * The front desk's money through the real local bus and fake Stripe: a deposit paid in the
 * clinic confirms the booking, the balance is taken by card at the desk or recorded as cash,
 * and the day's takings add them up.
 */
useSchedulerClock();
useBookingClock();

let owner: TestUser;
let student: TestUser;
beforeAll(async () => {
  await seedClinic();
  [owner, student] = await Promise.all([signUp("owner"), signUp("student")]);
});

const appointment = async (id: string) => (await body(await bookingCall(`/appointments/${id}`, { headers: owner.headers }))).appointment;
async function pendingDeposit(start: string) {
  const person = await client();
  const booked = await book(person, "lip-filler-one-ml", start);
  expect(booked.status).toBe(201);
  return { person, appointment: (await body(booked)).appointment };
}

describe("who may use the desk routes", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/admin/payments/takings"],
    ["POST", "/admin/payments/desk-intents", { kind: "balance", subjectId: "x" }],
    ["POST", "/admin/payments/in-person", { kind: "balance", subjectId: "x", method: "cash" }],
  ];
  it.each(routes)("%s %s: 401 anonymous, 403 client and student", async (method, path, payload) => {
    const someone = await client();
    expect((await call(path, json(method, payload))).status).toBe(401);
    expect((await call(path, json(method, payload, someone))).status).toBe(403);
    expect((await call(path, json(method, payload, student))).status).toBe(403);
  });

  it.each([
    ["/admin/payments/in-person", { kind: "fee", subjectId: "x", method: "cash" }, "kind"],
    ["/admin/payments/in-person", { kind: "balance", subjectId: "x", method: "cheque" }, "method"],
    ["/admin/payments/in-person", { kind: "balance", subjectId: "x", method: "cash", amountInPence: 1 }, ""],
    ["/admin/payments/desk-intents", { kind: "balance" }, "subjectId"],
  ])("POST %s with bad input: 400", async (path, payload, field) => {
    const res = await call(path, json("POST", payload, owner));
    expect(res.status).toBe(400);
    if (field) expect((await body(res)).error.fields).toHaveProperty(field);
  });

  it("404 for an appointment that does not exist", async () => {
    expect((await call("/admin/payments/in-person", json("POST", { kind: "balance", subjectId: "nope", method: "cash" }, owner))).status).toBe(404);
    expect((await call("/admin/payments/desk-intents", json("POST", { kind: "balance", subjectId: "nope" }, owner))).status).toBe(404);
  });
});

describe("money at the desk", () => {
  it("a deposit paid in the clinic confirms the booking through payment.succeeded", async () => {
    const { appointment: booked } = await pendingDeposit("2026-06-09T10:15:00+01:00");
    const res = await call("/admin/payments/in-person", json("POST", { kind: "deposit", subjectId: booked.appointmentId, method: "terminal" }, owner));
    expect(res.status).toBe(201);
    expect((await body(res)).payment).toMatchObject({ kind: "deposit", method: "terminal", status: "succeeded", amountInPence: 5_000, stripePaymentIntentId: null });
    await settle();
    expect(await appointment(booked.appointmentId)).toMatchObject({ status: "confirmed", depositPaidInPence: 5_000 });
    expect((await call("/admin/payments/in-person", json("POST", { kind: "deposit", subjectId: booked.appointmentId, method: "cash" }, owner))).status).toBe(409);
  });

  it("the balance is the price less the deposit, by card at the desk or in cash — once", async () => {
    const { appointment: booked } = await pendingDeposit("2026-06-10T10:15:00+01:00");
    expect((await call("/admin/payments/desk-intents", json("POST", { kind: "balance", subjectId: booked.appointmentId }, owner))).status).toBe(409); // not confirmed yet
    await call("/admin/payments/in-person", json("POST", { kind: "deposit", subjectId: booked.appointmentId, method: "cash" }, owner));
    await settle();

    const started = await call("/admin/payments/desk-intents", json("POST", { kind: "balance", subjectId: booked.appointmentId }, owner));
    expect(started.status).toBe(200);
    const intent = await body(started);
    expect(intent).toMatchObject({ kind: "balance", amountInPence: 22_000 - 5_000 });
    expect(intent.clientSecret).toMatch(/_secret_/);
    // The client decides to pay cash instead: the card intent is cancelled, the cash recorded.
    const cash = await call("/admin/payments/in-person", json("POST", { kind: "balance", subjectId: booked.appointmentId, method: "cash" }, owner));
    expect(cash.status).toBe(201);
    expect(await paymentRow(intent.paymentId)).toMatchObject({ status: "canceled" });
    expect((await call("/admin/payments/desk-intents", json("POST", { kind: "balance", subjectId: booked.appointmentId }, owner))).status).toBe(409);
    expect((await call("/admin/payments/in-person", json("POST", { kind: "balance", subjectId: booked.appointmentId, method: "terminal" }, owner))).status).toBe(409);
  });

  it("a card balance paid at the desk succeeds through Stripe's webhook, and the day's takings reconcile", async () => {
    const { appointment: booked } = await pendingDeposit("2026-06-11T10:15:00+01:00");
    await call("/admin/payments/in-person", json("POST", { kind: "deposit", subjectId: booked.appointmentId, method: "cash" }, owner));
    await settle();
    const intent = await body(await call("/admin/payments/desk-intents", json("POST", { kind: "balance", subjectId: booked.appointmentId }, owner)));
    await pay(intent.clientSecret.split("_secret_")[0]);
    expect(await paymentRow(intent.paymentId)).toMatchObject({ status: "succeeded", kind: "balance" });
    expect(published("payment.succeeded").filter((e) => e.paymentId === intent.paymentId)).toHaveLength(1);

    const takings = await body(await call("/admin/payments/takings?date=2026-06-01", { headers: owner.headers }));
    const mine = takings.payments.filter((p: { subjectId: string }) => p.subjectId === booked.appointmentId);
    expect(mine.map((p: { method: string; amountInPence: number }) => [p.method, p.amountInPence]).sort()).toEqual([
      ["cash", 5_000],
      ["stripe", 17_000],
    ]);
    expect(takings.totalInPence).toBe(takings.byMethod.stripe + takings.byMethod.cash + takings.byMethod.terminal);
    expect(takings.totalInPence).toBe(Object.values(takings.byKind as Record<string, number>).reduce((a, b) => a + b, 0));
    expect((await call("/admin/payments/takings?date=2026-13-01", { headers: owner.headers })).status).toBe(400);
  });
});
