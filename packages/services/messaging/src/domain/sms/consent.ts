import { ukMobileE164 } from "./numbers";

/**
 * Whether a text may go to a person, from the facts as they are at the moment of sending.
 * Rules, in the order they are checked:
 * 1. a UK mobile number on the account (anything else cannot take a text);
 * 2. SMS consent ("appointment reminders by text message") for every text — the client
 *    asked for texts, so without it nothing is texted, not even a confirmation;
 * 3. a marketing text also needs marketing-by-text consent;
 * 3a. a text the client chooses separately (the 2-hour "see you today") needs that choice too;
 * 4. a number that replied STOP stays silent unless the consent that applies was given
 *    again *after* the STOP (then the number is taken off the opt-out list first).
 */
export type TextPurpose = "transactional" | "marketing";

export interface ConsentState {
  granted: boolean;
  at: string;
}

export interface TextConsentFacts {
  phone: string | null | undefined;
  sms: ConsentState | null | undefined;
  marketingSms: ConsentState | null | undefined;
  /** The separate choice of the 2-hour text (only asked for by kinds that need it). */
  smsTwoHour?: ConsentState | null;
  /** When the number last opted out (STOP) and was not opted in since, if it did. */
  optedOutAt?: string | null;
}

export type TextDecision =
  | { send: true; phone: string; reOptIn: boolean }
  | { send: false; reason: "no_mobile_number" | "no_sms_consent" | "no_marketing_consent" | "no_two_hour_choice" | "opted_out" };

export function textDecision(purpose: TextPurpose, facts: TextConsentFacts, options: { needsTwoHourChoice?: boolean } = {}): TextDecision {
  const phone = ukMobileE164(facts.phone);
  if (!phone) return { send: false, reason: "no_mobile_number" };
  if (!facts.sms?.granted) return { send: false, reason: "no_sms_consent" };
  const consent = purpose === "marketing" ? facts.marketingSms : facts.sms;
  if (!consent?.granted) return { send: false, reason: "no_marketing_consent" };
  if (options.needsTwoHourChoice && !facts.smsTwoHour?.granted) return { send: false, reason: "no_two_hour_choice" };
  if (facts.optedOutAt) {
    const renewed = Date.parse(consent.at) > Date.parse(facts.optedOutAt);
    if (!renewed) return { send: false, reason: "opted_out" };
    return { send: true, phone, reOptIn: true };
  }
  return { send: true, phone, reOptIn: false };
}

/** The keywords carriers and AWS treat as an opt-out (case-insensitive, whole message). */
const OPT_OUT_KEYWORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "OPT-OUT", "REVOKE", "ARRET"]);

export function optOutKeyword(body: string): string | undefined {
  const word = body.trim().replace(/[.!]+$/, "").toUpperCase();
  return OPT_OUT_KEYWORDS.has(word) ? word : undefined;
}

/** The keywords that opt a number back in (AWS End User Messaging's defaults), case-insensitive, whole message. */
const OPT_IN_KEYWORDS = new Set(["START", "UNSTOP"]);

export function optInKeyword(body: string): string | undefined {
  const word = body.trim().replace(/[.!]+$/, "").toUpperCase();
  return OPT_IN_KEYWORDS.has(word) ? word : undefined;
}
