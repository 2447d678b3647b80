import type { AppointmentStatus } from "../entities/appointment";
import { audit } from "@mas/core/audit/audit";
import { conflict, unprocessable } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishOnItsOwn, stageEvent, type StagedEvent } from "@mas/core/outbox/outbox";
import { cancelSchedule } from "@mas/core/ports/scheduler";
import { changeAppointment, findAppointment, type AppointmentItem } from "./appointment-store";
import { appointmentEventData, appointmentView, type AppointmentView } from "./appointment-view";
import { appointmentFor, changedMeanwhile, holdScheduleName, type Actor } from "./appointments";
import { occupiedOf } from "./slot-locks";
import { noShowFee } from "./policy";
import { loadSettings } from "./settings-store";
import { offerFreedSlot } from "./waitlist";

/**
 * What happens to an appointment after it is booked: the deposit arrives (or the hold
 * lapses), the practitioner approves a flagged booking, and the appointment is completed
 * or missed. Event-driven steps are idempotent: a redelivered event finds the work done.
 */

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
    const done = { ...appointment, status: next, depositPaidInPence: input.amountInPence };
    const announcement =
      next === "confirmed"
        ? stageEvent(Events.AppointmentConfirmed, { ...appointmentEventData(done), confirmedBy: "client" }, { occurredAt: now })
        : stageEvent(Events.AppointmentRequested, { ...appointmentEventData(done), status: "pending_review", holdExpiresAt: null }, { occurredAt: now });
    const result = await changeAppointment({
      appointmentId: appointment.appointmentId,
      expect: { statuses: [appointment.status] },
      set: { status: next, depositPaidInPence: input.amountInPence },
      remove: ["holdExpiresAt"],
      history: { status: next, at: now.toISOString(), by: "system", note: `deposit ${input.paymentId}` },
      claim: { appointmentId: appointment.appointmentId, occupied: occupiedOf(appointment) },
      now,
      events: [announcement],
    });
    if (result.ok) {
      await cancelSchedule(holdScheduleName(appointment.appointmentId));
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

/**
 * Asks payments to refund a deposit booking cannot honour. No state of booking's changes, so
 * the outbox item is the whole write; its id is the payment's, so a redelivered deposit
 * re-announces the same event (which payments dedupes) instead of a second refund request.
 */
async function orphan(appointment: AppointmentItem, payment: { paymentId: string; amountInPence: number }, reason: "slot_taken" | "appointment_closed") {
  const announcement = stageEvent(
    Events.AppointmentDepositOrphaned,
    { appointmentId: appointment.appointmentId, clientId: appointment.clientId, paymentId: payment.paymentId, amountInPence: payment.amountInPence, reason },
    { id: `deposit-orphaned-${payment.paymentId}` },
  );
  await publishOnItsOwn(announcement);
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
    release: occupiedOf(appointment),
    now,
    events: [stageEvent(Events.AppointmentExpired, appointmentEventData(appointment), { occurredAt: now })],
  });
  if (!result.ok) return; // paid or cancelled meanwhile
  await offerFreedSlot({ serviceId: appointment.serviceId, start: new Date(appointment.start), now });
}

/** The practitioner accepts a booking whose medical answers needed review. */
export async function approveAppointment(appointmentId: string, owner: Actor, now: Date): Promise<AppointmentView> {
  return ownerTransition(appointmentId, owner, now, { from: "pending_review", to: "confirmed", event: (a) => stageEvent(Events.AppointmentConfirmed, { ...appointmentEventData(a), confirmedBy: "clinic" }, { occurredAt: now }) });
}

/**
 * The treatment was given. Injectable treatments need informed consent signed before
 * treatment: without a signed consent form on the appointment, completing it is refused
 * (409) unless the practitioner records why (a paper form signed in clinic, say) — the
 * override is kept in the appointment's history and the audit trail.
 */
export async function completeAppointment(appointmentId: string, owner: Actor, now: Date, options: { consentOverrideReason?: string } = {}): Promise<AppointmentView> {
  const appointment = await appointmentFor(appointmentId, owner);
  const override = options.consentOverrideReason?.trim();
  if (appointment.status === "confirmed" && new Date(appointment.start) > now) throw unprocessable("booking.not_started", "This appointment has not started yet");
  if (appointment.status === "confirmed" && !consentSatisfied(appointment) && !override) {
    throw conflict(
      "booking.consent_not_signed",
      appointment.consent?.status === "awaiting_signature"
        ? "The client has not signed the consent form for this treatment yet. Ask them to sign it, or record why you are completing without it."
        : "There is no signed consent form for this treatment. Ask the client to sign one, or record why you are completing without it.",
    );
  }
  const view = await ownerTransition(appointmentId, owner, now, {
    from: "confirmed",
    to: "completed",
    started: true,
    ...(override && !consentSatisfied(appointment) ? { note: `completed without signed consent: ${override}` } : {}),
    event: (a) => stageEvent(Events.AppointmentCompleted, appointmentEventData(a), { occurredAt: now }),
  });
  if (override && !consentSatisfied(appointment)) {
    await audit({ actor: owner.userId, action: "booking.consent_overridden", subject: `appointment:${appointmentId}`, detail: { reason: override.slice(0, 500) }, at: now });
  }
  return view;
}

/** Signed consent on file for this appointment (documents announced it; booking keeps its state). */
export function consentSatisfied(appointment: Pick<AppointmentItem, "consent">): boolean {
  return appointment.consent?.status === "signed";
}

export async function markNoShow(appointmentId: string, owner: Actor, now: Date): Promise<AppointmentView> {
  const settings = await loadSettings();
  return ownerTransition(appointmentId, owner, now, {
    from: "confirmed",
    to: "no_show",
    started: true,
    event: (a) => stageEvent(Events.AppointmentNoShow, { ...appointmentEventData(a), feeInPence: noShowFee(settings, a.priceInPence) }, { occurredAt: now }),
  });
}

async function ownerTransition(
  appointmentId: string,
  owner: Actor,
  now: Date,
  step: { from: AppointmentStatus; to: AppointmentStatus; started?: boolean; note?: string; event: (a: AppointmentItem) => StagedEvent },
): Promise<AppointmentView> {
  const appointment = await appointmentFor(appointmentId, owner);
  if (appointment.status !== step.from) {
    throw conflict("booking.invalid_transition", `Only a ${step.from.replace("_", " ")} appointment can become ${step.to.replace("_", " ")}`);
  }
  if (step.started && new Date(appointment.start) > now) throw unprocessable("booking.not_started", "This appointment has not started yet");
  const next = { ...appointment, status: step.to };
  const result = await changeAppointment({
    appointmentId,
    expect: { statuses: [step.from] },
    set: { status: step.to },
    history: { status: step.to, at: now.toISOString(), by: owner.userId, ...(step.note ? { note: step.note } : {}) },
    now,
    events: [step.event(next)],
  });
  if (!result.ok) throw changedMeanwhile();
  return appointmentView(next);
}
