import { ulid } from "ulid";
import * as z from "zod";
import { getActiveUser } from "@mas/accounts/read";
import { conflict, notFound } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { stageEvent } from "@mas/core/outbox/outbox";
import { cancelSchedule, scheduleEvent, wholeSecondAfter } from "@mas/core/ports/scheduler";
import { addMinutes, type LocalDate } from "@mas/core/shared/time";
import type { AppointmentStatus } from "../entities/appointment";
import { changeAppointment, findAppointment, insertAppointment, newAppointmentItem, type AppointmentItem } from "./appointment-store";
import { appointmentEventData, appointmentView, type AppointmentView } from "./appointment-view";
import { cancelAppointment, changedMeanwhile, HOLD_MINUTES, holdScheduleName, rescheduleAppointment } from "./appointments";
import { serviceBySlug } from "./catalogue";
import { assertEligible } from "./client-eligibility";
import { cancellationTermsFor } from "./policy";
import { BlockedTime, depositFor, LocalDate as LocalDateSchema, LocalTime, type BusinessSettings } from "./settings";
import { loadSettings, saveSettings } from "./settings-store";
import { assertBookable, listAvailability, slotTaken } from "./slot-check";
import { occupiedOf, placementOf } from "./slot-locks";

/**
 * The owner's diary commands (front desk and phone). They use the same availability engine
 * and eligibility rules as the client's booking, with one difference: the owner books
 * walk-ins, so the minimum-notice rule does not apply to her (a start must still be in the
 * future, on the grid, inside opening hours and free).
 *
 * How the deposit is settled when the owner books:
 * - `link`: the booking waits for the deposit like an online one (the client is mailed the
 *   payment link by messaging on `appointment.requested`), held for up to 24 hours (never
 *   past the start) instead of 15 minutes;
 * - `in_clinic`: the booking waits for the deposit and the page records it at once through
 *   payments (`POST /api/payments/admin/in-person`), whose `payment.succeeded` confirms it —
 *   the same path as a card deposit, so the takings and the diary agree;
 * - `waive`: confirmed at once with no deposit; the reason is kept in the history and audited.
 */
export const PHONE_HOLD_MINUTES = 24 * 60;

export const ClinicBooking = z
  .object({
    clientId: z.string().min(1).max(64),
    service: z.string().min(1).max(80),
    start: z.iso.datetime({ offset: true }),
    note: z.string().trim().max(1000).optional(),
    deposit: z.enum(["link", "in_clinic", "waive"]),
    waiveReason: z.string().trim().min(5, "Say why, in a few words").max(500).optional(),
  })
  .refine((b) => b.deposit !== "waive" || b.waiveReason, { message: "Say why the deposit is waived", path: ["waiveReason"] });
export type ClinicBooking = z.infer<typeof ClinicBooking>;

/** The settings as they apply to the owner booking for a client: no minimum notice. */
export const ownerBookingSettings = (settings: BusinessSettings): BusinessSettings => ({ ...settings, minimumNoticeMinutes: 0 });

export async function ownerAvailability(input: { service: string; from: LocalDate; to: LocalDate; now: Date }) {
  const [settings, service] = await Promise.all([loadSettings(), serviceBySlug(input.service)]);
  const slots = await listAvailability({ settings: ownerBookingSettings(settings), service, from: input.from, to: input.to, now: input.now });
  return { service: { slug: service.slug, name: service.name, durationMinutes: service.durationMinutes, priceInPence: service.priceInPence, depositInPence: depositFor(service) }, slots };
}

export async function bookForClient(booking: ClinicBooking, ownerId: string, now: Date): Promise<AppointmentView> {
  const client = await getActiveUser(booking.clientId);
  if (!client) throw notFound("booking.client_not_found", "No such client");
  const [settings, service] = await Promise.all([loadSettings(), serviceBySlug(booking.service)]);
  const start = new Date(booking.start);
  const occupied = await assertBookable({ settings: ownerBookingSettings(settings), service, start, now });
  const { riskFlags, awaiting } = await assertEligible({ clientId: booking.clientId, service, start, settings });
  const waived = booking.deposit === "waive";
  const depositInPence = waived ? 0 : depositFor(service);
  const status: AppointmentStatus = depositInPence > 0 ? "pending_deposit" : "confirmed";
  const holdMinutes = booking.deposit === "link" ? Math.min(PHONE_HOLD_MINUTES, Math.floor((start.getTime() - now.getTime()) / 60_000)) : HOLD_MINUTES;
  const holdExpiresAt = status === "pending_deposit" ? wholeSecondAfter(addMinutes(now, Math.max(holdMinutes, HOLD_MINUTES))) : undefined;
  const appointmentId = ulid(now.getTime());
  const note = waived ? `booked by the clinic; deposit waived: ${booking.waiveReason}` : "booked by the clinic";
  const item: AppointmentItem = {
    ...newAppointmentItem({ appointmentId, clientId: booking.clientId, service, start, occupied, status, depositInPence, depositPaidInPence: 0, by: ownerId, note, now }),
    // The practitioner is booking with the answers in front of her: no second review step.
    needsReview: false,
    riskFlags,
    // A waived deposit does not waive the policy the clinic states: the cap is the usual deposit.
    cancellationTerms: cancellationTermsFor(settings, depositFor(service)),
    ...(awaiting.length ? { awaiting } : {}),
    ...(waived ? { depositWaived: true } : {}),
    ...(holdExpiresAt ? { holdExpiresAt: holdExpiresAt.toISOString() } : {}),
    ...(booking.note ? { clientNote: booking.note } : {}),
  };
  const view = appointmentView(item);
  const announcement =
    status === "confirmed"
      ? stageEvent(Events.AppointmentConfirmed, { ...appointmentEventData(item), confirmedBy: "clinic" }, { occurredAt: now })
      : stageEvent(Events.AppointmentRequested, { ...appointmentEventData(item), status, holdExpiresAt: view.holdExpiresAt }, { occurredAt: now });
  const outcome = await insertAppointment({ appointment: item, place: { appointmentId, occupied, holdExpiresAt }, now, events: [announcement] });
  if (!outcome.ok) throw slotTaken();
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

async function requireAppointment(appointmentId: string): Promise<AppointmentItem> {
  const appointment = await findAppointment(appointmentId);
  if (!appointment) throw notFound("booking.appointment_not_found", "No such appointment");
  return appointment;
}

/** A booking waiting for its deposit is confirmed without one (the reason is audited by the route). */
export async function waiveDeposit(appointmentId: string, reason: string, ownerId: string, now: Date): Promise<AppointmentView> {
  const appointment = await requireAppointment(appointmentId);
  if (appointment.status !== "pending_deposit") throw conflict("booking.not_awaiting_deposit", `This appointment is ${appointment.status.replace("_", " ")}, not awaiting a deposit`);
  const next = { ...appointment, status: "confirmed" as const, depositInPence: 0, depositWaived: true };
  const result = await changeAppointment({
    appointmentId,
    expect: { statuses: ["pending_deposit"] },
    set: { status: "confirmed", depositInPence: 0, depositWaived: true },
    remove: ["holdExpiresAt"],
    history: { status: "confirmed", at: now.toISOString(), by: ownerId, note: `deposit waived: ${reason}` },
    claim: { appointmentId, occupied: occupiedOf(appointment) },
    now,
    events: [stageEvent(Events.AppointmentConfirmed, { ...appointmentEventData(next), confirmedBy: "clinic" }, { occurredAt: now })],
  });
  if (!result.ok) throw result.refused.has("claim") ? slotTaken() : changedMeanwhile();
  await cancelSchedule(holdScheduleName(appointmentId));
  const { holdExpiresAt: _lapsed, ...confirmed } = next;
  return appointmentView(confirmed);
}

/** The client is at the front desk (today's confirmed appointment). */
export async function markArrived(appointmentId: string, ownerId: string, now: Date): Promise<AppointmentView> {
  const appointment = await requireAppointment(appointmentId);
  if (appointment.status !== "confirmed") throw conflict("booking.not_confirmed", `This appointment is ${appointment.status.replace("_", " ")}`);
  if (appointment.arrivedAt) return appointmentView(appointment);
  const result = await changeAppointment({
    appointmentId,
    expect: { statuses: ["confirmed"] },
    set: { arrivedAt: now.toISOString() },
    history: { status: "confirmed", at: now.toISOString(), by: ownerId, note: "arrived" },
    now,
  });
  if (!result.ok) throw changedMeanwhile();
  return appointmentView({ ...appointment, arrivedAt: now.toISOString() });
}

/**
 * Cancel or move for the client (they phoned): `client` applies their own rules — late fee
 * inside the window, no move inside it — as if they had done it online; `override` is the
 * owner's decision (always allowed, deposit refunded, no fee), audited by the route.
 */
export const ClinicCancellation = z
  .object({ rules: z.enum(["client", "override"]), reason: z.string().trim().max(500).optional() })
  .refine((c) => c.rules === "client" || (c.reason ?? "").length >= 5, { message: "Say why you are overriding the client's rules", path: ["reason"] });
export const ClinicMove = z
  .object({ start: z.iso.datetime({ offset: true }), rules: z.enum(["client", "override"]), reason: z.string().trim().max(500).optional() })
  .refine((c) => c.rules === "client" || (c.reason ?? "").length >= 5, { message: "Say why you are overriding the client's rules", path: ["reason"] });

export async function cancelForClient(appointmentId: string, input: z.infer<typeof ClinicCancellation>, ownerId: string, now: Date) {
  const appointment = await requireAppointment(appointmentId);
  const actor = input.rules === "client" ? { userId: appointment.clientId, isOwner: false } : { userId: ownerId, isOwner: true };
  const reason = input.rules === "client" ? `by phone or at the desk${input.reason ? `: ${input.reason}` : ""}` : input.reason;
  return cancelAppointment({ appointmentId, actor, now, ...(reason ? { reason } : {}) });
}

export async function moveForClient(appointmentId: string, input: z.infer<typeof ClinicMove>, ownerId: string, now: Date): Promise<AppointmentView> {
  const appointment = await requireAppointment(appointmentId);
  const actor = input.rules === "client" ? { userId: appointment.clientId, isOwner: false } : { userId: ownerId, isOwner: true };
  return rescheduleAppointment({ appointmentId, actor, start: input.start, now });
}

/** Diary blocks live in the settings (beside closures): availability cuts them out of the day. */
export const BlockInput = z
  .object({ date: LocalDateSchema, start: LocalTime, end: LocalTime, reason: z.string().trim().min(1, "Say what the time is for").max(200) })
  .superRefine((b, ctx) => {
    const parsed = BlockedTime.safeParse({ ...b, blockId: "x" });
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });

export async function blockTime(input: z.infer<typeof BlockInput>, ownerId: string, now: Date): Promise<BlockedTime> {
  const settings = await loadSettings();
  const block: BlockedTime = { blockId: ulid(now.getTime()), ...input };
  await saveSettings({ ...settings, blockedTimes: [...settings.blockedTimes, block] }, ownerId, now);
  return block;
}

export async function unblockTime(blockId: string, ownerId: string, now: Date): Promise<void> {
  const settings = await loadSettings();
  if (!settings.blockedTimes.some((b) => b.blockId === blockId)) throw notFound("booking.block_not_found", "No such block");
  await saveSettings({ ...settings, blockedTimes: settings.blockedTimes.filter((b) => b.blockId !== blockId) }, ownerId, now);
}
