import { db } from "../entities";
import { BusinessSettings, type BusinessSettingsInput } from "./settings";

/**
 * The clinic's settings, one item. Until the owner saves them the clinic is closed every
 * day (all other rules at their defaults), so nothing is bookable by accident.
 */
export const UNCONFIGURED_SETTINGS: BusinessSettings = BusinessSettings.parse({ weeklyHours: [[], [], [], [], [], [], []] });

export async function loadSettings(): Promise<BusinessSettings> {
  const { data } = await db().entities.businessSettings.get({ scope: "clinic" }).go();
  return data ? BusinessSettings.parse(data.value) : UNCONFIGURED_SETTINGS;
}

export async function saveSettings(input: BusinessSettingsInput, by: string, now: Date): Promise<BusinessSettings> {
  const settings = BusinessSettings.parse(input);
  await db().entities.businessSettings.put({ scope: "clinic", value: settings, updatedAt: now.toISOString(), updatedBy: by }).go();
  return settings;
}

/** What the public site shows: weekly hours and the closures still to come. */
export function publicHours(settings: BusinessSettings, today: string) {
  return {
    timeZone: settings.timeZone,
    weeklyHours: settings.weeklyHours,
    closures: settings.closures.filter((c) => ("date" in c ? c.date : c.to) >= today),
    extraHours: settings.extraHours.filter((x) => x.date >= today),
    /** What a client agrees to when booking, shown on the terms page and before paying. */
    policy: {
      cancellationWindowHours: settings.cancellationWindowHours,
      cancellationGraceMinutes: settings.cancellationGraceMinutes,
      lateCancelFeePercent: settings.lateCancelFeePercent,
      noShowFeePercent: settings.noShowFeePercent,
      minimumNoticeHours: Math.round(settings.minimumNoticeMinutes / 60),
      bookingHorizonDays: settings.bookingHorizonDays,
    },
  };
}
