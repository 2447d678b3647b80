import { beforeAll, describe, expect, it } from "vitest";
import { saveSettings } from "@mas/booking/domain/settings-store";
import { platform } from "../../../local/test/harness";
import { START, book, call as bookingCall, clinicSettings, client, seedClinic, useSchedulerClock as useBookingClock } from "../../booking/test/support";
import { body, call, json, paymentRow, published, settle, signUp, stripeClient, type TestUser, useSchedulerClock } from "./support";

/**
 * The whole deposit journey across services, through the real local bus, scheduler and
 * fake Stripe: booking holds a slot, payments takes the deposit, booking reacts to
 * payments' events, and payments reacts to booking's.
 */
useSchedulerClock();
useBookingClock();

let owner: TestUser;
beforeAll(async () => {
  await seedClinic();
  // A 10% late-cancellation fee, so a late cancellation refunds part of the deposit.
  await saveSettings({ ...clinicSettings, lateCancelFeePercent: 10 } as Parameters<typeof saveSettings>[0], "test", START);
  owner = await signUp("owner");
});

const appointmentStatus = async (id: string) => (await body(await bookingCall(`/appointments/${id}`, { headers: owner.headers }))).appointment.status;
const fillerSlots = async (date: string) =>
  (await body(await bookingCall(`/availability?service=lip-filler-one-ml&from=${date}&to=${date}`))).slots.map((s: { start: string }) => s.start);

async function bookWithIntent(start: string, as?: TestUser) {
  const person = as ?? (await client());
  const booked = await book(person, "lip-filler-one-ml", start);
  expect(booked.status).toBe(201);
  const { appointment } = await body(booked);
  const res = await call("/intents", json("POST", { kind: "deposit", subjectId: appointment.appointmentId }, person));
  expect(res.status).toBe(200);
  const intent = await body(res);
  return { person, appointment, intent, paymentIntentId: intent.clientSecret.split("_secret_")[0] as string };
}

/** What the client's browser does on the local checkout page: press Pay (or have the card declined). */
async function checkout(checkoutUrl: string, outcome: "succeed" | "fail"): Promise<Response> {
  const res = await fetch(`${checkoutUrl}/complete`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `outcome=${outcome}`,
    redirect: "manual",
  });
  await platform().stripe.flushWebhooks();
  await settle();
  return res;
}

describe("deposit → checkout → webhook → confirmed", () => {
  it("confirms the appointment once the deposit is paid in the local checkout", async () => {
    const { appointment, intent } = await bookWithIntent("2026-06-09T10:15:00+01:00");
    expect(appointment).toMatchObject({ status: "pending_deposit", depositInPence: 5_000 });
    expect(intent.amountInPence).toBe(5_000);
    const res = await checkout(intent.checkoutUrl, "succeed");
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location")!);
    expect(`${back.origin}${back.pathname}`).toBe(`${process.env.SITE_URL}/book/confirmation`);
    expect(back.searchParams.get("appointment")).toBe(appointment.appointmentId);
    expect(back.searchParams.get("redirect_status")).toBe("succeeded");

    expect(await paymentRow(intent.paymentId)).toMatchObject({ status: "succeeded" });
    expect(published("payment.succeeded").filter((e) => e.paymentId === intent.paymentId)).toHaveLength(1);
    expect(await appointmentStatus(appointment.appointmentId)).toBe("confirmed");
    expect(published("appointment.confirmed").map((e) => e.appointmentId)).toContain(appointment.appointmentId);
  });

  it("a declined card leaves the hold to lapse, and the slot returns to availability", async () => {
    const { appointment, intent } = await bookWithIntent("2026-06-10T10:15:00+01:00");
    const res = await checkout(intent.checkoutUrl, "fail");
    expect(new URL(res.headers.get("location")!).searchParams.get("redirect_status")).toBe("failed");
    expect(await paymentRow(intent.paymentId)).toMatchObject({ status: "failed" });
    expect(published("payment.failed").filter((e) => e.paymentId === intent.paymentId)).toHaveLength(1);
    expect(await appointmentStatus(appointment.appointmentId)).toBe("pending_deposit");
    expect(await fillerSlots("2026-06-10")).not.toContain("2026-06-10T10:15:00+01:00");

    await platform().scheduler.advanceBy(16 * 60_000);
    await settle();
    expect(await appointmentStatus(appointment.appointmentId)).toBe("expired");
    expect(await fillerSlots("2026-06-10")).toContain("2026-06-10T10:15:00+01:00");
  });

  it("a deposit paid after the hold lapsed and the slot was taken is refunded in full", async () => {
    const { appointment, intent, paymentIntentId } = await bookWithIntent("2026-06-11T10:15:00+01:00");
    await platform().scheduler.advanceBy(16 * 60_000);
    await settle();
    expect(await appointmentStatus(appointment.appointmentId)).toBe("expired");
    const taker = await book(await client(), "lip-filler-one-ml", "2026-06-11T10:45:00+01:00");
    expect(taker.status).toBe(201);
    // The client still had the checkout open, and pays.
    await checkout(intent.checkoutUrl, "succeed");
    expect(published("appointment.deposit_orphaned").map((e) => e.appointmentId)).toContain(appointment.appointmentId);
    const refunds = (await stripeClient().refunds.list({ payment_intent: paymentIntentId })).data;
    expect(refunds.map((r) => r.amount)).toEqual([5_000]);
    expect(await paymentRow(intent.paymentId)).toMatchObject({ status: "refunded", refundedInPence: 5_000 });
    expect(await appointmentStatus(appointment.appointmentId)).toBe("expired");
  });
});

describe("booking's outcomes move the money", () => {
  it("a free cancellation through booking refunds the whole deposit", async () => {
    const { person, appointment, intent, paymentIntentId } = await bookWithIntent("2026-06-23T10:15:00+01:00");
    await checkout(intent.checkoutUrl, "succeed");
    const res = await bookingCall(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, person));
    expect(res.status).toBe(200);
    await settle();
    expect((await stripeClient().refunds.list({ payment_intent: paymentIntentId })).data.map((r) => r.amount)).toEqual([5_000]);
    expect(await paymentRow(intent.paymentId)).toMatchObject({ status: "refunded" });
  });

  it("a late cancellation through booking refunds deposit − fee and keeps the fee", async () => {
    const { person, appointment, intent, paymentIntentId } = await bookWithIntent("2026-06-02T15:00:00+01:00");
    await checkout(intent.checkoutUrl, "succeed");
    // Past the hour's grace after booking, when a late cancellation starts to cost.
    await platform().scheduler.advanceTo(new Date(platform().scheduler.now().getTime() + 61 * 60_000));
    await settle();
    const res = await bookingCall(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, person));
    expect((await body(res)).cancellation).toMatchObject({ late: true, feeInPence: 2_200, refundInPence: 2_800 });
    await settle();
    const refunds = (await stripeClient().refunds.list({ payment_intent: paymentIntentId })).data;
    expect(refunds.map((r) => r.amount)).toEqual([2_800]);
    expect(await paymentRow(intent.paymentId)).toMatchObject({ status: "partially_refunded", refundedInPence: 2_800 });
    expect(published("payment.refunded").filter((e) => e.paymentId === intent.paymentId)).toEqual([expect.objectContaining({ refundedInPence: 2_800 })]);
  });

  it("a no-show marked by the owner charges the fee less the deposit off-session on the saved card", async () => {
    const { person, appointment, intent } = await bookWithIntent("2026-06-03T10:15:00+01:00");
    await checkout(intent.checkoutUrl, "succeed");
    await platform().scheduler.advanceTo(new Date("2026-06-03T10:30:00+01:00"));
    await settle();
    const res = await bookingCall(`/admin/appointments/${appointment.appointmentId}/no-show`, json("POST", undefined, owner));
    expect(res.status).toBe(200);
    await settle();
    const fee = await paymentRow(`fee-${appointment.appointmentId}`);
    // noShowFeePercent 100% of £220 = £220, less the £50 deposit kept.
    expect(fee).toMatchObject({ kind: "fee", status: "succeeded", amountInPence: 17_000, userId: person.userId });
    const deposit = await paymentRow(intent.paymentId);
    const charged = await stripeClient().paymentIntents.retrieve(fee!.stripePaymentIntentId!);
    expect(charged).toMatchObject({ status: "succeeded", amount: 17_000, customer: deposit!.stripeCustomerId, payment_method: deposit!.savedPaymentMethodId });
  });
});
