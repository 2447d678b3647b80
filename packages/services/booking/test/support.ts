import { beforeAll } from "vitest";
import { clock } from "@mas/core/shared/clock";
import { createService, type NewService } from "../src/domain/catalogue";
import { db } from "../src/entities";
import type { BusinessSettingsInput, Service } from "../src/domain/settings";
import { saveSettings } from "../src/domain/settings-store";
import { platform } from "../../../local/test/harness";
import { json, signUp, type TestUser } from "../../accounts/test/support";
import { app } from "../src/app";

export { json, signUp, type TestUser };

/**
 * Booking's route-test helpers. The booking clock follows the local scheduler's manual
 * clock (2026-06-01 09:00 UTC, a Monday, at the start of each file), so holds, offers and
 * availability move together when a test advances it.
 */
export function useSchedulerClock(): void {
  beforeAll(() => clock.use(() => platform().scheduler.now()));
}

export const START = new Date("2026-06-01T09:00:00Z");

/** An owner, a client and a student, signed up in that order: for checks of who may do what. */
export async function signUpEachRole(): Promise<{ owner: TestUser; client: TestUser; student: TestUser }> {
  const owner = await signUp("owner");
  const client = await signUp("client");
  const student = await signUp("student");
  return { owner, client, student };
}

export function call(path: string, init?: RequestInit): Promise<Response> {
  return Promise.resolve(app.request(`/api/booking${path}`, init));
}

export async function body<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

const weekday = [
  { start: "10:00", end: "13:00" },
  { start: "14:00", end: "18:00" },
];

/** Tue–Fri 10:00–13:00 and 14:00–18:00, Sat 09:00–14:00 (Europe/London), a training day and a closure. */
export const clinicSettings: BusinessSettingsInput = {
  weeklyHours: [[], [], weekday, weekday, weekday, weekday, [{ start: "09:00", end: "14:00" }]],
  closures: [{ date: "2026-06-12", reason: "Bank holiday" }],
  trainingDays: [{ date: "2026-06-17", title: "Filler masterclass" }],
};

const base = { description: "", bufferBeforeMinutes: 0, bufferAfterMinutes: 0, requiresPatchTest: false, requiresConsultation: false, active: true } as const;
export const treatments = {
  facial: { ...base, name: "Hydrating facial", slug: "hydrating-facial", category: "facial", priceInPence: 6_000, durationMinutes: 60, deposit: { kind: "none" }, minAge: 0 },
  filler: { ...base, name: "Lip filler, 1 ml", slug: "lip-filler-one-ml", category: "dermal-filler", priceInPence: 22_000, durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 15, deposit: { kind: "fixed", amountInPence: 5_000 }, minAge: 18 },
  peel: { ...base, name: "Chemical peel", slug: "chemical-peel", category: "chemical-peel", priceInPence: 9_500, durationMinutes: 45, deposit: { kind: "none" }, minAge: 16, requiresPatchTest: true },
  toxin: { ...base, name: "Anti-wrinkle, one area", slug: "anti-wrinkle-one-area", category: "anti-wrinkle", priceInPence: 15_000, durationMinutes: 30, deposit: { kind: "none" }, minAge: 18, requiresConsultation: true },
} satisfies Record<string, NewService>;

/** Hours and the test treatments, written through core (not HTTP). */
export async function seedClinic(): Promise<Record<keyof typeof treatments, Service>> {
  await saveSettings(clinicSettings, "test", START);
  const entries = await Promise.all(Object.entries(treatments).map(async ([key, t]) => [key, await createService(t, START)] as const));
  return Object.fromEntries(entries) as Record<keyof typeof treatments, Service>;
}

/** A client with a date of birth (adult unless told otherwise). */
export function client(dateOfBirth = "1990-04-12"): Promise<TestUser> {
  return signUp("client", { dateOfBirth });
}

export function book(as: TestUser, service: string, start: string, headers: Record<string, string> = {}) {
  return call("/appointments", json("POST", { service, start }, as, headers));
}

/** Events of one name the local bus has carried (data only), oldest first. */
export async function published<T = any>(name: string): Promise<T[]> {
  await platform().bus.idle();
  return platform()
    .bus.published.filter((e) => e["detail-type"] === name)
    .map((e) => (typeof e.detail === "string" ? JSON.parse(e.detail) : e.detail).data as T);
}

/** Dates an appointment's booking back by `minutes` (past its grace period) without moving the file's shared clock. */
export async function bookedMinutesAgo(appointmentId: string, minutes: number): Promise<void> {
  await db().entities.appointment.patch({ appointmentId }).set({ createdAt: new Date(clock.now().getTime() - minutes * 60_000).toISOString() }).go();
}
