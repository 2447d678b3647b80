import { config } from "../config";
import type { PracticeDetails } from "./layout";

/**
 * Who the mail is from, as shown in the layout and the calendar invite. Read at call time
 * (like config.ts) so Lambda and the local platform can set PRACTICE_* without code.
 */
export function practiceDetails(): PracticeDetails {
  const from = config.mailFrom();
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const name = process.env.PRACTICE_NAME ?? (/^([^<]+)</.exec(from)?.[1]?.trim() || "Master Aesthetics");
  return {
    name,
    email: process.env.PRACTICE_EMAIL ?? address,
    phone: process.env.PRACTICE_PHONE ?? "020 7946 0000",
    address: process.env.PRACTICE_ADDRESS ?? "12 Harley Street, London W1G 9PF",
    siteUrl: config.siteUrl().replace(/\/$/, ""),
  };
}

/** The mailbox the RFC 8058 `mailto:` alternative points at. */
export function unsubscribeMailbox(practice: PracticeDetails): string {
  const domain = practice.email.split("@")[1] ?? "localhost";
  return `unsubscribe@${domain}`;
}
