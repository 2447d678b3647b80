/**
 * The clinic's name, address, phone and email as the owner last saved them (booking's
 * business profile, the one source for the site, the mails and the invites). Every page
 * shows them in its footer, so the site keeps one copy in memory and asks again after
 * `FRESH_MS`; the back office's settings page replaces it the moment the owner saves.
 * Until the first answer (or if booking cannot be reached) it falls back to the
 * deployment's PRACTICE_* defaults, as booking itself does before the first save.
 */
import { practice as deployedPractice, type Practice } from "@mas/core/practice";
import { api, call } from "./client";
import type { BusinessProfile } from "./shapes";

export { telHref } from "@mas/core/practice";

const FRESH_MS = 30_000;
let current: { clinic: BusinessProfile; at: number } | undefined;

/** The clinic as last read (synchronous, for components): call `loadPractice()` once per page first. */
export function practice(): Practice & Partial<BusinessProfile> {
  return current?.clinic ?? deployedPractice();
}

/** Reads the profile from booking unless the copy in memory is recent. */
export async function loadPractice(now = Date.now()): Promise<Practice & Partial<BusinessProfile>> {
  if (current && now - current.at < FRESH_MS) return current.clinic;
  const res = await call(api(null).booking.business.$get());
  if (res.ok) current = { clinic: res.data.business, at: now };
  return practice();
}

/** After the owner saved the profile: this server shows it at once. */
export function rememberPractice(clinic: BusinessProfile, now = Date.now()): void {
  current = { clinic, at: now };
}

/** A map search for the clinic's address (opens the visitor's maps app on phones). */
export function mapHref(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}
