import { createService, listServices, type NewService } from "../../packages/services/booking/src/domain/catalogue";
import { loadSettings, saveSettings } from "../../packages/services/booking/src/domain/settings-store";

/**
 * A stand-in clinic diary for the browser tests and the web dev server while booking's
 * own demo seed has not landed: opening hours and a small treatment menu, created only
 * when the clinic has none. Runs in the process that started the platform (its env
 * points the core repositories at the local table).
 */
const MENU: NewService[] = [
  { name: "Skin consultation", slug: "skin-consultation", category: "consultation", description: "A 30-minute consultation to plan your treatment. Includes a patch test where needed.", priceInPence: 0, durationMinutes: 30, deposit: { kind: "none" }, minAge: 16 },
  { name: "Anti-wrinkle, three areas", slug: "anti-wrinkle-three-areas", category: "anti-wrinkle", description: "Softens frown lines, forehead lines and crow's feet. Results in 3–14 days, lasting 3–4 months.", priceInPence: 25_000, durationMinutes: 30, bufferAfterMinutes: 15, deposit: { kind: "fixed", amountInPence: 5_000 }, minAge: 18 },
  { name: "Lip filler, 1 ml", slug: "lip-filler-1ml", category: "dermal-filler", description: "Natural-looking shape and hydration with hyaluronic acid filler. Lasts 6–9 months.", priceInPence: 28_000, durationMinutes: 45, bufferAfterMinutes: 15, deposit: { kind: "fixed", amountInPence: 5_000 }, minAge: 18 },
  { name: "Glycolic chemical peel", slug: "glycolic-peel", category: "chemical-peel", description: "Brightens dull skin and softens fine lines. A patch test is needed 48 hours before.", priceInPence: 9_500, durationMinutes: 45, deposit: { kind: "percent", percent: 20 }, requiresPatchTest: true, minAge: 18 },
  { name: "Hydrating facial", slug: "hydrating-facial", category: "facial", description: "A calming, deeply hydrating facial for every skin type.", priceInPence: 7_500, durationMinutes: 60, deposit: { kind: "none" }, minAge: 16 },
];

export async function ensureDemoClinic(now = new Date()): Promise<void> {
  const settings = await loadSettings();
  if (settings.weeklyHours.every((day) => day.length === 0)) {
    const day = [{ start: "09:00", end: "17:30" }];
    await saveSettings({ weeklyHours: [[], day, day, day, [{ start: "10:00", end: "19:00" }], day, [{ start: "09:00", end: "14:00" }]] }, "demo", now);
  }
  if ((await listServices({ includeInactive: true })).length === 0) {
    for (const service of MENU) await createService(service, now);
  }
}
