import { ulid } from "ulid";
import { db } from "./entities";
import { addLocalDays, localDateOf, weekdayOf, type LocalDate } from "@mas/core/shared/time";
import { appointmentsOfClient, insertAppointment, newAppointmentItem, type AppointmentItem } from "./domain/appointment-store";
import { occupiedInterval } from "./domain/availability";
import { createService, listServices, type NewService } from "./domain/catalogue";
import { placementOf } from "./domain/slot-locks";
import { depositFor, type BusinessSettingsInput, type Service } from "./domain/settings";
import { loadSettings, saveSettings } from "./domain/settings-store";
import { listAvailability } from "./domain/slot-check";
import { recordTreatment } from "./domain/treatment-records";
import { leaveReview, setPublished } from "./domain/reviews";

/**
 * Demo data for `npm start`: the clinic's hours (Tue–Sat), a UK aesthetics menu, and a few
 * appointments for the demo clients, the first of whom reviewed their past treatment (published
 * on the home page). Idempotent: settings are written only if the owner
 * has none, treatments only if their slug is free, bookings only for clients without any.
 * Provisioning, not booking: nothing is published.
 */
const weekday = [
  { start: "10:00", end: "13:00" },
  { start: "14:00", end: "18:00" },
];

export function demoSettings(today: LocalDate): BusinessSettingsInput {
  const nextWednesday = nextWeekday(addLocalDays(today, 14), 3);
  return {
    weeklyHours: [[], [], weekday, weekday, weekday, weekday, [{ start: "09:00", end: "14:00" }]],
    closures: [{ from: `${today.slice(0, 4)}-12-24`, to: `${Number(today.slice(0, 4)) + 1}-01-01`, reason: "Christmas and New Year" }],
    trainingDays: [{ date: nextWednesday, title: "Advanced dermal filler masterclass (clinic closed)" }],
    extraHours: [],
    cancellationWindowHours: 48,
    cancellationGraceMinutes: 60,
    lateCancelFeePercent: 50,
    noShowFeePercent: 100,
    defaultDeposit: { kind: "fixed", amountInPence: 5_000 },
  };
}

const toxin = { category: "anti-wrinkle", minAge: 18, requiresConsultation: true, bufferBeforeMinutes: 5, bufferAfterMinutes: 10, deposit: { kind: "fixed", amountInPence: 5_000 } } as const;
const filler = { category: "dermal-filler", minAge: 18, bufferBeforeMinutes: 10, bufferAfterMinutes: 15, deposit: { kind: "fixed", amountInPence: 5_000 } } as const;

export const DEMO_SERVICES: NewService[] = [
  { name: "Aesthetic consultation", slug: "consultation", category: "consultation", priceInPence: 0, durationMinutes: 30, bufferAfterMinutes: 5, deposit: { kind: "none" }, minAge: 18,
    description: "A relaxed 30-minute assessment: your goals, medical history and a treatment plan. Required before anti-wrinkle injections, which are prescription-only." },
  { ...toxin, name: "Anti-wrinkle injections, one area", slug: "anti-wrinkle-one-area", priceInPence: 15_000, durationMinutes: 30,
    description: "Softens lines in one area (forehead, frown lines or crow's feet). Results develop over 10–14 days." },
  { ...toxin, name: "Anti-wrinkle injections, two areas", slug: "anti-wrinkle-two-areas", priceInPence: 20_000, durationMinutes: 30,
    description: "Any two of forehead, frown lines and crow's feet, with a review at two weeks." },
  { ...toxin, name: "Anti-wrinkle injections, three areas", slug: "anti-wrinkle-three-areas", priceInPence: 25_000, durationMinutes: 45,
    description: "Forehead, frown lines and crow's feet together, with a review at two weeks." },
  { ...filler, name: "Lip filler, 0.5 ml", slug: "lip-filler-half-ml", priceInPence: 15_000, durationMinutes: 45,
    description: "Subtle hydration and definition with hyaluronic acid filler." },
  { ...filler, name: "Lip filler, 1 ml", slug: "lip-filler-one-ml", priceInPence: 22_000, durationMinutes: 60,
    description: "Volume, shape and definition with hyaluronic acid filler, numbing included." },
  { ...filler, name: "Cheek filler", slug: "cheek-filler", priceInPence: 35_000, durationMinutes: 60, deposit: { kind: "percent", percent: 25 },
    description: "Restores mid-face volume and lift with a structural hyaluronic acid filler." },
  { name: "Skin booster (Profhilo)", slug: "profhilo-skin-booster", category: "skin-booster", priceInPence: 30_000, durationMinutes: 45, minAge: 18, bufferAfterMinutes: 10,
    deposit: { kind: "fixed", amountInPence: 5_000 }, description: "Two sessions four weeks apart for hydrated, firmer skin. Price per session." },
  { name: "Patch test", slug: "patch-test", category: "patch-test", priceInPence: 0, durationMinutes: 15, minAge: 16, deposit: { kind: "none" },
    description: "A free 15-minute skin test for chemical peels and other treatments that need one. We read the result 48 hours later; it is valid for 6 months." },
  { name: "Chemical peel", slug: "chemical-peel", category: "chemical-peel", priceInPence: 9_500, durationMinutes: 45, minAge: 16, requiresPatchTest: true, bufferAfterMinutes: 10,
    deposit: { kind: "fixed", amountInPence: 2_500 }, description: "Medical-grade peel for texture, pigmentation and glow. A patch test at least 48 hours before is required." },
  { name: "Microneedling", slug: "microneedling", category: "microneedling", priceInPence: 18_000, durationMinutes: 60, minAge: 18, bufferAfterMinutes: 15,
    deposit: { kind: "fixed", amountInPence: 5_000 }, description: "Collagen induction therapy for scarring, fine lines and pores." },
];

/** `clientIds`: the demo clients to give bookings (a past treatment and an upcoming appointment each). */
export async function seedBookingDemo(clientIds: string[], now = new Date()): Promise<{ services: number; appointments: number }> {
  const { data: existing } = await db().entities.businessSettings.get({ scope: "clinic" }).go();
  const settings = existing ? await loadSettings() : await saveSettings(demoSettings(localDateOf(now)), "seed", now);
  const have = new Set((await listServices({ includeInactive: true })).map((s) => s.slug));
  for (const service of DEMO_SERVICES) if (!have.has(service.slug)) await createService(service, now);
  const services = await listServices();
  const bySlug = new Map(services.map((s) => [s.slug, s]));

  let appointments = 0;
  const today = localDateOf(now, settings.timeZone);
  const wanted = ["lip-filler-one-ml", "profhilo-skin-booster", "consultation"];
  for (const [index, clientId] of clientIds.entries()) {
    if ((await appointmentsOfClient(clientId)).length > 0) continue;
    const service = bySlug.get(wanted[index % wanted.length]!);
    if (!service) continue;
    const from = addLocalDays(today, 7 + index * 3);
    const [slot] = await listAvailability({ settings, service, from, to: addLocalDays(from, 14), now });
    if (slot && (await seedAppointment(clientId, service, new Date(slot.start), "confirmed", now))) appointments++;
    const past = new Date(now.getTime() - (30 + index * 7) * 86_400_000);
    past.setUTCHours(10, 0, 0, 0);
    const completedId = await seedAppointment(clientId, service, past, "completed", now);
    if (completedId) {
      appointments++;
      const review = DEMO_REVIEWS[index];
      if (review) {
        await leaveReview({ appointmentId: completedId, userId: clientId, review, now });
        await setPublished(completedId, true, now);
      }
      await recordTreatment(
        clientId,
        {
          kind: service.category === "consultation" ? "consultation" : "treatment",
          performedAt: past.toISOString(),
          serviceName: service.name,
          products: service.category === "consultation" ? [] : [{ name: "Hyaluronic acid filler 1 ml", batch: "HA-DEMO-2041", expiry: addLocalDays(today, 400) }],
          areas: service.category === "consultation" ? [] : [{ area: "Lips", notes: "Even distribution, 1 ml" }],
          aftercare: "Avoid strenuous exercise, alcohol and make-up for 24 hours.",
        },
        "seed",
        now,
      );
    }
  }
  return { services: services.length, appointments };
}

/** What the first demo clients said about their past treatment (both published). */
const DEMO_REVIEWS = [
  { rating: 5, comment: "Sarah talked me through everything and the result is subtle — exactly what I asked for. The follow-up call the next day was a lovely touch." },
  { rating: 5, comment: "Calm, spotless clinic and no rush at all. My skin looks brighter and I felt looked after from start to finish." },
];

/** The new appointment's id, or undefined if its place was taken. */
async function seedAppointment(clientId: string, service: Service, start: Date, status: "confirmed" | "completed", now: Date): Promise<string | undefined> {
  const occupied = occupiedInterval(service, start);
  const appointmentId = ulid(now.getTime());
  const item = newAppointmentItem({ appointmentId, clientId, service, start, occupied, status, depositInPence: depositFor(service), depositPaidInPence: depositFor(service), by: "seed", now });
  return (await insertAppointment({ appointment: item, ...(status === "confirmed" ? { place: { appointmentId, occupied } } : {}), now, events: [] })).ok ? appointmentId : undefined;
}

function nextWeekday(date: LocalDate, weekday: number): LocalDate {
  let day = date;
  while (weekdayOf(day) !== weekday) day = addLocalDays(day, 1);
  return day;
}
