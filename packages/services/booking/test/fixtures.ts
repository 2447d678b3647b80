import { BusinessSettings, Service, type BusinessSettingsInput, type ServiceInput } from "../src/domain/settings";
import type { BusyInterval } from "../src/domain/availability";

/**
 * Shared fixtures for the booking tests: a clinic open Monday–Saturday (Sunday closed),
 * with short Wednesdays so whole days of slots fit in a table row.
 */
export const clinicHours: BusinessSettingsInput["weeklyHours"] = [
  [],
  [{ start: "09:00", end: "17:00" }],
  [
    { start: "09:00", end: "12:00" },
    { start: "13:00", end: "18:00" },
  ],
  [{ start: "09:00", end: "12:00" }],
  [{ start: "09:00", end: "17:00" }],
  [{ start: "09:00", end: "17:00" }],
  [{ start: "10:00", end: "14:00" }],
];

export function clinic(overrides: Partial<BusinessSettingsInput> = {}): BusinessSettings {
  return BusinessSettings.parse({ weeklyHours: clinicHours, ...overrides });
}

export function treatment(overrides: Partial<ServiceInput> = {}): Service {
  return Service.parse({
    id: "svc_antiwrinkle3",
    name: "Anti-wrinkle, three areas",
    slug: "anti-wrinkle-three-areas",
    category: "anti-wrinkle",
    priceInPence: 25_000,
    durationMinutes: 60,
    deposit: { kind: "fixed", amountInPence: 5_000 },
    ...overrides,
  });
}

export function busy(start: string, end: string): BusyInterval {
  return { start: new Date(start), end: new Date(end) };
}
