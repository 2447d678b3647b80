import { createHash } from "node:crypto";
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from "node:zlib";
import { ulid } from "ulid";
import * as z from "zod";
import { db } from "../entities";
import type { AppointmentStatus } from "../entities/appointment";
import { conflict, DomainError, notFound, unprocessable } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { stageEvent } from "@mas/core/outbox/outbox";
import { cancelSchedule, scheduleEvent, wholeSecondAfter } from "@mas/core/ports/scheduler";
import { addMinutes } from "@mas/core/shared/time";
import { changeAppointment, findAppointment, insertAppointment, newAppointmentItem, type AppointmentItem } from "./appointment-store";
import { appointmentEventData, appointmentView, type AppointmentView } from "./appointment-view";
import { serviceById, serviceBySlug } from "./catalogue";
import { assertEligible } from "./client-eligibility";
import { occupiedOf, placementOf } from "./slot-locks";
import { canReschedule, cancellationOutcome, cancellationTermsFor, type CancellationOutcome, type CancellationTerms } from "./policy";
import { depositFor, type BusinessSettings } from "./settings";
import { loadSettings } from "./settings-store";
import { assertBookable, slotTaken } from "./slot-check";
import { entryOf, offerFreedSlot, offerScheduleName } from "./waitlist";

/**
 * Booking, cancelling and moving appointments. Each command re-reads state, decides with
 * core's pure rules, then commits one transaction; events are published and schedules
 * set only after the commit.
 */
export const HOLD_MINUTES = 15;
export const holdScheduleName = (appointmentId: string) => `hold-${appointmentId}`;
const ACTIVE: readonly AppointmentStatus[] = ["pending_deposit", "pending_review", "confirmed"];

export interface Actor {
  userId: string;
  isOwner: boolean;
}

export const BookingRequest = z.object({
  service: z.string().min(1).max(80),
  start: z.iso.datetime({ offset: true }),
  note: z.string().trim().max(1000).optional(),
});
export type BookingRequest = z.infer<typeof BookingRequest>;

interface BookingInput {
  clientId: string;
  request: BookingRequest;
  idempotencyKey?: string;
  waitlistId?: string;
  now: Date;
}

export async function bookAppointment(input: BookingInput): Promise<{ appointment: AppointmentView; replayed: boolean }> {
  const { clientId, request } = input;
  const requestHash = createHash("sha256").update(JSON.stringify([request.service, new Date(request.start).toISOString(), request.note ?? ""])).digest("hex");
  const key = input.idempotencyKey;
  const replay = key ? await replayOf(clientId, key, requestHash) : undefined;
  if (replay) return { appointment: replay, replayed: true };
  try {
    return { appointment: await placeBooking(input, requestHash), replayed: false };
  } catch (error) {
    // A request sharing this key may have won while this one ran (its slot is now taken, or
    // the key itself refused the write): the stored answer is this request's answer too.
    const raced = key && error instanceof DomainError && error.kind === "conflict" ? await replayOf(clientId, key, requestHash) : undefined;
    if (raced) return { appointment: raced, replayed: true };
    throw error;
  }
}

async function placeBooking(input: BookingInput, requestHash: string): Promise<AppointmentView> {
  const { clientId, request, now } = input;

  const [settings, service] = await Promise.all([loadSettings(), serviceBySlug(request.service)]);
  const start = new Date(request.start);
  const occupied = await assertBookable({ settings, service, start, now });
  const { riskFlags, awaiting } = await assertEligible({ clientId, service, start, settings });

  const depositInPence = depositFor(service);
  const needsReview = riskFlags.length > 0;
  const status: AppointmentStatus = depositInPence > 0 ? "pending_deposit" : needsReview ? "pending_review" : "confirmed";
  const holdExpiresAt = status === "pending_deposit" ? wholeSecondAfter(addMinutes(now, HOLD_MINUTES)) : undefined;
  const appointmentId = ulid(now.getTime());
  const item: AppointmentItem = {
    ...newAppointmentItem({ appointmentId, clientId, service, start, occupied, status, depositInPence, depositPaidInPence: 0, by: clientId, now }),
    needsReview,
    riskFlags,
    cancellationTerms: cancellationTermsFor(settings, depositInPence),
    ...(awaiting.length ? { awaiting } : {}),
    ...(holdExpiresAt ? { holdExpiresAt: holdExpiresAt.toISOString() } : {}),
    ...(request.note ? { clientNote: request.note } : {}),
    ...(input.waitlistId ? { waitlistId: input.waitlistId } : {}),
  };
  const view = appointmentView(item);
  const announcement =
    status === "confirmed"
      ? stageEvent(Events.AppointmentConfirmed, { ...appointmentEventData(item), confirmedBy: "client" }, { occurredAt: now })
      : stageEvent(Events.AppointmentRequested, { ...appointmentEventData(item), status, holdExpiresAt: view.holdExpiresAt }, { occurredAt: now });
  const outcome = await insertAppointment({
    appointment: item,
    place: { appointmentId, occupied, holdExpiresAt },
    now,
    events: [announcement],
    ...(input.idempotencyKey
      ? { idempotency: { scope: clientId, key: input.idempotencyKey, requestHash, statusCode: 201, body: packAnswer(view), expiresAt: Math.floor(now.getTime() / 1000) + 86_400 } }
      : {}),
    ...(input.waitlistId ? { waitlist: { waitlistId: input.waitlistId, clientId } } : {}),
  });
  if (!outcome.ok) {
    if (outcome.refused.has("waitlist")) throw conflict("booking.offer_unavailable", "This waitlist offer is no longer open");
    throw slotTaken();
  }

  if (holdExpiresAt) {
    await scheduleEvent({
      name: holdScheduleName(appointmentId),
      at: holdExpiresAt,
      event: Events.ReminderDue,
      data: { workflow: "booking-hold", step: "expire", subjectId: appointmentId, scheduledFor: holdExpiresAt.toISOString() },
    });
  }
  return view;
}

async function replayOf(scope: string, key: string, requestHash: string): Promise<AppointmentView | undefined> {
  const { data } = await db().entities.idempotencyRecord.get({ scope, key }).go({ consistent: true });
  if (!data) return undefined;
  if (data.requestHash !== requestHash) {
    throw unprocessable("booking.idempotency_key_reused", "This Idempotency-Key was already used for a different booking");
  }
  return unpackAnswer(data.body);
}

/**
 * The stored answer of an idempotent booking, as brotli-compressed JSON: the view is ~680 B
 * as a DynamoDB map and ~350 B compressed, which keeps the record under 1 KB — 2 write units
 * in the booking's transaction instead of 4 (issue 20). The web sends a key with every booking.
 */
export function packAnswer(view: AppointmentView): Uint8Array {
  return brotliCompressSync(JSON.stringify(view), { params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } });
}

/** A stored answer; records written before issue 20 (they live 24 h) hold the view as a map. */
export function unpackAnswer(body: unknown): AppointmentView {
  if (body instanceof Uint8Array) return JSON.parse(brotliDecompressSync(body).toString("utf8")) as AppointmentView;
  return body as AppointmentView;
}

/** The appointment, if `actor` may see it (its client, or the owner); 404 otherwise. */
export async function appointmentFor(appointmentId: string, actor: Actor): Promise<AppointmentItem> {
  const appointment = await findAppointment(appointmentId);
  if (!appointment || (!actor.isOwner && appointment.clientId !== actor.userId)) {
    throw notFound("booking.appointment_not_found", "No such appointment");
  }
  return appointment;
}

/**
 * What cancelling would cost, before the client confirms. The policy's late fee applies
 * to confirmed appointments only: a booking still waiting for its deposit or for review
 * was never confirmed, so cancelling it is free (anything paid is refunded).
 */
export async function cancellationQuote(appointment: AppointmentItem, actor: Actor, now: Date): Promise<CancellationOutcome> {
  if (!ACTIVE.includes(appointment.status)) throw conflict("booking.not_cancellable", `This appointment is ${appointment.status.replace("_", " ")}`);
  const paid = appointment.depositPaidInPence ?? 0;
  const settings = await loadSettings();
  const by = actor.isOwner ? "owner" : "client";
  const outcome = cancellationOutcome({
    terms: termsOf(appointment, settings),
    appointment: { start: new Date(appointment.start), bookedAt: new Date(appointment.createdAt), priceInPence: appointment.priceInPence, depositPaidInPence: paid },
    now,
    by,
  });
  if (appointment.status === "confirmed" || !outcome.allowed) return outcome;
  return { allowed: true, late: false, inGracePeriod: outcome.inGracePeriod, feeInPence: 0, refundInPence: paid, uncoveredFeeInPence: 0 };
}

/** The terms the client was shown at booking; older bookings get today's, capped at their deposit. */
function termsOf(appointment: AppointmentItem, settings: BusinessSettings): CancellationTerms {
  return appointment.cancellationTerms ?? cancellationTermsFor(settings, appointment.depositInPence);
}

export async function cancelAppointment(input: { appointmentId: string; actor: Actor; reason?: string; now: Date }): Promise<{ appointment: AppointmentView; outcome: CancellationOutcome }> {
  const { actor, now } = input;
  const appointment = await appointmentFor(input.appointmentId, actor);
  const outcome = await cancellationQuote(appointment, actor, now);
  if (!outcome.allowed) throw unprocessable("booking.cancel_too_late", "This appointment has already started; please contact the clinic");
  const by = actor.isOwner ? "owner" : "client";
  const cancellation = { by, late: outcome.late, feeInPence: outcome.feeInPence, refundInPence: outcome.refundInPence, at: now.toISOString(), ...(input.reason ? { reason: input.reason } : {}) } as const;
  const cancelled: AppointmentItem = { ...appointment, status: "cancelled", cancellation };
  const announcement = stageEvent(
    Events.AppointmentCancelled,
    {
      ...appointmentEventData(cancelled),
      cancelledBy: by,
      ...(input.reason ? { reason: input.reason } : {}),
      late: outcome.late,
      feeInPence: outcome.feeInPence,
      refundDeposit: outcome.refundInPence > 0,
      refundInPence: outcome.refundInPence,
    },
    { occurredAt: now },
  );
  const result = await changeAppointment({
    appointmentId: appointment.appointmentId,
    expect: { statuses: [appointment.status] },
    set: { status: "cancelled", cancellation },
    remove: ["holdExpiresAt"],
    history: { status: "cancelled", at: now.toISOString(), by: actor.userId, ...(input.reason ? { note: input.reason } : {}) },
    release: occupiedOf(appointment),
    now,
    events: [announcement],
  });
  if (!result.ok) throw changedMeanwhile();
  if (appointment.status === "pending_deposit") await cancelSchedule(holdScheduleName(appointment.appointmentId));
  await offerFreedSlot({ serviceId: appointment.serviceId, start: new Date(appointment.start), now });
  return { appointment: appointmentView(cancelled), outcome };
}

/**
 * Moves an appointment to another start, atomically: the new cells are claimed and the
 * old ones released in the same transaction as the change, so it is never in two places
 * and never nowhere. Clients may move only while cancelling would still be free.
 */
export async function rescheduleAppointment(input: { appointmentId: string; actor: Actor; start: string; now: Date }): Promise<AppointmentView> {
  const { actor, now } = input;
  const appointment = await appointmentFor(input.appointmentId, actor);
  if (!ACTIVE.includes(appointment.status)) throw conflict("booking.not_reschedulable", `This appointment is ${appointment.status.replace("_", " ")}`);
  const settings = await loadSettings();
  const by = actor.isOwner ? "owner" : "client";
  if (!canReschedule({ terms: termsOf(appointment, settings), appointmentStart: new Date(appointment.start), bookedAt: new Date(appointment.createdAt), now, by })) {
    throw unprocessable("booking.reschedule_too_late", `Appointments can be moved online up to ${settings.cancellationWindowHours} hours before they start`);
  }
  const hold = appointment.holdExpiresAt ? new Date(appointment.holdExpiresAt) : undefined;
  if (hold && hold <= now) throw conflict("booking.hold_expired", "This booking's hold has lapsed; please book again");
  const service = await serviceById(appointment.serviceId);
  const start = new Date(input.start);
  const occupied = await assertBookable({ settings, service, start, now, ignoreAppointmentId: appointment.appointmentId });
  await assertEligible({ clientId: appointment.clientId, service, start, settings });
  const moved = placementOf(start, service.durationMinutes, occupied);
  const next: AppointmentItem = { ...appointment, ...moved };
  const previous = appointmentEventData(appointment);
  const announcement = stageEvent(Events.AppointmentRescheduled, { ...appointmentEventData(next), previousStart: previous.start, previousEnd: previous.end }, { occurredAt: now });
  const result = await changeAppointment({
    appointmentId: appointment.appointmentId,
    expect: { statuses: [appointment.status], start: appointment.start },
    set: moved,
    // An item booked before issue 20 drops the cell list it no longer needs.
    ...(appointment.lockCells ? { remove: ["lockCells" as const] } : {}),
    history: { status: appointment.status, at: now.toISOString(), by: actor.userId, note: `moved from ${appointment.start}` },
    claim: { appointmentId: appointment.appointmentId, occupied, holdExpiresAt: hold },
    release: occupiedOf(appointment),
    now,
    events: [announcement],
  });
  if (!result.ok) throw result.refused.has("claim") ? slotTaken() : changedMeanwhile();
  await offerFreedSlot({ serviceId: appointment.serviceId, start: new Date(appointment.start), now });
  return appointmentView(next);
}


export const changedMeanwhile = () => conflict("booking.appointment_changed", "This appointment changed meanwhile; reload and try again");

/** Books the offered slot (the entry becomes `booked` in the booking's transaction). */
export async function acceptOffer(waitlistId: string, clientId: string, now: Date, idempotencyKey?: string): Promise<AppointmentView> {
  const entry = await entryOf(waitlistId, clientId);
  if (entry.status !== "offered" || !entry.offer?.start || new Date(entry.offer.expiresAt!) <= now) {
    throw conflict("booking.offer_unavailable", "This waitlist offer is no longer open");
  }
  const { appointment } = await bookAppointment({
    clientId,
    request: { service: entry.serviceSlug, start: entry.offer.start },
    waitlistId,
    now,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
  await cancelSchedule(offerScheduleName(waitlistId));
  return appointment;
}
