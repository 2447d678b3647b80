import { TZDate } from "@date-fns/tz";
import * as z from "zod";
import { TIME_ZONE } from "@mas/core/config";

/**
 * Who a campaign goes to. The owner narrows the audience with the criteria below (all
 * given criteria must hold); marketing consent and "not unsubscribed" are not criteria
 * but always apply, because a campaign is marketing mail.
 */
export const AudienceFilter = z
  .object({
    /** Any of these roles. */
    roles: z.array(z.string().min(1)).min(1).optional(),
    /** Has had (or has booked) a treatment in any of these categories. */
    serviceCategories: z.array(z.string().min(1)).min(1).optional(),
    /** Last visit strictly before this London date (lapsed clients); never visited does not match. */
    lastVisitBefore: z.iso.date().optional(),
    /** Last visit on or after this London date (recent clients); never visited does not match. */
    lastVisitAfter: z.iso.date().optional(),
    /** true: enrolled on a course not yet completed; false: not. */
    hasActiveCourse: z.boolean().optional(),
  })
  .strict();
export type AudienceFilter = z.infer<typeof AudienceFilter>;

/** How a campaign goes: by mail (marketing-email consent, not unsubscribed) or by text (both SMS consents and a UK mobile). */
export const CHANNELS = ["email", "sms"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface RecipientProfile {
  userId: string;
  email: string;
  firstName: string;
  roles: string[];
  /** Treatment categories of past and booked (not cancelled) appointments. */
  categories: string[];
  /** End of the most recent appointment that took place, ISO instant. */
  lastVisitAt: string | null;
  hasActiveCourse: boolean;
  marketingConsent: boolean;
  unsubscribed: boolean;
  /** UK mobile in E.164, if the account has one. */
  mobile?: string | null;
  /** "Texts about my appointments" and "offers by text": a marketing text needs both. */
  smsConsent?: boolean;
  marketingSmsConsent?: boolean;
}

export type AudienceDecision = "include" | "not_in_audience" | "no_consent" | "unsubscribed" | "no_mobile_number";

function startOfLondonDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime();
}

export function inAudience(profile: RecipientProfile, filter: AudienceFilter, timeZone = TIME_ZONE): boolean {
  if (filter.roles && !filter.roles.some((role) => profile.roles.includes(role))) return false;
  if (filter.serviceCategories && !filter.serviceCategories.some((category) => profile.categories.includes(category))) return false;
  const lastVisit = profile.lastVisitAt ? new Date(profile.lastVisitAt).getTime() : undefined;
  if (filter.lastVisitBefore && (lastVisit === undefined || lastVisit >= startOfLondonDay(filter.lastVisitBefore, timeZone))) return false;
  if (filter.lastVisitAfter && (lastVisit === undefined || lastVisit < startOfLondonDay(filter.lastVisitAfter, timeZone))) return false;
  if (filter.hasActiveCourse !== undefined && profile.hasActiveCourse !== filter.hasActiveCourse) return false;
  return true;
}

/**
 * The audience criteria first, then the rules every marketing message obeys: a mail needs
 * marketing-email consent and no unsubscribe; a text needs a UK mobile and both text
 * consents (a STOP reply withdraws them, booking records it).
 */
export function audienceDecision(profile: RecipientProfile, filter: AudienceFilter, timeZone = TIME_ZONE, channel: Channel = "email"): AudienceDecision {
  if (!inAudience(profile, filter, timeZone)) return "not_in_audience";
  if (channel === "sms") {
    if (!profile.mobile) return "no_mobile_number";
    if (!profile.smsConsent || !profile.marketingSmsConsent) return "no_consent";
    return "include";
  }
  if (profile.unsubscribed) return "unsubscribed";
  if (!profile.marketingConsent) return "no_consent";
  return "include";
}
