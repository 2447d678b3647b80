/**
 * The clinic's public contact details as the deployment sets them (PRACTICE_NAME /
 * PRACTICE_ADDRESS / PRACTICE_PHONE, read at call time): only the first-run default of the
 * business profile the owner edits in the back office, which booking stores and serves
 * (`clinicDetails` in @mas/booking/read; the site's lib/practice.ts) as the one source for
 * the website, the emails and the calendar invites.
 *
 * Deliberately dependency-free: the web bundle imports it too.
 */
import { config } from "./config";

export interface Practice {
  name: string;
  address: string;
  phone: string;
}

export const DEFAULT_PRACTICE: Practice = {
  name: "Master Aesthetics",
  address: "12 Harley Mews, Bath BA1 2AB",
  phone: "01225 000 000",
};

export function practice(env: Record<string, string | undefined> = process.env): Practice {
  return {
    name: env.PRACTICE_NAME?.trim() || DEFAULT_PRACTICE.name,
    address: env.PRACTICE_ADDRESS?.trim() || DEFAULT_PRACTICE.address,
    phone: env.PRACTICE_PHONE?.trim() || DEFAULT_PRACTICE.phone,
  };
}

/** `tel:` link target for a UK number as people write it (`01225 000 000` → `+441225000000`). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return `tel:${digits.startsWith("0") ? `+44${digits.slice(1)}` : digits}`;
}

/** The clinic as mail, invites and links present it: its public details, its mailbox and its site. */
export interface PracticeDetails extends Practice {
  email: string;
  siteUrl: string;
}

/** Who the mail is from: the clinic's details plus the sending mailbox (PRACTICE_EMAIL, else MAIL_FROM's address). */
export function practiceDetails(env: Record<string, string | undefined> = process.env): PracticeDetails {
  const from = config.mailFrom();
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return { ...practice(env), email: env.PRACTICE_EMAIL?.trim() || address, siteUrl: config.siteUrl().replace(/\/$/, "") };
}

/** The mailbox the RFC 8058 `mailto:` alternative points at. */
export function unsubscribeMailbox(details: PracticeDetails): string {
  const domain = details.email.split("@")[1] ?? "localhost";
  return `unsubscribe@${domain}`;
}
