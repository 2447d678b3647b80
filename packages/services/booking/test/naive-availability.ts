import { addLocalDays, eachLocalDate, localDateOf, type LocalDate } from "@mas/core/shared/time";
import { openingHoursOn, type AvailabilityInput, type BusyInterval, type Slot } from "../src/domain/availability";

/**
 * BENCHMARK BASELINE — never call this from product code; use `availableSlots`.
 *
 * A port of the reference plan's `AvailabilityEngine.calculateSlots` (build-plan §3.1):
 * per day, fetch that day's bookings, walk the opening hours in steps, and for every
 * candidate slot scan every booking (`bookings.some(...)`), allocating a `TimeSlot` for
 * available and unavailable slots alike. Its cost is O(days × busy + slots × busy).
 *
 * Kept as in the reference: the per-day booking filter over all bookings, the per-slot
 * linear conflict scan, and building every candidate before filtering. Corrected only so
 * the benchmark compares like with like (same answers as `availableSlots`): buffers, the
 * occupied interval fitting inside the range (the reference let the last slots run past
 * closing), the settings' step instead of a hard-coded 15, minimum notice and horizon.
 */
interface TimeSlot {
  start: Date;
  end: Date;
  available: boolean;
}

export function naiveAvailableSlots(input: AvailabilityInput & { from: LocalDate; to: LocalDate }): Slot[] {
  const slots: Slot[] = [];
  for (const date of eachLocalDate(input.from, input.to)) {
    for (const slot of calculateSlots(input, date)) {
      if (slot.available) slots.push({ start: slot.start, end: slot.end });
    }
  }
  return slots;
}

function calculateSlots(input: AvailabilityInput, date: LocalDate): TimeSlot[] {
  const { settings, service, now } = input;
  const businessHours = openingHoursOn(settings, date);
  const existingBookings = getBookingsForDate(input.busy, businessHours);
  const earliest = now.getTime() + settings.minimumNoticeMinutes * 60000;
  const lastDate = addLocalDays(localDateOf(now, settings.timeZone), settings.bookingHorizonDays);

  const slots: TimeSlot[] = [];
  for (const hours of businessHours) {
    let currentTime = new Date(hours.start);
    while (currentTime < hours.end) {
      const endTime = new Date(currentTime.getTime() + service.durationMinutes * 60000);
      const occupiedStart = new Date(currentTime.getTime() - service.bufferBeforeMinutes * 60000);
      const occupiedEnd = new Date(endTime.getTime() + service.bufferAfterMinutes * 60000);

      const isAvailable =
        occupiedStart >= hours.start &&
        occupiedEnd <= hours.end &&
        currentTime.getTime() >= earliest &&
        date <= lastDate &&
        !hasConflict(occupiedStart, occupiedEnd, existingBookings);

      slots.push({ start: new Date(currentTime), end: endTime, available: isAvailable });

      currentTime = new Date(currentTime.getTime() + settings.slotStepMinutes * 60000);
    }
  }
  return slots;
}

function getBookingsForDate(bookings: readonly BusyInterval[], businessHours: BusyInterval[]): BusyInterval[] {
  return bookings.filter((booking) => businessHours.some((hours) => booking.start < hours.end && booking.end > hours.start));
}

function hasConflict(start: Date, end: Date, bookings: BusyInterval[]): boolean {
  return bookings.some((booking) => {
    const bookingStart = new Date(booking.start);
    const bookingEnd = new Date(booking.end);

    return start < bookingEnd && end > bookingStart;
  });
}
