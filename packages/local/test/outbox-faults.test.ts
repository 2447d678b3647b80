import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordMedicalHistory, medicalHistoryOf } from "@mas/booking/domain/client-records";
import { auditTrailOf } from "@mas/core/audit/audit";
import { drainOutbox, outboxBacklog } from "@mas/core/outbox/outbox";
import { subscriptions } from "@mas/core/events/subscriptions";
import { listSchedules } from "@mas/core/ports/scheduler";
import { clock } from "@mas/core/shared/clock";
import { app as accounts } from "@mas/accounts/app";
import { app as payments } from "@mas/payments/app";
import { body, book, call, client, json, seedClinic, type TestUser } from "../../services/booking/test/support";
import { platform, sentMail } from "./harness";

/**
 * No event is lost, and none has a second effect: every publisher's fast path is made to
 * fail at EventBridge (the local bus refuses PutEvents), the request still succeeds (the
 * state and its event were committed together), and once the bus recovers the sweeper
 * delivers the event — ending with exactly the effects of one clean run, counted in the
 * SES emulator, the scheduler and the fake Stripe. A second sweep and a duplicated
 * delivery change nothing.
 */
beforeAll(async () => {
  clock.use(() => platform().scheduler.now());
  await seedClinic();
});
afterEach(() => platform().bus.failPutEvents(0));

const settle = () => platform().bus.idle();
const subjectsTo = async (email: string) =>
  (await sentMail())
    .filter((m) => m.destination.to.some((to) => to.toLowerCase() === email.toLowerCase()))
    .map((m) => m.subject)
    .filter((s) => !s.startsWith("Please sign:")); // documents' consent-form mail follows every confirmation; counted in its own tests

/** Runs `action` with PutEvents failing (`kind` as AWS fails), then lets the bus recover. */
async function whileBusDown<T>(action: () => Promise<T>, kind: "internal" | "entries" = "internal"): Promise<T> {
  platform().bus.failPutEvents(1_000, kind);
  const result = await action();
  await settle();
  platform().bus.failPutEvents(0);
  return result;
}

/** The sweeper's run once the bus is back, then everything it set off. */
async function recover(): Promise<void> {
  const { failed } = await drainOutbox({ graceMs: 0 });
  expect(failed).toBe(0);
  await settle();
  expect(await outboxBacklog()).toEqual([]);
}

/** Puts every event of this name about this subject on the bus again, as an at-least-once redelivery would. */
async function redeliver(name: string, match: (data: Record<string, unknown>) => boolean): Promise<number> {
  const events = platform().bus.published.filter((e) => e["detail-type"] === name && match((e.detail as { data: Record<string, unknown> }).data));
  for (const event of events) {
    await platform().bus.publish([{ EventBusName: platform().bus.busName, Source: event.source, DetailType: name, Detail: JSON.stringify(event.detail) }]);
  }
  await settle();
  return events.length;
}

const backlogNames = async () => (await outboxBacklog()).map((e) => e.name).sort();

async function paidFiller(start: string): Promise<{ person: TestUser; appointmentId: string; paymentIntentId: string }> {
  const person = await client();
  const { appointment } = await body(await book(person, "lip-filler-one-ml", start));
  const intent = await (await payments.request("/api/payments/intents", json("POST", { kind: "deposit", subjectId: appointment.appointmentId }, person))).json();
  await platform().stripe.complete(intent.clientSecret.split("_secret_")[0], "succeed");
  await platform().stripe.flushWebhooks();
  await settle();
  return { person, appointmentId: appointment.appointmentId, paymentIntentId: intent.clientSecret.split("_secret_")[0] };
}

const refundsOf = async (paymentIntentId: string) => (await platform().stripe.client().refunds.list({ payment_intent: paymentIntentId })).data.map((r) => r.amount);

describe("PutEvents fails, then recovers", () => {
  it("booking: confirmed at once, one confirmation mail and one set of reminders once the event goes out", async () => {
    const ada = await client();
    const res = await whileBusDown(() => book(ada, "hydrating-facial", "2026-06-10T10:00:00+01:00"));
    expect(res.status).toBe(201);
    const { appointment } = await body(res);
    expect(appointment.status).toBe("confirmed");
    expect(await subjectsTo(ada.email)).toEqual([]);
    expect(await backlogNames()).toEqual(["appointment.confirmed"]);
    expect(platform().bus.injectedFailures()).toBeGreaterThanOrEqual(3); // the SDK retried, then gave up

    await recover();
    expect(await subjectsTo(ada.email)).toEqual(["Booked: Hydrating facial on Wednesday 10 June 2026"]);
    const schedules = await listSchedules(`appt-${appointment.appointmentId}-`);
    expect(schedules).toHaveLength(6);

    await recover();
    expect(await redeliver("appointment.confirmed", (d) => d.appointmentId === appointment.appointmentId)).toBe(1);
    expect(await subjectsTo(ada.email)).toEqual(["Booked: Hydrating facial on Wednesday 10 June 2026"]);
    expect(await listSchedules(`appt-${appointment.appointmentId}-`)).toEqual(schedules);
  });

  it("reschedule: one 'moved' mail and the reminders follow the new time", async () => {
    const bea = await client();
    const { appointment } = await body(await book(bea, "hydrating-facial", "2026-06-11T10:00:00+01:00"));
    await settle();
    const res = await whileBusDown(() => call(`/appointments/${appointment.appointmentId}/reschedule`, json("POST", { start: "2026-06-13T11:00:00+01:00" }, bea)), "entries");
    expect(res.status).toBe(200);
    expect(await backlogNames()).toEqual(["appointment.rescheduled"]);
    await recover();
    await redeliver("appointment.rescheduled", (d) => d.appointmentId === appointment.appointmentId);
    expect((await subjectsTo(bea.email)).filter((s) => s.startsWith("Moved:"))).toEqual(["Moved: Hydrating facial is now on Saturday 13 June 2026"]);
    const reminder = platform().scheduler.schedules().find((s) => s.Name === `appt-${appointment.appointmentId}-reminder`);
    expect(reminder?.fireAt.toISOString()).toBe("2026-06-12T10:00:00.000Z");
  });

  it("deposit paid: payments' announcement waits in the outbox; then one confirmation, one receipt", async () => {
    const cat = await client();
    const { appointment } = await body(await book(cat, "lip-filler-one-ml", "2026-06-16T11:00:00+01:00"));
    const intent = await (await payments.request("/api/payments/intents", json("POST", { kind: "deposit", subjectId: appointment.appointmentId }, cat))).json();
    await whileBusDown(async () => {
      await platform().stripe.complete(intent.clientSecret.split("_secret_")[0], "succeed");
      await platform().stripe.flushWebhooks();
    });
    expect(await backlogNames()).toEqual(["payment.succeeded"]);
    expect((await body(await call(`/appointments/${appointment.appointmentId}`, { headers: cat.headers }))).appointment.status).toBe("pending_deposit");

    await recover();
    await redeliver("payment.succeeded", (d) => d.subjectId === appointment.appointmentId);
    expect((await body(await call(`/appointments/${appointment.appointmentId}`, { headers: cat.headers }))).appointment.status).toBe("confirmed");
    expect((await subjectsTo(cat.email)).sort()).toEqual(["Booked: Lip filler, 1 ml on Tuesday 16 June 2026", "Receipt: £50.00 paid to Master Aesthetics"]);
    expect(await listSchedules(`appt-${appointment.appointmentId}-`)).toHaveLength(6);
  });

  it("cancel: one cancellation mail, reminders gone, and the deposit refunded exactly once", async () => {
    const { person, appointmentId, paymentIntentId } = await paidFiller("2026-06-18T11:00:00+01:00");
    expect(await listSchedules(`appt-${appointmentId}-`)).toHaveLength(6);
    const res = await whileBusDown(() => call(`/appointments/${appointmentId}/cancel`, json("POST", { reason: "Travelling" }, person)));
    expect(res.status).toBe(200);
    expect(await backlogNames()).toEqual(["appointment.cancelled"]);
    expect(await refundsOf(paymentIntentId)).toEqual([]);

    await recover();
    await recover();
    await redeliver("appointment.cancelled", (d) => d.appointmentId === appointmentId);
    expect(await refundsOf(paymentIntentId)).toEqual([5_000]);
    expect((await subjectsTo(person.email)).filter((s) => s.startsWith("Cancelled:"))).toEqual(["Cancelled: Lip filler, 1 ml on Thursday 18 June 2026"]);
    expect(await listSchedules(`appt-${appointmentId}-`)).toEqual([]);
  });

  it("user erased: accounts answers at once; every service erases its data when the event gets through", async () => {
    const dee = await client();
    await recordMedicalHistory(dee.userId, { answers: { pregnant: false, breastfeeding: false, takesAnticoagulants: false, allergicToLidocaine: false, allergicToHyaluronidase: false, autoimmuneCondition: false, isotretinoin: { status: "never" }, keloidScarring: false }, allergies: "Latex" }, dee.userId, clock.now());
    const res = await whileBusDown(async () => accounts.request("/api/accounts/me", json("DELETE", { password: dee.password }, dee)));
    expect(res.status).toBe(204);
    expect(await backlogNames()).toEqual(["user.erased"]);
    expect(await medicalHistoryOf(dee.userId)).toHaveLength(1); // booking has not heard yet

    await recover();
    await redeliver("user.erased", (d) => d.userId === dee.userId);
    expect(await medicalHistoryOf(dee.userId)).toEqual([]);
    // Each subscriber to user.erased recorded its erasure once, whatever the redelivery.
    const erasures = (await auditTrailOf(dee.userId)).map((e) => e.action).filter((a) => a.endsWith(".personal_data_erased"));
    const erasers = subscriptions.filter((s) => s.events.includes("user.erased")).map((s) => `${s.service}.personal_data_erased`);
    expect(erasures.sort()).toEqual(erasers.sort());
  });
});
