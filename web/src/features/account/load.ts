import type { AstroGlobal } from "astro";
import type { Appointment } from "../../lib/booking";
import { callApi } from "../../lib/visitor";

/** The portal's reads, each tolerant of a service being down (the page says so). */
export async function myAppointments(astro: AstroGlobal) {
  const res = await callApi<{ upcoming?: Appointment[]; past?: Appointment[] }>(astro, "/api/booking/appointments/mine");
  return { ok: res.ok, upcoming: res.data.upcoming ?? [], past: res.data.past ?? [] };
}

export interface WaitlistEntry {
  waitlistId: string;
  service: { id: string; slug: string; name: string };
  from: string;
  to: string;
  status: "waiting" | "offered" | "booked" | "left" | "expired";
  offer: { start: string; end: string; expiresAt: string } | null;
  appointmentId: string | null;
  createdAt: string;
}

export async function myWaitlist(astro: AstroGlobal) {
  const res = await callApi<{ entries?: WaitlistEntry[] }>(astro, "/api/booking/waitlist/mine");
  return { ok: res.ok, entries: res.data.entries ?? [] };
}

export interface TreatmentRecord {
  treatmentId: string;
  kind: "treatment" | "consultation";
  performedAt: string;
  appointmentId?: string;
  serviceName: string;
  products: { name: string; batch: string; expiry: string; quantity?: string }[];
  areas: { area: string; units?: number; notes?: string }[];
  aftercare: string;
  notes: string;
}

export async function myTreatments(astro: AstroGlobal) {
  const res = await callApi<{ treatments?: TreatmentRecord[] }>(astro, "/api/booking/me/treatments");
  return { ok: res.ok, treatments: res.data.treatments ?? [] };
}

/** Past treatments worth booking again: one per treatment, most recent first. */
export function rebookable(past: Appointment[]): Appointment[] {
  const seen = new Set<string>();
  return past.filter((a) => (a.status === "completed" || a.status === "confirmed") && !seen.has(a.service.slug) && seen.add(a.service.slug));
}

export const isActive = (a: Appointment) => a.status === "pending_deposit" || a.status === "pending_review" || a.status === "confirmed";
