import * as z from "zod";
import { db } from "../entities";

/**
 * How the owner wants to hear of what happens in her diary: a new booking, a cancellation
 * and a booking waiting for her review, each by email, by text to her mobile, or not at
 * all. Kept with the clinic's settings as its own `BusinessSettings` item (scope
 * "owner-alerts"), so saving it never touches the hours or the public profile. Mail goes to
 * the owner who saved the choice (her account's address); texts to the number given here.
 * Until she chooses, nothing is sent.
 */
const SCOPE = "owner-alerts";

export const OWNER_ALERTS = ["newBooking", "cancellation", "reviewNeeded"] as const;
export type OwnerAlert = (typeof OWNER_ALERTS)[number];

export const AlertChannel = z.enum(["off", "email", "sms"], "Choose off, email or text");

/** A UK mobile (07… or +44 7…, spaces allowed), kept in E.164. */
const UkMobile = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s()-]/g, ""))
  .refine((value) => /^(?:07|\+447)\d{9}$/.test(value), "Enter a UK mobile number, e.g. 07700 900123")
  .transform((value) => (value.startsWith("07") ? `+44${value.slice(1)}` : value));

export const OwnerAlertSettings = z
  .strictObject({
    mobile: z.union([z.literal("").transform(() => null), z.null(), UkMobile]).default(null),
    channels: z
      .strictObject({ newBooking: AlertChannel.default("off"), cancellation: AlertChannel.default("off"), reviewNeeded: AlertChannel.default("off") })
      .default({ newBooking: "off", cancellation: "off", reviewNeeded: "off" }),
  })
  .superRefine((value, ctx) => {
    if (value.mobile === null && OWNER_ALERTS.some((alert) => value.channels[alert] === "sms")) {
      ctx.addIssue({ code: "custom", path: ["mobile"], message: "Enter the mobile number the texts should go to" });
    }
  });
export type OwnerAlertSettings = z.output<typeof OwnerAlertSettings>;
export type OwnerAlertSettingsInput = z.input<typeof OwnerAlertSettings>;

export interface StoredOwnerAlerts extends OwnerAlertSettings {
  /** The owner who saved them: whose address the mails go to. Null until saved. */
  ownerId: string | null;
  updatedAt: string | null;
}

export const NO_OWNER_ALERTS: StoredOwnerAlerts = { ...OwnerAlertSettings.parse({}), ownerId: null, updatedAt: null };

export async function loadOwnerAlerts(): Promise<StoredOwnerAlerts> {
  const { data } = await db().entities.businessSettings.get({ scope: SCOPE }).go();
  if (!data) return NO_OWNER_ALERTS;
  return { ...OwnerAlertSettings.parse(data.value), ownerId: data.updatedBy ?? null, updatedAt: data.updatedAt };
}

export async function saveOwnerAlerts(input: OwnerAlertSettingsInput, by: string, now: Date): Promise<StoredOwnerAlerts> {
  const settings = OwnerAlertSettings.parse(input);
  await db().entities.businessSettings.put({ scope: SCOPE, value: settings, updatedAt: now.toISOString(), updatedBy: by }).go();
  return { ...settings, ownerId: by, updatedAt: now.toISOString() };
}
