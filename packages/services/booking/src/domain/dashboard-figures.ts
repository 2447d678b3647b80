import { addLocalDays, localDateOf, weekdayOf, type LocalDate } from "@mas/core/shared/time";
import type { AppointmentStatus } from "../entities/appointment";
import { ageOn, checkEligibility, type PatchTest } from "./eligibility";

/**
 * The owner dashboard's figures, as pure functions of the appointments in a window (read
 * with one range query of the diary index) and the clinic's opening hours:
 *
 * - weekly bookings: appointments starting in each week (Monday to Sunday, London), expired
 *   holds left out — they never happened;
 * - utilisation: minutes of treatment booked (everything but cancelled/expired) over the
 *   minutes the clinic was open, both over the same days;
 * - no-show rate: no-shows over appointments that reached their end as attended or not
 *   (completed + no-show); cancellations are not attendance;
 * - new vs returning: among clients seen in the window, those whose first appointment
 *   ever starts in it are new;
 * - safety flags: what the practitioner must check before treating.
 */
export interface FigureAppointment {
  appointmentId: string;
  clientId: string;
  start: string;
  end: string;
  status: AppointmentStatus;
}

const BOOKED: readonly AppointmentStatus[] = ["pending_deposit", "pending_review", "confirmed", "completed", "no_show"];

/** The Monday on or before a local date. */
export function mondayOf(date: LocalDate): LocalDate {
  return addLocalDays(date, -((weekdayOf(date) + 6) % 7));
}

export function weeklyBookings(appointments: readonly FigureAppointment[], mondays: readonly LocalDate[], timeZone: string): { week: LocalDate; count: number }[] {
  const counts = new Map(mondays.map((m) => [m, 0]));
  for (const a of appointments) {
    if (a.status === "expired") continue;
    const week = mondayOf(localDateOf(new Date(a.start), timeZone));
    if (counts.has(week)) counts.set(week, counts.get(week)! + 1);
  }
  return mondays.map((week) => ({ week, count: counts.get(week)! }));
}

/** Whole percent (0–100, may exceed 100 only if bookings overrun the hours); null when the clinic was never open. */
export function utilisationPercent(appointments: readonly FigureAppointment[], openMinutes: number): number | null {
  if (openMinutes <= 0) return null;
  const booked = appointments.filter((a) => BOOKED.includes(a.status)).reduce((sum, a) => sum + (Date.parse(a.end) - Date.parse(a.start)) / 60_000, 0);
  return Math.round((booked / openMinutes) * 100);
}

export function noShowRate(appointments: readonly FigureAppointment[]): { noShows: number; attended: number; percent: number | null } {
  const noShows = appointments.filter((a) => a.status === "no_show").length;
  const attended = appointments.filter((a) => a.status === "completed").length;
  const total = noShows + attended;
  return { noShows, attended, percent: total === 0 ? null : Math.round((noShows / total) * 100) };
}

/** `firstStartOf`: each client's first appointment ever (any status but expired). */
export function newVsReturning(appointments: readonly FigureAppointment[], firstStartOf: ReadonlyMap<string, string>, windowStart: string): { newClients: number; returningClients: number } {
  const clients = new Set(appointments.filter((a) => a.status !== "expired" && a.status !== "cancelled").map((a) => a.clientId));
  let newClients = 0;
  for (const clientId of clients) if ((firstStartOf.get(clientId) ?? windowStart) >= windowStart) newClients += 1;
  return { newClients, returningClients: clients.size - newClients };
}

export type SafetyFlag =
  | { code: "medical_risk"; label: string }
  | { code: "consent_missing" | "consent_unsigned" | "consent_expired"; label: string }
  | { code: "patch_test_due" | "patch_test_expired"; label: string }
  | { code: "under_18" | "age_unknown"; label: string };

const PATCH_TEST_VALID_MONTHS = 6;

export function safetyFlags(input: {
  start: Date;
  riskFlags: readonly string[];
  consent: "missing" | "awaiting_signature" | "expired" | "signed";
  service: { requiresPatchTest: boolean; minAge: number } | undefined;
  dateOfBirth: LocalDate | null | undefined;
  patchTests: readonly PatchTest[];
  timeZone: string;
}): SafetyFlag[] {
  const flags: SafetyFlag[] = [];
  if (input.riskFlags.length > 0) flags.push({ code: "medical_risk", label: `Medical: ${input.riskFlags.map((f) => f.replaceAll("_", " ")).join(", ")}` });
  if (input.consent === "missing") flags.push({ code: "consent_missing", label: "No consent form yet" });
  else if (input.consent === "awaiting_signature") flags.push({ code: "consent_unsigned", label: "Consent not signed" });
  else if (input.consent === "expired") flags.push({ code: "consent_expired", label: "Consent form expired" });
  if (input.service?.requiresPatchTest) {
    const patch = checkEligibility({
      service: { name: "", minAge: 0, requiresPatchTest: true, requiresConsultation: false },
      client: {},
      appointmentStart: input.start,
      patchTests: input.patchTests,
      completedConsultation: true,
      medicalFlags: [],
      timeZone: input.timeZone,
    });
    if (!patch.ok) {
      const date = localDateOf(input.start, input.timeZone);
      const cutOff = addLocalDays(date, -Math.round(PATCH_TEST_VALID_MONTHS * 30.44));
      const hadOldPass = input.patchTests.some((t) => t.result === "pass" && localDateOf(t.testedAt, input.timeZone) < cutOff);
      flags.push(hadOldPass ? { code: "patch_test_expired", label: "Patch test expired" } : { code: "patch_test_due", label: "Patch test due" });
    }
  }
  if (input.dateOfBirth) {
    if (ageOn(input.dateOfBirth, localDateOf(input.start, input.timeZone)) < 18) flags.push({ code: "under_18", label: "Under 18" });
  } else if ((input.service?.minAge ?? 0) > 0) {
    flags.push({ code: "age_unknown", label: "Date of birth missing" });
  }
  return flags;
}
