import { conflict, unprocessable } from "@mas/core/errors";
import { addLocalDays, instantAt, toIsoWithOffset, type LocalDate } from "@mas/core/shared/time";
import { availableSlots, isSlotAvailable, occupiedInterval, type BusyInterval, type SlotRejection } from "./availability";
import { busyIntervals } from "./slot-locks";
import type { BusinessSettings, Service } from "./settings";

/**
 * The availability engine wired to the diary. The listing (`listAvailability`) and the
 * booking re-check (`assertBookable`) read busy intervals the same way and ask the same
 * engine, so a slot offered is a slot the booking accepts (until someone else takes it —
 * then the lock transaction answers).
 */
export const MAX_RANGE_DAYS = 62;

/** `eligibleAt`: the client's prerequisites (client-eligibility.ts) — starts they could never pass are left out. */
export async function listAvailability(input: { settings: BusinessSettings; service: Service; from: LocalDate; to: LocalDate; now: Date; eligibleAt?: ((start: Date) => boolean) | undefined }) {
  const { settings, service, from, to, now } = input;
  const busy = await busyIntervals(instantAt(from, "00:00", settings.timeZone), instantAt(addLocalDays(to, 1), "00:00", settings.timeZone), now);
  const slots = availableSlots({ settings, service, busy, now, from, to });
  return (input.eligibleAt ? slots.filter((slot) => input.eligibleAt!(slot.start)) : slots).map((slot) => ({
    start: toIsoWithOffset(slot.start, settings.timeZone),
    end: toIsoWithOffset(slot.end, settings.timeZone),
  }));
}

const REASONS: Record<Exclude<SlotRejection, "overlaps">, string> = {
  too_soon: "That time is too soon to book online; please choose a later time",
  beyond_horizon: "That date is too far ahead to book yet",
  closed: "The clinic is closed that day",
  outside_hours: "The clinic is not open for the whole of that treatment at that time",
  off_grid: "Appointments start on the quarter hour; please pick a listed time",
};

/**
 * Throws 409 `booking.slot_taken` or 422 `booking.<reason>` unless `start` is bookable.
 * `ignoreAppointmentId` leaves an appointment's own interval out (rescheduling).
 */
export async function assertBookable(input: {
  settings: BusinessSettings;
  service: Service;
  start: Date;
  now: Date;
  ignoreAppointmentId?: string;
}): Promise<BusyInterval> {
  const { settings, service, start, now } = input;
  const occupied = occupiedInterval(service, start);
  const busy = (await busyIntervals(occupied.start, occupied.end, now)).filter((b) => b.appointmentId !== input.ignoreAppointmentId);
  const check = isSlotAvailable({ settings, service, busy, now, start });
  if (!check.ok) {
    if (check.reason === "overlaps") throw slotTaken();
    throw unprocessable(`booking.${check.reason}`, REASONS[check.reason], { start: REASONS[check.reason] });
  }
  return occupied;
}

export const slotTaken = () => conflict("booking.slot_taken", "Sorry, that time has just been taken. Please choose another.");
