import type { AstroGlobal } from "astro";
import { api, call } from "../../lib/client";
import type { Slot } from "../../lib/shapes";
import { addDays, bookingWeekStartOf, dateOfSlot, londonToday } from "./week";

/** Bookings open this far ahead by default (booking's `bookingHorizonDays`; not public yet). */
const HORIZON_DAYS = 90;
/** Without a chosen week, look this far ahead for the first week with a free time. */
const LOOKAHEAD_DAYS = 28;

export interface WeekView {
  /** The strip's first day: today, or today + 7, + 14, … (see `bookingWeekStartOf`). */
  weekStart: string;
  slots: Slot[];
  day: string | undefined;
  today: string;
  lastWeekStart: string;
  failed: boolean;
}

/**
 * The 7 days the picker opens on: the window holding `?week=` when given (any date in it,
 * e.g. a Monday from an older link; not in the past), else the first window with a free
 * time in the next four weeks (one API call), else the one starting today.
 */
export async function loadWeek(astro: AstroGlobal, service: string, wanted: { week?: string | null; day?: string | null } = {}): Promise<WeekView> {
  const today = londonToday();
  const lastWeekStart = bookingWeekStartOf(addDays(today, HORIZON_DAYS), today);
  const valid = (d: string | null | undefined): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));
  const fetchRange = async (from: string, to: string) => {
    const res = await call(api(astro).booking.availability.$get({ query: { service, from, to } }));
    return { ok: res.ok, slots: res.data?.slots ?? [] };
  };
  if (valid(wanted.week) && wanted.week >= addDays(today, -6) && wanted.week <= addDays(lastWeekStart, 6)) {
    const weekStart = bookingWeekStartOf(wanted.week, today);
    const { ok, slots } = await fetchRange(weekStart, addDays(weekStart, 6));
    const day = valid(wanted.day) && slots.some((s) => dateOfSlot(s.start) === wanted.day) ? wanted.day : undefined;
    return { weekStart, slots, day, today, lastWeekStart, failed: !ok };
  }
  const { ok, slots } = await fetchRange(today, addDays(today, LOOKAHEAD_DAYS - 1));
  const weekStart = slots[0] ? bookingWeekStartOf(dateOfSlot(slots[0].start), today) : today;
  const weekEnd = addDays(weekStart, 6);
  return { weekStart, slots: slots.filter((s) => dateOfSlot(s.start) >= weekStart && dateOfSlot(s.start) <= weekEnd), day: undefined, today, lastWeekStart, failed: !ok };
}

/** Whether `start` is still offered (checked when the confirm step opens). */
export async function isStillFree(astro: AstroGlobal, service: string, start: string): Promise<boolean> {
  const date = dateOfSlot(start);
  const res = await call(api(astro).booking.availability.$get({ query: { service, from: date, to: date } }));
  if (!res.ok) return true;
  const at = Date.parse(start);
  return res.data.slots.some((s) => Date.parse(s.start) === at);
}
