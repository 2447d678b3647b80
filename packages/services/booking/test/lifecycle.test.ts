import { recordConsent } from "../src/domain/consent-status";
import { findAppointment } from "../src/read";
import { auditTrailOf } from "@mas/core/audit/audit";
import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { Events } from "@mas/core/events/catalogue";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { body, book, call, client, json, published, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();
let owner: TestUser;
beforeAll(async () => {
  await seedClinic();
  owner = await signUp("owner");
});

const starts = (res: { slots: { start: string }[] }) => res.slots.map((s) => s.start);
const fillerSlots = async (date: string) => starts(await body(await call(`/availability?service=lip-filler-one-ml&from=${date}&to=${date}`)));

async function payDeposit(appointment: { appointmentId: string; clientId: string; depositInPence: number }, paymentId = `pay_${randomUUID()}`) {
  await publish(Events.PaymentSucceeded, { paymentId, kind: "deposit", subjectId: appointment.appointmentId, userId: appointment.clientId, amountInPence: appointment.depositInPence });
  await platform().bus.idle();
  return paymentId;
}

const status = async (id: string) => (await body(await call(`/appointments/${id}`, { headers: owner.headers }))).appointment.status;

describe("deposit holds", () => {
  it("confirms on payment.succeeded (kind deposit) and cancels the hold's schedule", async () => {
    const { appointment } = await body(await book(await client(), "lip-filler-one-ml", "2026-06-09T10:15:00+01:00"));
    await payDeposit(appointment);
    const confirmed = (await body(await call(`/appointments/${appointment.appointmentId}`, { headers: owner.headers }))).appointment;
    expect(confirmed).toMatchObject({ status: "confirmed", depositPaidInPence: 5_000, holdExpiresAt: null });
    expect(platform().scheduler.schedules().map((s) => s.Name)).not.toContain(`hold-${appointment.appointmentId}`);
    expect(await published("appointment.confirmed")).toContainEqual(expect.objectContaining({ appointmentId: appointment.appointmentId, confirmedBy: "client" }));

    await payDeposit(appointment); // a redelivered event changes nothing
    expect(await status(appointment.appointmentId)).toBe("confirmed");
  });

  it("expires an unpaid hold when its schedule fires, and the slot returns to availability", async () => {
    const { appointment } = await body(await book(await client(), "lip-filler-one-ml", "2026-06-10T10:15:00+01:00"));
    expect(await fillerSlots("2026-06-10")).not.toContain("2026-06-10T10:15:00+01:00");

    await platform().scheduler.advanceBy(14 * 60_000);
    await platform().bus.idle();
    expect(await status(appointment.appointmentId)).toBe("pending_deposit");

    await platform().scheduler.advanceBy(2 * 60_000);
    await platform().bus.idle();
    expect(await status(appointment.appointmentId)).toBe("expired");
    expect(await published("appointment.expired")).toContainEqual(expect.objectContaining({ appointmentId: appointment.appointmentId }));
    expect(await fillerSlots("2026-06-10")).toContain("2026-06-10T10:15:00+01:00");
  });

  it("still confirms a deposit that arrives after the hold lapsed if nobody took the slot", async () => {
    const { appointment } = await body(await book(await client(), "lip-filler-one-ml", "2026-06-11T10:15:00+01:00"));
    await platform().scheduler.advanceBy(16 * 60_000);
    await platform().bus.idle();
    expect(await status(appointment.appointmentId)).toBe("expired");
    await payDeposit(appointment);
    expect(await status(appointment.appointmentId)).toBe("confirmed");
    expect(await fillerSlots("2026-06-11")).not.toContain("2026-06-11T10:15:00+01:00");
  });

  it("lets someone else take a lapsed hold's slot, and asks payments to refund the late deposit", async () => {
    const { appointment } = await body(await book(await client(), "lip-filler-one-ml", "2026-06-13T10:15:00+01:00"));
    await platform().scheduler.advanceBy(16 * 60_000);
    await platform().bus.idle();
    const taker = await body(await book(await client(), "lip-filler-one-ml", "2026-06-13T10:45:00+01:00"));
    expect(taker.appointment.status).toBe("pending_deposit");
    const paymentId = await payDeposit(appointment);
    expect(await status(appointment.appointmentId)).toBe("expired");
    expect(await status(taker.appointment.appointmentId)).toBe("pending_deposit");
    expect(await published("appointment.deposit_orphaned")).toContainEqual({
      appointmentId: appointment.appointmentId,
      clientId: appointment.clientId,
      paymentId,
      amountInPence: 5_000,
      reason: "slot_taken",
    });
  });

  it("takes over a lapsed hold's cells at booking time even before its release ran", async () => {
    const first = await body(await book(await client(), "lip-filler-one-ml", "2026-06-16T14:15:00+01:00"));
    const hold = platform().scheduler.schedules().find((s) => s.Name === `hold-${first.appointment.appointmentId}`);
    expect(hold).toBeDefined();
    // Simulate a release that never ran: delete the schedule, then let the hold lapse.
    await import("@mas/core/ports/scheduler").then((s) => s.cancelSchedule(`hold-${first.appointment.appointmentId}`));
    await platform().scheduler.advanceBy(16 * 60_000);
    expect(await fillerSlots("2026-06-16")).toContain("2026-06-16T14:15:00+01:00");
    const second = await book(await client(), "lip-filler-one-ml", "2026-06-16T14:15:00+01:00");
    expect(second.status).toBe(201);
  });

  it("ignores payments for other kinds", async () => {
    const { appointment } = await body(await book(await client(), "lip-filler-one-ml", "2026-06-18T10:15:00+01:00"));
    await publish(Events.PaymentSucceeded, { paymentId: "pay_course", kind: "course_fee", subjectId: appointment.appointmentId, userId: appointment.clientId, amountInPence: 5_000 });
    await platform().bus.idle();
    expect(await status(appointment.appointmentId)).toBe("pending_deposit");
  });
});

describe("after the appointment", () => {
  it("lets only the owner complete or mark a no-show, and only once it has started", async () => {
    const alice = await client();
    const { appointment } = await body(await book(alice, "hydrating-facial", "2026-06-19T10:00:00+01:00"));
    const complete = `/admin/appointments/${appointment.appointmentId}/complete`;
    expect((await call(complete, json("POST", {}))).status).toBe(401);
    expect((await call(complete, json("POST", {}, alice))).status).toBe(403);
    const early = await call(complete, json("POST", {}, owner));
    expect(early.status).toBe(422);
    expect((await body(early)).error.code).toBe("booking.not_started");
    expect((await call(`/admin/appointments/${appointment.appointmentId}/teleport`, json("POST", {}, owner))).status).toBe(400);

    await platform().scheduler.advanceTo(new Date("2026-06-19T10:30:00Z"));
    const unsigned = await call(complete, json("POST", {}, owner));
    expect(unsigned.status).toBe(409);
    expect((await body(unsigned)).error.code).toBe("booking.consent_not_signed");
    expect((await call(complete, json("POST", { consentOverrideReason: "no" }, owner))).status).toBe(400);
    const done = await call(complete, json("POST", { consentOverrideReason: "Paper consent form signed in clinic" }, owner));
    expect((await body(done)).appointment.status).toBe("completed");
    const trail = await auditTrailOf(`appointment:${appointment.appointmentId}`);
    expect(trail).toContainEqual(expect.objectContaining({ action: "booking.consent_overridden", actor: owner.userId, detail: { reason: "Paper consent form signed in clinic" } }));
    expect(await published("appointment.completed")).toContainEqual(expect.objectContaining({ appointmentId: appointment.appointmentId }));
    const again = await call(complete, json("POST", { consentOverrideReason: "Paper consent form signed in clinic" }, owner));
    expect(again.status).toBe(409);
    expect((await body(again)).error.code).toBe("booking.invalid_transition");
  });

  it("publishes a no-show with the policy's fee", async () => {
    const { appointment } = await body(await book(await client(), "hydrating-facial", "2026-06-23T10:00:00+01:00"));
    await platform().scheduler.advanceTo(new Date("2026-06-23T10:30:00Z"));
    const res = await call(`/admin/appointments/${appointment.appointmentId}/no-show`, json("POST", {}, owner));
    expect((await body(res)).appointment.status).toBe("no_show");
    expect(await published("appointment.no_show")).toContainEqual(expect.objectContaining({ appointmentId: appointment.appointmentId, feeInPence: 6_000 }));
  });
});

describe("consent before treatment", () => {
  it("completes without an override once the client has signed the consent form", async () => {
    const { appointment } = await body(await book(await client(), "hydrating-facial", "2026-07-31T10:00:00+01:00"));
    // The form documents issued for this booking is the one signed (documents' own later events,
    // such as its expiry firing while the clock moves on, are about that same form and cannot undo it).
    await platform().bus.idle();
    const issued = (await findAppointment(appointment.appointmentId))?.consent?.documentId ?? "consent-test";
    await recordConsent({ appointmentId: appointment.appointmentId, documentId: issued, status: "signed", at: "2026-06-20T09:00:00.000Z" });
    await platform().scheduler.advanceTo(new Date("2026-07-31T10:30:00Z"));
    const done = await call(`/admin/appointments/${appointment.appointmentId}/complete`, json("POST", {}, owner));
    expect(done.status).toBe(200);
    expect((await auditTrailOf(`appointment:${appointment.appointmentId}`)).map((e) => e.action)).not.toContain("booking.consent_overridden");
  });
});
