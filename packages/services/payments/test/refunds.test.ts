import { describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { publish } from "../../../local/src/publish";
import { auditTrailOf } from "@mas/core/audit/audit";
import { platform, sentMail } from "../../../local/test/harness";
import {
  appointmentFor,
  body,
  call,
  depositIntent,
  json,
  pay,
  paymentRow,
  publishCancellation,
  publishNoShow,
  published,
  settle,
  signUp,
  startPayment,
  stripeClient,
  useSchedulerClock,
} from "./support";

useSchedulerClock();

const refundsAt = async (paymentIntentId: string) => (await stripeClient().refunds.list({ payment_intent: paymentIntentId })).data;
const idempotencyKeyOf = (refundId: string) => platform().stripe.events.find((e) => e.type === "refund.created" && (e.data.object as { id: string }).id === refundId)?.request?.idempotency_key;
const refundedEvents = (paymentId: string) => published("payment.refunded").filter((e) => e.paymentId === paymentId);

async function paidDeposit(overrides: Parameters<typeof appointmentFor>[1] = {}) {
  const deposit = await depositIntent(undefined, overrides);
  await pay(deposit.paymentIntentId);
  return deposit;
}

describe("owner refunds: POST /admin/payments/:id/refunds", () => {
  it("refunds in part, then the rest; each step at Stripe, recorded, audited and announced", async () => {
    const owner = await signUp("owner");
    const { started, paymentIntentId } = await paidDeposit();
    const first = await call(`/admin/payments/${started.paymentId}/refunds`, json("POST", { amountInPence: 1_200, reason: "Goodwill gesture" }, owner));
    expect(first.status).toBe(201);
    expect(await body(first)).toMatchObject({ payment: { status: "partially_refunded", refundedInPence: 1_200 }, refund: { amountInPence: 1_200, reason: "owner", requestedBy: owner.userId } });
    const rest = await call(`/admin/payments/${started.paymentId}/refunds`, json("POST", { reason: "Goodwill gesture" }, owner));
    expect(await body(rest)).toMatchObject({ payment: { status: "refunded", refundedInPence: 5_000 }, refund: { amountInPence: 3_800 } });
    await settle();
    expect((await refundsAt(paymentIntentId)).map((r) => r.amount).sort()).toEqual([1_200, 3_800]);
    expect(refundedEvents(started.paymentId).map((e) => e.refundedInPence)).toEqual([1_200, 5_000]);
    expect((await auditTrailOf(`payment:${started.paymentId}`)).map((a) => a.action)).toEqual(["payments.refunded", "payments.refunded"]);
    const detail = await body(await call(`/admin/payments/${started.paymentId}`, { headers: owner.headers }));
    expect(detail.refunds).toHaveLength(2);
    expect(detail.payment.history.map((h: { to: string }) => h.to)).toEqual(["requires_payment", "succeeded", "partially_refunded", "refunded"]);
    // Nothing is left.
    const again = await call(`/admin/payments/${started.paymentId}/refunds`, json("POST", { reason: "Goodwill gesture" }, owner));
    expect(again.status).toBe(409);
    expect((await body(again)).error.code).toBe("payments.not_refundable");
  });

  it("refuses more than is left (422) and refunds nothing", async () => {
    const owner = await signUp("owner");
    const { started, paymentIntentId } = await paidDeposit();
    const res = await call(`/admin/payments/${started.paymentId}/refunds`, json("POST", { amountInPence: 5_001, reason: "Goodwill gesture" }, owner));
    expect(res.status).toBe(422);
    expect((await body(res)).error).toMatchObject({ code: "payments.refund_too_large", fields: { amountInPence: "Must be at most 5000" } });
    expect(await refundsAt(paymentIntentId)).toEqual([]);
  });

  it("treats a double click as one refund", async () => {
    const owner = await signUp("owner");
    const { started, paymentIntentId } = await paidDeposit();
    const clicks = await Promise.all([1, 2, 3].map(() => call(`/admin/payments/${started.paymentId}/refunds`, json("POST", { amountInPence: 700, reason: "Goodwill gesture" }, owner))));
    expect(clicks.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    await settle();
    expect((await refundsAt(paymentIntentId)).map((r) => r.amount)).toEqual([700]);
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "partially_refunded", refundedInPence: 700 });
    expect((await auditTrailOf(`payment:${started.paymentId}`)).map((a) => a.action)).toEqual(["payments.refunded"]);
  });

  it("treats a late second click with the same Idempotency-Key as the same refund", async () => {
    const owner = await signUp("owner");
    const { started, paymentIntentId } = await paidDeposit();
    const send = () => call(`/admin/payments/${started.paymentId}/refunds`, json("POST", { amountInPence: 900, reason: "Goodwill gesture" }, owner, { "idempotency-key": "refund-form-8f3a2c" }));
    const first = await send();
    await settle();
    const second = await send();
    expect([first.status, second.status]).toEqual([201, 200]);
    expect((await body(second)).refund.refundId).toBe((await body(first)).refund.refundId);
    expect((await refundsAt(paymentIntentId)).map((r) => r.amount)).toEqual([900]);
    // Without the key, a second click later is a second refund the owner asked for.
    const third = await call(`/admin/payments/${started.paymentId}/refunds`, json("POST", { amountInPence: 900, reason: "Goodwill gesture" }, owner));
    expect(third.status).toBe(201);
    expect(await paymentRow(started.paymentId)).toMatchObject({ refundedInPence: 1_800 });
  });

  it("refuses to refund an unpaid deposit (409)", async () => {
    const owner = await signUp("owner");
    const { started } = await depositIntent();
    const res = await call(`/admin/payments/${started.paymentId}/refunds`, json("POST", { reason: "Goodwill gesture" }, owner));
    expect(res.status).toBe(409);
  });
});

describe("appointment.cancelled → the deposit, per booking's policy", () => {
  it("late cancellation: refunds deposit − fee at Stripe, keyed on the appointment, once", async () => {
    const { appointment, started, paymentIntentId } = await paidDeposit();
    await publishCancellation(appointment, { late: true, feeInPence: 3_300, refundInPence: 1_700 });
    const refunds = await refundsAt(paymentIntentId);
    expect(refunds.map((r) => r.amount)).toEqual([1_700]);
    expect(idempotencyKeyOf(refunds[0]!.id)).toBe(`refund-cancel-${appointment.appointmentId}`);
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "partially_refunded", refundedInPence: 1_700 });
    expect(refundedEvents(started.paymentId).map((e) => e.refundedInPence)).toEqual([1_700]);
    // The same cancellation delivered again moves no more money.
    await publishCancellation(appointment, { late: true, feeInPence: 3_300, refundInPence: 1_700 });
    expect((await refundsAt(paymentIntentId)).map((r) => r.amount)).toEqual([1_700]);
  });

  it("free cancellation (or by the owner): the whole deposit goes back", async () => {
    const { appointment, started, paymentIntentId } = await paidDeposit();
    await publishCancellation(appointment, { cancelledBy: "owner", feeInPence: 0, refundInPence: 5_000 });
    expect((await refundsAt(paymentIntentId)).map((r) => r.amount)).toEqual([5_000]);
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "refunded", refundedInPence: 5_000 });
  });

  it("a fee as large as the deposit keeps all of it", async () => {
    const { appointment, started, paymentIntentId } = await paidDeposit();
    await publishCancellation(appointment, { late: true, feeInPence: 6_000, refundInPence: 0 });
    expect(await refundsAt(paymentIntentId)).toEqual([]);
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "succeeded", refundedInPence: 0 });
  });

  it("an unpaid deposit's intent is cancelled, so it can no longer be paid", async () => {
    const { client, appointment, started, paymentIntentId } = await depositIntent();
    await publishCancellation(appointment, { feeInPence: 0, refundInPence: 0 });
    expect((await stripeClient().paymentIntents.retrieve(paymentIntentId)).status).toBe("canceled");
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "canceled" });
    const res = await startPayment(client, { kind: "deposit", subjectId: appointment.appointmentId });
    expect(res.status).toBe(409);
  });
});

describe("appointment.deposit_orphaned → the whole deposit back", () => {
  it("refunds everything left, keyed on the appointment, once", async () => {
    const { client, appointment, started, paymentIntentId } = await paidDeposit();
    const orphaned = { appointmentId: appointment.appointmentId, clientId: client.userId, paymentId: started.paymentId, amountInPence: 5_000, reason: "slot_taken" as const };
    await publish(Events.AppointmentDepositOrphaned, orphaned);
    await publish(Events.AppointmentDepositOrphaned, orphaned);
    await settle();
    const refunds = await refundsAt(paymentIntentId);
    expect(refunds.map((r) => r.amount)).toEqual([5_000]);
    expect(idempotencyKeyOf(refunds[0]!.id)).toBe(`refund-orphan-${appointment.appointmentId}`);
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "refunded" });
  });
});

describe("appointment.no_show → the no-show fee", () => {
  it("charges fee − deposit off-session on the card saved with the deposit, once", async () => {
    const { client, appointment, started: deposit } = await paidDeposit();
    await publishNoShow(appointment, 8_000);
    const fee = await paymentRow(`fee-${appointment.appointmentId}`);
    expect(fee).toMatchObject({ kind: "fee", status: "succeeded", amountInPence: 3_000, userId: client.userId, subjectId: appointment.appointmentId });
    const depositRow = await paymentRow(deposit.paymentId);
    const intent = await stripeClient().paymentIntents.retrieve(fee!.stripePaymentIntentId!);
    expect(intent).toMatchObject({ amount: 3_000, status: "succeeded", customer: depositRow!.stripeCustomerId, payment_method: depositRow!.savedPaymentMethodId });
    expect(platform().stripe.events.find((e) => e.type === "payment_intent.created" && (e.data.object as { id: string }).id === intent.id)?.request?.idempotency_key).toBe(
      `pi-fee-${appointment.appointmentId}`,
    );
    expect(published("payment.succeeded").filter((e) => e.paymentId === fee!.paymentId)).toEqual([
      { paymentId: fee!.paymentId, kind: "fee", subjectId: appointment.appointmentId, userId: client.userId, amountInPence: 3_000 },
    ]);
    await publishNoShow(appointment, 8_000);
    const charges = await stripeClient().paymentIntents.list({ customer: depositRow!.stripeCustomerId });
    expect(charges.data.filter((pi) => pi.metadata["kind"] === "fee")).toHaveLength(1);
  });

  it("charges nothing when the deposit covers the fee", async () => {
    const { appointment } = await paidDeposit();
    await publishNoShow(appointment, 5_000);
    expect(await paymentRow(`fee-${appointment.appointmentId}`)).toBeNull();
  });

  it("without a saved card, raises the fee for the client to pay on-session", async () => {
    const client = await signUp("client");
    const appointment = await appointmentFor(client.userId, { status: "confirmed", depositInPence: 0 });
    await publishNoShow(appointment, 4_000);
    const fee = await paymentRow(`fee-${appointment.appointmentId}`);
    expect(fee).toMatchObject({ status: "requires_payment", amountInPence: 4_000, offSessionAgreed: false });
    const res = await startPayment(client, { kind: "fee", subjectId: appointment.appointmentId });
    expect(res.status).toBe(200);
    const started = await body(res);
    expect(started).toMatchObject({ paymentId: fee!.paymentId, amountInPence: 4_000 });
    expect(started.mandate).toBeUndefined();
    await pay(fee!.stripePaymentIntentId!);
    expect(await paymentRow(fee!.paymentId)).toMatchObject({ status: "succeeded" });
    // Nobody else can pay (or see) it.
    const other = await signUp("client");
    expect((await startPayment(other, { kind: "fee", subjectId: appointment.appointmentId })).status).toBe(404);
  });

  /** The fee's failure email: sent to the client, with a link to where they pay it. */
  async function feeMail(client: { email: string }) {
    const mails = (await sentMail()).filter((m) => m.destination.to.some((to) => to.toLowerCase() === client.email.toLowerCase()));
    return mails.find((m) => /did not go through/.test(m.subject));
  }

  /** The fee could not be charged off-session: it is raised, mailed, and the client pays it on-session. */
  async function expectFeeRaisedAndMailed(client: Awaited<ReturnType<typeof signUp>>, appointmentId: string, reason: string) {
    const fee = await paymentRow(`fee-${appointmentId}`);
    expect(fee).toMatchObject({ status: "failed", failureReason: reason, amountInPence: 2_500 });
    expect(published("payment.failed").filter((e) => e.paymentId === fee!.paymentId)).toHaveLength(1);
    const mail = await feeMail(client);
    expect(mail, "the client is emailed about the fee").toBeDefined();
    expect(mail!.body.html).toContain("£25.00");
    // The button takes the client to the page where they pay this fee.
    const href = /href="([^"]*\/account\/payments\/pay[^"]*)"/.exec(mail!.body.html ?? "")?.[1]?.replace(/&(#38|amp);/g, "&");
    expect(href, "a pay link in the email").toBeDefined();
    const link = new URL(href!);
    expect(link.origin + link.pathname).toBe(`${process.env.SITE_URL}/account/payments/pay`);
    expect(Object.fromEntries(link.searchParams)).toEqual({ kind: "fee", subject: appointmentId });
    // The intent behind the fee is one the client can pay on-session.
    const intent = await stripeClient().paymentIntents.retrieve(fee!.stripePaymentIntentId!);
    expect(intent).toMatchObject({ status: "requires_payment_method", amount: 2_500, metadata: { paymentId: fee!.paymentId } });
    const res = await startPayment(client, { kind: "fee", subjectId: appointmentId });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ paymentId: fee!.paymentId, amountInPence: 2_500 });
    await pay(fee!.stripePaymentIntentId!);
    expect(await paymentRow(fee!.paymentId)).toMatchObject({ status: "succeeded" });
  }

  it("when the saved card was detached (Stripe's 400, no intent), raises the fee on-session and emails the client a pay link", async () => {
    const { client, appointment, started: deposit } = await paidDeposit();
    const row = await paymentRow(deposit.paymentId);
    await stripeClient().paymentMethods.detach(row!.savedPaymentMethodId!);
    await publishNoShow(appointment, 7_500);
    await expectFeeRaisedAndMailed(client, appointment.appointmentId, "payment_method_unusable");
    // The no-show event was handled, not retried into the dead letters.
    expect(platform().bus.deadLetters.filter((d) => JSON.stringify(d.event).includes(appointment.appointmentId))).toEqual([]);
  });

  it("when the bank wants the client present (402 authentication_required), raises the fee on-session and emails the client a pay link", async () => {
    // The deposit is paid with a card that asks for 3-D Secure on every charge.
    const { client, appointment, started: deposit, paymentIntentId } = await depositIntent();
    const confirmed = await stripeClient().paymentIntents.confirm(paymentIntentId, { payment_method: "pm_card_authenticationRequired", return_url: `${process.env.SITE_URL}/book/confirmation` });
    expect(confirmed.status).toBe("requires_action");
    await pay(paymentIntentId);
    expect((await paymentRow(deposit.paymentId))?.savedPaymentMethodId).toMatch(/^pm_/);
    await publishNoShow(appointment, 7_500);
    await expectFeeRaisedAndMailed(client, appointment.appointmentId, "authentication_required");
  });
});
