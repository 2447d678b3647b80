import { addLocalDays, eachLocalDate, instantAt, isLocalDate, localDateOf, minutesOfDay, toIsoWithOffset, weekdayOf, type LocalDate } from "@mas/core/shared/time";
import type { BusinessSettings, OpeningRange, Service } from "./settings";

/**
 * The availability engine: which start times a service can be booked at. Pure — `now`,
 * the time zone (in the settings) and everything booked already are parameters.
 *
 * Rules, in the order `isSlotAvailable` reports them:
 * 1. `too_soon` — a start must be at least `minimumNoticeMinutes` after `now`.
 * 2. `beyond_horizon` — its local date must be at most `bookingHorizonDays` after today's
 *    local date (today counted from `now` in the clinic's zone).
 * 3. `closed` — closures and training days remove the whole day (even its extra hours);
 *    a weekday without hours and no extra hours is closed too.
 *    Blocked times (the owner's diary blocks) cut their stretch out of that day's ranges.
 * 4. `outside_hours` — the *occupied interval* [start − bufferBefore, end + bufferAfter)
 *    must lie entirely inside one opening range: set-up and clean-down happen while the
 *    clinic is open, and no appointment straddles a lunch break. A day's ranges are its
 *    weekly ranges plus its extra hours, merged where they overlap or touch.
 * 5. `off_grid` — starts lie on the slot grid: whole multiples of `slotStepMinutes` of
 *    elapsed time from the start of the (merged) range. As clocks change by whole hours and
 *    the step divides 60, that is also the grid on the wall clock.
 * 6. `overlaps` — the occupied interval must not overlap any busy interval. Busy intervals
 *    already include the buffers of the appointment they stand for, so two appointments'
 *    buffers never overlap each other: back-to-back means one's clean-down ends where the
 *    next one's set-up begins. Intervals are half-open, so touching is not overlapping.
 *
 * Daylight saving: a range is the real time between its wall-clock start and end, converted
 * with `instantAt` (see there). On 2026-03-29 a 00:00–04:00 range lasts three hours and
 * offers no 01:00–01:59 starts (that hour never happens); on 2026-10-25 a 00:00–03:00 range
 * lasts four hours, and 01:00 BST and 01:00 GMT are two different slots — every instant is
 * offered at most once.
 *
 * `availableSlots` and `isSlotAvailable` share the helpers below (opening ranges, grid,
 * busy sweep), so the booking route re-checks a start with exactly the listing's logic.
 */
export interface BusyInterval {
  start: Date;
  end: Date;
}

/** A bookable appointment: when the treatment starts and ends (buffers not included). */
export interface Slot {
  start: Date;
  end: Date;
}

export type SlotRejection = "outside_hours" | "closed" | "too_soon" | "beyond_horizon" | "off_grid" | "overlaps";
export type SlotCheck = { ok: true } | { ok: false; reason: SlotRejection };

export interface AvailabilityInput {
  settings: BusinessSettings;
  service: Pick<Service, "durationMinutes" | "bufferBeforeMinutes" | "bufferAfterMinutes">;
  /** Existing appointments' occupied intervals (buffers included), in any order. */
  busy: readonly BusyInterval[];
  now: Date;
}

const MINUTE_MS = 60_000;

/** Every bookable start for `service` on the local dates `from`…`to` (inclusive), in time order. */
export function availableSlots(input: AvailabilityInput & { from: LocalDate; to: LocalDate }): Slot[] {
  const { settings, service } = input;
  if (!isLocalDate(input.from) || !isLocalDate(input.to)) {
    throw new RangeError(`Not local dates (YYYY-MM-DD): ${input.from}, ${input.to}`);
  }
  const window = bookingWindow(input);
  const stepMs = settings.slotStepMinutes * MINUTE_MS;
  const durationMs = service.durationMinutes * MINUTE_MS;
  const overlapsBusy = busySweep(input.busy);
  const from = input.from > window.today ? input.from : window.today;
  const to = input.to < window.lastDate ? input.to : window.lastDate;
  const slots: Slot[] = [];
  for (const date of eachLocalDate(from, to)) {
    for (const range of openingRanges(settings, date)) {
      const grid = gridOf(range, service, stepMs);
      const skip = Math.max(0, Math.ceil((window.earliestStart - grid.first) / stepMs));
      for (let start = grid.first + skip * stepMs; start <= grid.last; start += stepMs) {
        const occupied = occupiedMs(service, start);
        if (!overlapsBusy(occupied.start, occupied.end)) slots.push({ start: new Date(start), end: new Date(start + durationMs) });
      }
    }
  }
  return slots;
}

/** Whether `start` can be booked, and if not, the first rule it breaks (see the list above). */
export function isSlotAvailable(input: AvailabilityInput & { start: Date }): SlotCheck {
  const { settings, service } = input;
  const start = input.start.getTime();
  if (Number.isNaN(start)) throw new RangeError("Invalid start");
  const window = bookingWindow(input);
  if (start < window.earliestStart) return { ok: false, reason: "too_soon" };
  const date = localDateOf(input.start, settings.timeZone);
  if (date > window.lastDate) return { ok: false, reason: "beyond_horizon" };
  const ranges = openingRanges(settings, date);
  if (ranges.length === 0) return { ok: false, reason: "closed" };
  const stepMs = settings.slotStepMinutes * MINUTE_MS;
  const range = ranges.find((r) => {
    const grid = gridOf(r, service, stepMs);
    return start >= grid.fitsFrom && start <= grid.fitsUntil;
  });
  if (!range) return { ok: false, reason: "outside_hours" };
  if ((start - range.start) % stepMs !== 0) return { ok: false, reason: "off_grid" };
  const occupied = occupiedMs(service, start);
  if (busySweep(input.busy)(occupied.start, occupied.end)) return { ok: false, reason: "overlaps" };
  return { ok: true };
}

/** The time an appointment takes out of the diary: the treatment plus its buffers. */
export function occupiedInterval(service: AvailabilityInput["service"], start: Date): BusyInterval {
  const { start: from, end } = occupiedMs(service, start.getTime());
  return { start: new Date(from), end: new Date(end) };
}

/**
 * Lock keys for an occupied interval: the ISO start ("…+00:00") of every cell of a fixed
 * `stepMinutes` grid aligned to the Unix epoch in UTC that the half-open interval touches.
 * Two intervals that overlap share at least one instant, hence the cell containing it, so
 * writing one lock item per cell in the booking transaction lets at most one of them win.
 * Merely touching intervals (one ends at 10:00, the next starts at 10:00) share no cell when
 * the boundary is on the grid; off-grid boundaries may share a cell and conflict
 * conservatively.
 */
export function slotCells(interval: BusyInterval, stepMinutes = 15): string[] {
  if (!Number.isSafeInteger(stepMinutes) || stepMinutes <= 0) throw new RangeError(`stepMinutes must be a positive integer, got ${stepMinutes}`);
  const stepMs = stepMinutes * MINUTE_MS;
  const start = interval.start.getTime();
  const end = interval.end.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError("Invalid interval");
  const cells: string[] = [];
  for (let cell = Math.floor(start / stepMs) * stepMs; cell < end; cell += stepMs) cells.push(toIsoWithOffset(new Date(cell), "UTC"));
  return cells;
}

/** The clinic's opening ranges on a local date as instants, in order; empty when closed. */
export function openingHoursOn(settings: BusinessSettings, date: LocalDate): BusyInterval[] {
  return openingRanges(settings, date).map((r) => ({ start: new Date(r.start), end: new Date(r.end) }));
}

interface Span {
  start: number;
  end: number;
}

function bookingWindow({ settings, now }: AvailabilityInput): { earliestStart: number; today: LocalDate; lastDate: LocalDate } {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("Invalid now");
  const today = localDateOf(now, settings.timeZone);
  return {
    earliestStart: nowMs + settings.minimumNoticeMinutes * MINUTE_MS,
    today,
    lastDate: addLocalDays(today, settings.bookingHorizonDays),
  };
}

function openingRanges(settings: BusinessSettings, date: LocalDate): Span[] {
  const closed =
    settings.trainingDays.some((t) => t.date === date) ||
    settings.closures.some((c) => ("date" in c ? c.date === date : c.from <= date && date <= c.to));
  if (closed) return [];
  const wall: OpeningRange[] = [...settings.weeklyHours[weekdayOf(date)], ...settings.extraHours.filter((x) => x.date === date)];
  wall.sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
  const merged: OpeningRange[] = [];
  for (const range of wall) {
    const last = merged[merged.length - 1];
    if (last && minutesOfDay(range.start) <= minutesOfDay(last.end)) {
      if (minutesOfDay(range.end) > minutesOfDay(last.end)) merged[merged.length - 1] = { start: last.start, end: range.end };
    } else merged.push(range);
  }
  const blocks = settings.blockedTimes
    .filter((b) => b.date === date)
    .map((b) => ({ start: instantAt(date, b.start, settings.timeZone).getTime(), end: instantAt(date, b.end, settings.timeZone).getTime() }));
  return withoutBlocks(
    merged
      .map((r) => ({ start: instantAt(date, r.start, settings.timeZone).getTime(), end: instantAt(date, r.end, settings.timeZone).getTime() }))
      .filter((r) => r.end > r.start), // a range wholly inside a spring-forward gap never happens
    blocks,
  );
}

/** Ranges with the blocked stretches cut out (a range may split in two). */
function withoutBlocks(ranges: Span[], blocks: readonly Span[]): Span[] {
  let pieces = ranges;
  for (const block of blocks) {
    pieces = pieces.flatMap((r) => {
      if (block.end <= r.start || block.start >= r.end) return [r];
      return [
        ...(block.start > r.start ? [{ start: r.start, end: block.start }] : []),
        ...(block.end < r.end ? [{ start: block.end, end: r.end }] : []),
      ];
    });
  }
  return pieces;
}

/**
 * The starts in `range` whose occupied interval fits inside it (`fitsFrom`…`fitsUntil`) and,
 * of those, the first and last on the grid (`first > last` when no grid start fits).
 */
function gridOf(range: Span, service: AvailabilityInput["service"], stepMs: number) {
  const fitsFrom = range.start + service.bufferBeforeMinutes * MINUTE_MS;
  const fitsUntil = range.end - (service.durationMinutes + service.bufferAfterMinutes) * MINUTE_MS;
  const first = range.start + Math.ceil((fitsFrom - range.start) / stepMs) * stepMs;
  const last = range.start + Math.floor((fitsUntil - range.start) / stepMs) * stepMs;
  return { fitsFrom, fitsUntil, first, last };
}

function occupiedMs(service: AvailabilityInput["service"], start: number): Span {
  return {
    start: start - service.bufferBeforeMinutes * MINUTE_MS,
    end: start + (service.durationMinutes + service.bufferAfterMinutes) * MINUTE_MS,
  };
}

/**
 * Sorts and merges the busy intervals once (without touching the caller's array), then
 * answers "does [start, end) overlap anything busy?" with a pointer that only moves forward,
 * so queries must come in non-decreasing order of `start`: O(busy log busy + queries).
 */
function busySweep(busy: readonly BusyInterval[]): (start: number, end: number) => boolean {
  const spans = busy
    .map((b) => {
      const span = { start: b.start.getTime(), end: b.end.getTime() };
      if (Number.isNaN(span.start) || Number.isNaN(span.end)) throw new RangeError("Invalid busy interval");
      return span;
    })
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  let cursor = 0;
  return (start, end) => {
    while (cursor < merged.length && merged[cursor]!.end <= start) cursor++;
    const next = merged[cursor];
    return next !== undefined && next.start < end;
  };
}
