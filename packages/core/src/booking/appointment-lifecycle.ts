import type { AppointmentStatus } from "../db/entities/appointment";
import { conflict, unprocessable } from "../errors";
import { Events } from "../events/catalogue";
import { publish } from "../ports/bus";
import { cancelSchedule } from "../ports/scheduler";
import { changeAppointment, findAppointment, type AppointmentItem } from "./appointment-store";
import { appointmentEventData, appointmentView, type AppointmentView } from "./appointment-view";
import { appointmentFor, changedMeanwhile, holdScheduleName, type Actor } from "./appointments";
import { lockItems } from "./diary";
import { noShowFee } from "./policy";
import { loadSettings } from "./settings-store";
import { offerFreedSlot } from "./waitlist";

/**
 * What happens to an appointment after it is booked: the deposit arrives (or the hold
 * lapses), the practitioner approves a flagged booking, and the appointment is completed
 * or missed. Event-driven steps are idempotent: a redelivered event finds the work done.
 */
const occupiedOf = (a: AppointmentItem) => ({ start: new Date(a.occupiedStart), end: new Date(a.occupiedEnd) });

/**
 * `payment.succeeded` for a deposit. Confirms while the appointment still holds its cells
 * — also just after the hold lapsed, if nobody took them (the cells are re-claimed in the
 * same transaction). If the slot was taken meanwhile, or the appointment was cancelled,
 * the deposit cannot buy anything: `appointment.deposit_orphaned` asks payments to refund.
 */
export async function depositPaid(input: { appointmentId: string; paymentId: string; amountInPence: number; now: Date }): Promise<void> {
  const { now } = input;
  for (let attempt = 0; attempt < 3; attempt++) {
    const appointment = await findAppointment(input.appointmentId);
    if (!appointment) return;
    if (!["pending_deposit", "expired"].includes(appointment.status)) {
      if (appointment.status === "cancelled" && (appointment.depositPaidInPence ?? 0) === 0) await orphan(appointment, input, "appointment_closed");
      return;
    }
    const next: AppointmentStatus = appointment.needsReview ? "pending_review" : "confirmed";
    const result = await changeAppointment({
      appointmentId: appointment.appointmentId,
      expect: { statuses: [appointment.status] },
      set: { status: next, depositPaidInPence: input.amountInPence },
      remove: ["holdExpiresAt"],
      history: { status: next, at: now.toISOString(), by: "system", note: `deposit ${input.paymentId}` },
      claim: lockItems({ appointmentId: appointment.appointmentId, occupied: occupiedOf(appointment) }),
      now,
    });
    if (result.ok) {
      const done = { ...appointment, status: next, depositPaidInPence: input.amountInPence };
      await cancelSchedule(holdScheduleName(appointment.appointmentId));
      if (next === "confirmed") await publish(Events.AppointmentConfirmed, appointmentEventData(done));
      else await publish(Events.AppointmentRequested, { ...appointmentEventData(done), status: "pending_review", holdExpiresAt: null });
      return;
    }
    if (result.refused.has("claim")) {
      if (appointment.status === "pending_deposit") await expireHold({ appointmentId: appointment.appointmentId, now, force: true });
      await orphan(appointment, input, "slot_taken");
      return;
    }
  }
  throw new Error(`Deposit for ${input.appointmentId} could not be applied: the appointment kept changing`);
}

async function orphan(appointment: AppointmentItem, payment: { paymentId: string; amountInPence: number }, reason: "slot_taken" | "appointment_closed") {
  await publish(Events.AppointmentDepositOrphaned, { appointmentId: appointment.appointmentId, clientId: appointment.clientId, paymentId: payment.paymentId, amountInPence: payment.amountInPence, reason });
}

/**
 * The hold's schedule fired (or a deposit arrived too late): an unpaid appointment
 * becomes `expired` and releases the cells it still owns. Does nothing if it was paid,
 * cancelled or already expired, or if the hold has not lapsed yet (unless `force`).
 */
export async function expireHold(input: { appointmentId: string; now: Date; force?: boolean }): Promise<void> {
  const { now } = input;
  const appointment = await findAppointment(input.appointmentId);
  if (!appointment || appointment.status !== "pending_deposit") return;
  if (!input.force && appointment.holdExpiresAt && new Date(appointment.holdExpiresAt) > now) return;
  const result = await changeAppointment({
    appointmentId: appointment.appointmentId,
    expect: { statuses: ["pending_deposit"] },
    set: { status: "expired" },
    remove: ["holdExpiresAt"],
    history: { status: "expired", at: now.toISOString(), by: "system" },
    release: appointment.lockCells,
    now,
  });
  if (!result.ok) return; // paid or cancelled meanwhile
  await publish(Events.AppointmentExpired, appointmentEventData(appointment));
  await offerFreedSlot({ serviceId: appointment.serviceId, start: new Date(appointment.start), now });
}

/** The practitioner accepts a booking whose medical answers needed review. */
export async function approveAppointment(appointmentId: string, owner: Actor, now: Date): Promise<AppointmentView> {
  return ownerTransition(appointmentId, owner, now, { from: "pending_review", to: "confirmed", event: (a) => publish(Events.AppointmentConfirmed, appointmentEventData(a)) });
}

export async function completeAppointment(appointmentId: string, owner: Actor, now: Date): Promise<AppointmentView> {
  return ownerTransition(appointmentId, owner, now, {
    from: "confirmed",
    to: "completed",
    started: true,
    event: (a) => publish(Events.AppointmentCompleted, appointmentEventData(a)),
  });
}

export async function markNoShow(appointmentId: string, owner: Actor, now: Date): Promise<AppointmentView> {
  const settings = await loadSettings();
  return ownerTransition(appointmentId, owner, now, {
    from: "confirmed",
    to: "no_show",
    started: true,
    event: (a) => publish(Events.AppointmentNoShow, { ...appointmentEventData(a), feeInPence: noShowFee(settings, a.priceInPence) }),
  });
}

async function ownerTransition(
  appointmentId: string,
  owner: Actor,
  now: Date,
  step: { from: AppointmentStatus; to: AppointmentStatus; started?: boolean; event: (a: AppointmentItem) => Promise<unknown> },
): Promise<AppointmentView> {
  const appointment = await appointmentFor(appointmentId, owner);
  if (appointment.status !== step.from) {
    throw conflict("booking.invalid_transition", `Only a ${step.from.replace("_", " ")} appointment can become ${step.to.replace("_", " ")}`);
  }
  if (step.started && new Date(appointment.start) > now) throw unprocessable("booking.not_started", "This appointment has not started yet");
  const result = await changeAppointment({
    appointmentId,
    expect: { statuses: [step.from] },
    set: { status: step.to },
    history: { status: step.to, at: now.toISOString(), by: owner.userId },
    now,
  });
  if (!result.ok) throw changedMeanwhile();
  const next = { ...appointment, status: step.to };
  await step.event(next);
  return appointmentView(next);
}
