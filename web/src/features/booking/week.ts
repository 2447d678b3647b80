/**
 * Calendar arithmetic on local dates ("YYYY-MM-DD", Europe/London wall calendar) for the
 * week view. Dates are handled as UTC midnights, so no time zone or DST can shift a day;
 * slot times are read straight from their ISO strings, which booking gives in London time
 * with the offset ("2026-07-14T10:30:00+01:00").
 */
const DAY_MS = 86_400_000;

export const dateOfSlot = (iso: string) => iso.slice(0, 10);
export const timeOfSlot = (iso: string) => iso.slice(11, 16);

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday on or before `date` (UK weeks start on Monday). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

export function weekDates(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * The first day of the 7-day window holding `date`, for the booking week strip: windows
 * start today and follow on in sevens (today, today + 7, …), so the strip never opens on
 * days already gone. Dates before today fall in the first window.
 */
export function bookingWeekStartOf(date: string, today: string): string {
  if (date <= today) return today;
  return addDays(today, Math.floor(daysBetween(today, date) / 7) * 7);
}

const fmt = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", ...options });
const weekdayShort = fmt({ weekday: "short" });
const dayMonth = fmt({ day: "numeric", month: "short" });
const longDate = fmt({ weekday: "long", day: "numeric", month: "long" });
const dayMonthYear = fmt({ day: "numeric", month: "long", year: "numeric" });
const at = (date: string) => new Date(`${date}T00:00:00Z`);

export const weekdayLabel = (date: string) => weekdayShort.format(at(date));
export const dayMonthLabel = (date: string) => dayMonth.format(at(date));
export const longDateLabel = (date: string) => longDate.format(at(date));

/** The 7 days from `firstDay`: "13 – 19 July 2026", "29 June – 5 July 2026". */
export function weekLabel(firstDay: string): string {
  const [start, end] = [at(firstDay), at(addDays(firstDay, 6))];
  if (start.getUTCMonth() === end.getUTCMonth()) return `${start.getUTCDate()} – ${dayMonthYear.format(end)}`;
  const first = start.getUTCFullYear() === end.getUTCFullYear() ? dayMonthLong.format(start) : dayMonthYear.format(start);
  return `${first} – ${dayMonthYear.format(end)}`;
}

const dayMonthLong = fmt({ day: "numeric", month: "long" });

/** Today's date on the London wall calendar. */
export function londonToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export type Period = "Morning" | "Afternoon" | "Evening";
export function periodOf(time: string): Period {
  const hour = Number(time.slice(0, 2));
  return hour < 12 ? "Morning" : hour < 17 ? "Afternoon" : "Evening";
}
