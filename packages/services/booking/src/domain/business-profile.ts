import * as z from "zod";
import { practiceDetails, type PracticeDetails } from "@mas/core/practice";
import { db } from "../entities";
import { MediaKey } from "./media-key";
import { assertMediaReady } from "./public-media";

/**
 * The clinic's public identity — name, address, phone, contact email, the practitioner's
 * name, bio and pictures — kept in the table and edited by the owner. It is the one source
 * for the site's header, footer and contact lines, the mails messaging sends and the
 * calendar invites booking issues. Until the owner saves it, the deployment's PRACTICE_*
 * variables (core's `practiceDetails`) are the first-run default.
 *
 * Stored as its own `BusinessSettings` item (scope "profile") beside the clinic's hours and
 * rules, so saving one never overwrites the other.
 */
const PROFILE_SCOPE = "profile";
const text = (max: number) => z.string().trim().max(max);

export const BusinessProfile = z.object({
  name: text(120).min(1, "Enter the clinic's name"),
  address: text(300).min(1, "Enter the clinic's address"),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,22}$/, "Enter a phone number of digits and spaces, e.g. 01225 000 000"),
  email: z.email("Enter an email address like hello@example.co.uk").max(200),
  practitionerName: text(120).default(""),
  bio: text(4_000).default(""),
  logo: MediaKey.nullable().default(null),
  portrait: MediaKey.nullable().default(null),
});
export type BusinessProfile = z.output<typeof BusinessProfile>;
export type BusinessProfileInput = z.input<typeof BusinessProfile>;

/** What the profile is before the owner first saves it: the deployment's PRACTICE_* values. */
export function firstRunProfile(details: PracticeDetails = practiceDetails()): BusinessProfile {
  const { name, address, phone, email } = details;
  return BusinessProfile.parse({ name, address, phone, email });
}

export async function loadBusinessProfile(): Promise<BusinessProfile> {
  const { data } = await db().entities.businessSettings.get({ scope: PROFILE_SCOPE }).go();
  return data ? BusinessProfile.parse(data.value) : firstRunProfile();
}

export async function saveBusinessProfile(input: BusinessProfileInput, by: string, now: Date): Promise<BusinessProfile> {
  const profile = BusinessProfile.parse(input);
  if (profile.logo) await assertMediaReady(profile.logo, "logo");
  if (profile.portrait) await assertMediaReady(profile.portrait, "portrait");
  await db().entities.businessSettings.put({ scope: PROFILE_SCOPE, value: profile, updatedAt: now.toISOString(), updatedBy: by }).go();
  return profile;
}

/** The clinic as mails and invites present it: the stored profile plus the site's address. */
export async function clinicDetails(): Promise<PracticeDetails & Pick<BusinessProfile, "practitionerName">> {
  const profile = await loadBusinessProfile();
  return { name: profile.name, address: profile.address, phone: profile.phone, email: profile.email, practitionerName: profile.practitionerName, siteUrl: practiceDetails().siteUrl };
}
