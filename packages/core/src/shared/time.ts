import { tzOffset } from "@date-fns/tz";

/**
 * The project's one date helper. Everything that turns a wall-clock date or time into an
 * instant (or back) goes through here, so the daylight-saving rules live in one place.
 *
 * Vocabulary:
 * - an *instant* is a `Date` (a point on the UTC timeline);
 * - a *local date* is `"YYYY-MM-DD"` and a *local time* is `"HH:mm"` on the wall clock of a
 *   time zone. Local dates compare correctly as strings.
 *
 * Nothing here reads the clock: callers pass `now` and the time zone.
 *
 * Offsets come from @date-fns/tz's `tzOffset` (the IANA data in `Intl`); the arithmetic
 * around it is done on epoch milliseconds, which is ~15× faster than formatting through
 * `TZDate` + date-fns `format` (3 µs against 44 µs a string — it matters when a listing
 * formats thousands of slots), and lets this file state its DST rules explicitly.
 */
export const TIME_ZONE = "Europe/London";

/** `"YYYY-MM-DD"` on a wall calendar. */
export type LocalDate = string;
/** `"HH:mm"` (00:00–23:59) on a wall clock. */
export type LocalTime = string;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function isLocalTime(value: string): boolean {
  return LOCAL_TIME.test(value);
}

export function isValidTimeZone(timeZone: string): boolean {
  return timeZone.length > 0 && !Number.isNaN(tzOffset(timeZone, new Date(0)));
}

/** Minutes since wall-clock midnight: `"09:30"` → 570. */
export function minutesOfDay(time: LocalTime): number {
  const match = LOCAL_TIME.exec(time);
  if (!match) throw new RangeError(`Not a local time (HH:mm): ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The calendar date an instant falls on in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string = TIME_ZONE): LocalDate {
  const shifted = new Date(instantMs(instant) + offsetMs(timeZone, instantMs(instant)));
  return utcDateString(shifted);
}

/**
 * The wall-clock time an instant shows in `timeZone`, 24-hour `"HH:mm"` ("14:00"): how the
 * site, the mails and the texts all write a time, so a client never sees "2:00pm" in one
 * place and "14:00" in another.
 */
export function localTimeOf(instant: Date, timeZone: string = TIME_ZONE): LocalTime {
  const shifted = new Date(instantMs(instant) + offsetMs(timeZone, instantMs(instant)));
  return shifted.toISOString().slice(11, 16);
}

/** The calendar date an instant falls on in the clinic's zone (Europe/London). */
export function londonDateOf(instant: Date): LocalDate {
  return localDateOf(instant, TIME_ZONE);
}

/**
 * The instant at which the wall clock in `timeZone` shows `time` on `date`.
 *
 * Daylight-saving edges (chosen so the mapping never goes backwards as the wall time
 * increases, which keeps opening ranges well-formed):
 * - a wall time that does not exist because the clocks went forward (Europe/London
 *   2026-03-29 01:00–01:59) maps to the moment of the change, i.e. the first wall time
 *   after the gap: `instantAt("2026-03-29", "01:30")` is 01:00Z = 02:00 BST;
 * - a wall time that happens twice because the clocks went back (2026-10-25 01:00–01:59)
 *   maps to its first occurrence (still on summer time): `instantAt("2026-10-25", "01:30")`
 *   is 00:30Z = 01:30 BST.
 * (Unlike `new TZDate(...)`, which moves gap times forward by the gap's length and picks
 * the second occurrence of a repeated time.)
 */
export function instantAt(date: LocalDate, time: LocalTime, timeZone: string = TIME_ZONE): Date {
  if (!isLocalDate(date)) throw new RangeError(`Not a local date (YYYY-MM-DD): ${date}`);
  const wall = Date.parse(`${date}T00:00:00Z`) + minutesOfDay(time) * MINUTE_MS;
  const { before, after } = offsetsAround(date, timeZone);
  // The same offset a day either side of the date: no change in between, so no gap or overlap.
  if (before === after) return new Date(wall - before);
  const matches = [...new Set([before, after])].map((offset) => wall - offset).filter((t) => offsetMs(timeZone, t) === wall - t);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap: the change happened between `wall - after` (old offset) and `wall - before` (new one).
  let lo = wall - after;
  let hi = wall - before;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMs(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** Every local date from `from` to `to`, both included (empty when `from` is after `to`). */
export function eachLocalDate(from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let day = localDateMs(from), last = localDateMs(to); day <= last; day += DAY_MS) dates.push(utcDateString(new Date(day)));
  return dates;
}

/** Calendar arithmetic on a local date (no time zone involved). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  assertInteger(days, "days");
  return utcDateString(new Date(localDateMs(date) + days * DAY_MS));
}

/** Calendar months, clamped to the end of a shorter month: 2026-08-31 − 6 months = 2026-02-28. */
export function addLocalMonths(date: LocalDate, months: number): LocalDate {
  assertInteger(months, "months");
  const start = new Date(localDateMs(date));
  const firstOfTarget = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
  const daysInTarget = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(start.getUTCDate(), daysInTarget));
  return utcDateString(firstOfTarget);
}

/** 0 = Sunday … 6 = Saturday, as in `Date.prototype.getDay`. */
export function weekdayOf(date: LocalDate): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  return new Date(localDateMs(date)).getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/**
 * ISO 8601 with the zone's offset, always in `±HH:mm` form and to the second:
 * "2026-07-01T10:00:00+01:00", "2026-12-01T10:00:00+00:00" (never "Z").
 */
export function toIsoWithOffset(instant: Date, timeZone: string = TIME_ZONE): string {
  const ms = instantMs(instant);
  const offset = offsetMs(timeZone, ms);
  const minutes = Math.abs(offset) / MINUTE_MS;
  const sign = offset < 0 ? "-" : "+";
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instantMs(instant) + minutes * MINUTE_MS);
}

/**
 * The zone's offsets a day before and two days after a date's midnight (UTC reading): every
 * instant whose wall clock shows that date lies between them, and zones change offset at
 * most once in three days. Remembered for the last date asked, because callers convert
 * several times of one day in a row (a day's opening ranges) and `Intl` is the slow part.
 */
let lastOffsets: { date: LocalDate; timeZone: string; before: number; after: number } | undefined;
function offsetsAround(date: LocalDate, timeZone: string): { before: number; after: number } {
  if (lastOffsets?.date === date && lastOffsets.timeZone === timeZone) return lastOffsets;
  const midnight = Date.parse(`${date}T00:00:00Z`);
  lastOffsets = { date, timeZone, before: offsetMs(timeZone, midnight - DAY_MS), after: offsetMs(timeZone, midnight + 2 * DAY_MS) };
  return lastOffsets;
}

function offsetMs(timeZone: string, at: number): number {
  const minutes = tzOffset(timeZone, new Date(at));
  if (Number.isNaN(minutes)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return minutes * MINUTE_MS;
}

function instantMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  return ms;
}

function localDateMs(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`Not a local date (YYYY-MM-DD): ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function utcDateString(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}
