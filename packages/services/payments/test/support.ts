import { db as bookingDb } from "@mas/booking/entities";
import { randomUUID } from "node:crypto";
import { beforeAll } from "vitest";
import { db } from "../src/entities";
import type { AppointmentStatus } from "@mas/booking/read";
import { Events, type EventData } from "@mas/core/events/catalogue";
import { publish } from "../../../local/src/publish";
import { clock } from "@mas/core/shared/clock";
import { platform } from "../../../local/test/harness";
import { json, signUp, type TestUser } from "../../accounts/test/support";
import { app } from "../src/app";

export { json, signUp, type TestUser };

/**
 * Payments' test helpers. Everything goes through the real pieces: the payments app (its
 * routes, via `app.request`), the gateway URL the fake Stripe posts webhooks to, the local
 * bus, and the fake Stripe driven with the real SDK. Payments' clock follows the local
 * scheduler's manual clock (2026-06-01 09:00 UTC at the start of each file).
 */
export function useSchedulerClock(): void {
  beforeAll(() => clock.use(() => platform().scheduler.now()));
}

export function call(path: string, init?: RequestInit): Promise<Response> {
  return Promise.resolve(app.request(`/api/payments${path}`, init));
}

export async function body<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** A real SDK client for the fake (the test's view of "the Stripe dashboard"). */
export function stripeClient(): ReturnType<ReturnType<typeof platform>["stripe"]["client"]> {
  return platform().stripe.client();
}

/** Waits until the bus and the fake Stripe's webhook queue are both quiet (each can feed the other). */
export async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const before = platform().bus.published.length + platform().stripe.webhookDeliveries.length;
    await platform().bus.idle();
    await platform().stripe.flushWebhooks();
    await platform().bus.idle();
    if (platform().bus.published.length + platform().stripe.webhookDeliveries.length === before) return;
  }
}

let nextSlot = 0;

/**
 * An appointment as booking stores it, written straight to the table: payments only reads
 * it (to price and authorise a deposit), so its tests need no booking routes.
 */
export async function appointmentFor(
  clientId: string,
  overrides: { status?: AppointmentStatus; depositInPence?: number; priceInPence?: number; holdMinutes?: number } = {},
) {
  const now = platform().scheduler.now();
  // Each fixture gets its own slot: booking claims the diary cells when the deposit arrives.
  const start = new Date(now.getTime() + 7 * 24 * 3600_000 + nextSlot++ * 90 * 60_000);
  const end = new Date(start.getTime() + 60 * 60_000);
  const status = overrides.status ?? "pending_deposit";
  const item = {
    appointmentId: randomUUID(),
    clientId,
    serviceId: "svc-filler",
    serviceSlug: "lip-filler-one-ml",
    serviceName: "Lip filler, 1 ml",
    category: "dermal-filler",
    start: start.toISOString(),
    end: end.toISOString(),
    occupiedStart: start.toISOString(),
    occupiedEnd: end.toISOString(),
    diaryQuarter: `${start.getUTCFullYear()}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`,
    lockCells: [],
    status,
    priceInPence: overrides.priceInPence ?? 22_000,
    depositInPence: overrides.depositInPence ?? 5_000,
    depositPaidInPence: 0,
    needsReview: false,
    riskFlags: [],
    history: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...(status === "pending_deposit" ? { holdExpiresAt: new Date(now.getTime() + (overrides.holdMinutes ?? 15) * 60_000).toISOString() } : {}),
  };
  await bookingDb().entities.appointment.create(item).go({ response: "none" });
  return item;
}

export function startPayment(as: TestUser, payload: unknown): Promise<Response> {
  return call("/intents", json("POST", payload, as));
}

/** A client with a pending deposit, who has asked to pay it: the intent and its payment. */
export async function depositIntent(as?: TestUser, overrides: Parameters<typeof appointmentFor>[1] = {}) {
  const client = as ?? (await signUp("client"));
  const appointment = await appointmentFor(client.userId, overrides);
  const res = await startPayment(client, { kind: "deposit", subjectId: appointment.appointmentId });
  if (res.status !== 200) throw new Error(`intent: ${res.status} ${await res.text()}`);
  const started = await body<{ paymentId: string; clientSecret: string; checkoutUrl: string; amountInPence: number }>(res);
  const paymentIntentId = started.clientSecret.split("_secret_")[0]!;
  return { client, appointment, started, paymentIntentId };
}

/** Pays (or declines) in the local checkout and waits for the webhooks and events it causes. */
export async function pay(paymentIntentId: string, outcome: "succeed" | "fail" = "succeed"): Promise<void> {
  await platform().stripe.complete(paymentIntentId, outcome);
  await settle();
}

export async function paymentRow(paymentId: string) {
  const { data } = await db().entities.payment.get({ paymentId }).go({ consistent: true });
  return data;
}

/** Events of one name the bus carried since the file started (envelopes), oldest first. */
export function publishedEnvelopes<T = any>(name: string): { id: string; data: T }[] {
  return platform()
    .bus.published.filter((e) => e["detail-type"] === name)
    .map((e) => (typeof e.detail === "string" ? JSON.parse(e.detail) : e.detail) as { id: string; data: T });
}

export function published<T = any>(name: string): T[] {
  return publishedEnvelopes<T>(name).map((e) => e.data);
}

export function appointmentEventData(appointment: Awaited<ReturnType<typeof appointmentFor>>): EventData<"appointment.confirmed"> {
  const { appointmentId, clientId, serviceId, serviceSlug, serviceName, category, start, end, priceInPence, depositInPence } = appointment;
  return { appointmentId, clientId, serviceId, serviceSlug, serviceName, category, start, end, priceInPence, depositInPence };
}

/** Booking's cancellation announcement, published on the real bus. */
export async function publishCancellation(
  appointment: Awaited<ReturnType<typeof appointmentFor>>,
  outcome: { cancelledBy?: "client" | "owner"; late?: boolean; feeInPence: number; refundInPence: number },
): Promise<void> {
  await publish(Events.AppointmentCancelled, {
    ...appointmentEventData(appointment),
    cancelledBy: outcome.cancelledBy ?? "client",
    late: outcome.late ?? outcome.feeInPence > 0,
    feeInPence: outcome.feeInPence,
    refundDeposit: outcome.refundInPence > 0,
    refundInPence: outcome.refundInPence,
  });
  await settle();
}

export async function publishNoShow(appointment: Awaited<ReturnType<typeof appointmentFor>>, feeInPence: number): Promise<void> {
  await publish(Events.AppointmentNoShow, { ...appointmentEventData(appointment), feeInPence });
  await settle();
}

/** Signs `payload` as Stripe would (optionally with another secret or timestamp) and posts it to the gateway. */
export async function deliverWebhook(payload: string, options: { secret?: string; timestamp?: number; signature?: string | null } = {}): Promise<Response> {
  const signature =
    options.signature === null
      ? undefined
      : (options.signature ??
        stripeClient().webhooks.generateTestHeaderString({ payload, secret: options.secret ?? platform().stripe.webhookSecret, ...(options.timestamp ? { timestamp: options.timestamp } : {}) }));
  return fetch(`${platform().url}/api/payments/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
    body: payload,
  });
}
