import { config } from "../config";
import { practice } from "../practice";
import type { PracticeDetails } from "./layout";

/**
 * Who the mail is from, as shown in the layout and the calendar invite: the clinic's
 * details (../practice.ts, shared with the website) plus the sending mailbox.
 */
export function practiceDetails(): PracticeDetails {
  const from = config.mailFrom();
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const clinic = practice();
  return {
    ...clinic,
    email: process.env.PRACTICE_EMAIL?.trim() || address,
    siteUrl: config.siteUrl().replace(/\/$/, ""),
  };
}

/** The mailbox the RFC 8058 `mailto:` alternative points at. */
export function unsubscribeMailbox(practice: PracticeDetails): string {
  const domain = practice.email.split("@")[1] ?? "localhost";
  return `unsubscribe@${domain}`;
}
