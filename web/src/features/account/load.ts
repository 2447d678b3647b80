import type { AstroGlobal } from "astro";
import { api, call } from "../../lib/client";
import type { Appointment } from "../../lib/shapes";

/** The portal's reads, each tolerant of a service being down (the page says so). */
export async function myAppointments(astro: AstroGlobal) {
  const res = await call(api(astro).booking.appointments.mine.$get());
  return { ok: res.ok, ...byStatus(res.data?.upcoming ?? [], res.data?.past ?? []) };
}

/**
 * Upcoming means still going ahead: booking lists a future appointment as upcoming by its
 * date even once cancelled or lapsed, so those move to "past and cancelled" (newest first).
 */
export function byStatus<A extends Pick<Appointment, "status" | "start">>(upcoming: A[], past: A[]): { upcoming: A[]; past: A[] } {
  const gone = upcoming.filter((a) => !isActive(a));
  return {
    upcoming: upcoming.filter(isActive),
    past: gone.length ? [...gone, ...past].sort((a, b) => Date.parse(b.start) - Date.parse(a.start)) : past,
  };
}

export async function myWaitlist(astro: AstroGlobal) {
  const res = await call(api(astro).booking.waitlist.mine.$get());
  return { ok: res.ok, entries: res.data?.entries ?? [] };
}

export type { TreatmentRecord, WaitlistEntry } from "../../lib/shapes";

export async function myTreatments(astro: AstroGlobal) {
  const res = await call(api(astro).booking.me.treatments.$get());
  return { ok: res.ok, treatments: res.data?.treatments ?? [] };
}

/** Past treatments worth booking again: one per treatment, most recent first. */
export function rebookable(past: Appointment[]): Appointment[] {
  const seen = new Set<string>();
  return past.filter((a) => (a.status === "completed" || a.status === "confirmed") && !seen.has(a.service.slug) && seen.add(a.service.slug));
}

export const isActive = (a: Pick<Appointment, "status">) => a.status === "pending_deposit" || a.status === "pending_review" || a.status === "confirmed";
