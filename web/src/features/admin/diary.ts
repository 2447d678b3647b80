/**
 * The diary page's arithmetic: which days a view shows, where the arrows go, and the
 * day's entries (appointments, training sessions, blocks) merged in time order. Dates are
 * London calendar dates ("YYYY-MM-DD"); times come from the API with their offset.
 */
import { addDays, mondayOf, weekDates } from "../booking/week";

export type DiaryView = "day" | "week";

export function diaryRange(view: DiaryView, date: string): { from: string; to: string; dates: string[]; previous: string; next: string } {
  if (view === "day") return { from: date, to: date, dates: [date], previous: addDays(date, -1), next: addDays(date, 1) };
  const monday = mondayOf(date);
  return { from: monday, to: addDays(monday, 6), dates: weekDates(monday), previous: addDays(monday, -7), next: addDays(monday, 7) };
}

export const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** One date's items (ISO starts with their London offset) in start order. */
export function entriesOn<T extends { start: string; end: string }>(date: string, items: readonly T[]): T[] {
  return items.filter((i) => i.start.slice(0, 10) === date).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

const STATUS_LABELS: Record<string, string> = {
  pending_deposit: "Awaiting deposit",
  pending_review: "To review",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
  expired: "Hold lapsed",
};
export const statusLabel = (status: string) => STATUS_LABELS[status] ?? status.replace("_", " ");
