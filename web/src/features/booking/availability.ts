import type { AstroGlobal } from "astro";
import { api, call } from "../../lib/client";
import type { Slot } from "../../lib/shapes";
import { addDays, dateOfSlot, londonToday, mondayOf } from "./week";

/** Bookings open this far ahead by default (booking's `bookingHorizonDays`; not public yet). */
const HORIZON_DAYS = 90;
/** Without a chosen week, look this far ahead for the first week with a free time. */
const LOOKAHEAD_DAYS = 28;

export interface WeekView {
  monday: string;
  slots: Slot[];
  day: string | undefined;
  today: string;
  lastMonday: string;
  failed: boolean;
}

/**
 * The week the picker opens on: `?week=` when given (and not in the past), else the first
 * week with a free time in the next four weeks (one API call), else this week.
 */
export async function loadWeek(astro: AstroGlobal, service: string, wanted: { week?: string | null; day?: string | null } = {}): Promise<WeekView> {
  const today = londonToday();
  const thisMonday = mondayOf(today);
  const lastMonday = mondayOf(addDays(today, HORIZON_DAYS));
  const valid = (d: string | null | undefined): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));
  const fetchRange = async (from: string, to: string) => {
    const res = await call(api(astro).booking.availability.$get({ query: { service, from, to } }));
    return { ok: res.ok, slots: res.data?.slots ?? [] };
  };
  if (valid(wanted.week) && wanted.week >= thisMonday && wanted.week <= lastMonday) {
    const monday = mondayOf(wanted.week);
    const { ok, slots } = await fetchRange(monday < today ? today : monday, addDays(monday, 6));
    const day = valid(wanted.day) && slots.some((s) => dateOfSlot(s.start) === wanted.day) ? wanted.day : undefined;
    return { monday, slots, day, today, lastMonday, failed: !ok };
  }
  const { ok, slots } = await fetchRange(today, addDays(today, LOOKAHEAD_DAYS - 1));
  const monday = slots[0] ? mondayOf(dateOfSlot(slots[0].start)) : thisMonday;
  const sunday = addDays(monday, 6);
  return { monday, slots: slots.filter((s) => dateOfSlot(s.start) <= sunday), day: undefined, today, lastMonday, failed: !ok };
}

/** Whether `start` is still offered (checked when the confirm step opens). */
export async function isStillFree(astro: AstroGlobal, service: string, start: string): Promise<boolean> {
  const date = dateOfSlot(start);
  const res = await call(api(astro).booking.availability.$get({ query: { service, from: date, to: date } }));
  if (!res.ok) return true;
  const at = Date.parse(start);
  return res.data.slots.some((s) => Date.parse(s.start) === at);
}
