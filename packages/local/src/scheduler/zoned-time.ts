/**
 * Wall-clock time in an IANA zone → UTC instant, with Intl only (no tz database package is
 * resolvable from packages/local).
 *
 * DST rules, chosen to match java.time (what AWS runs) and JavaScript Temporal's
 * "compatible" disambiguation:
 * - a wall time that occurs twice (clocks go back) means its FIRST occurrence — e.g.
 *   2026-10-25T01:30 Europe/London is 00:30Z (BST), not 01:30Z (GMT);
 * - a wall time that never occurs (clocks go forward) is pushed forward by the gap —
 *   e.g. 2026-03-29T01:30 Europe/London is 01:30Z, which London reads as 02:30 BST.
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a time zone name Intl knows (IANA names, plus "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset (ms) at an instant: wall time read as UTC, minus the instant. */
function offsetAt(timeZone: string, instant: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallAsUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

export function zonedTimeToUtc(wall: WallTime, timeZone: string): Date {
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // Any offset the wall time could have is one in force within a day of it.
  const offsets = new Set([offsetAt(timeZone, wallAsUtc - DAY_MS), offsetAt(timeZone, wallAsUtc), offsetAt(timeZone, wallAsUtc + DAY_MS)]);
  const instants = [...offsets]
    .map((offset) => wallAsUtc - offset)
    .filter((instant) => offsetAt(timeZone, instant) === wallAsUtc - instant)
    .sort((a, b) => a - b);
  const first = instants[0];
  if (first !== undefined) return new Date(first);
  // Skipped wall time: apply the offset from before the jump, landing the gap's length later.
  return new Date(wallAsUtc - offsetAt(timeZone, wallAsUtc - DAY_MS));
}
