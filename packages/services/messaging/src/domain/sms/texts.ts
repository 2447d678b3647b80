import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { TIME_ZONE } from "@mas/core/config";
import type { TextPurpose } from "./consent";

/**
 * What each text says. Texts are short: what, when, one link; they stay in the GSM-7
 * alphabet (no curly quotes or dashes that would turn the whole text into UCS-2 and halve
 * its length). Each kind has a segment cap — a text over its cap is not sent (the cap is
 * what the owner's budget per text allows). The sender ID already names the clinic, so
 * only marketing repeats it. Variable parts are cut so a long treatment name never pushes
 * a text over its cap; a usual confirmation or reminder fits one segment.
 */
export const TEXT_KINDS = {
  "appointment.confirmation": { purpose: "transactional", maxSegments: 3 },
  "appointment.rescheduled": { purpose: "transactional", maxSegments: 3 },
  "appointment.cancelled": { purpose: "transactional", maxSegments: 3 },
  "appointment.reminder": { purpose: "transactional", maxSegments: 3 },
  /** Only for clients who chose the 2-hour text besides texts in general (booking's `smsTwoHour`). */
  "appointment.checkin": { purpose: "transactional", maxSegments: 2, needsTwoHourChoice: true },
  "deposit.nudge": { purpose: "transactional", maxSegments: 3 },
  "waitlist.offer": { purpose: "transactional", maxSegments: 3 },
  "appointment.rebook": { purpose: "marketing", maxSegments: 2 },
  /** An owner's campaign by text (promotional): the owner writes it, the cap keeps its cost to 2 segments a person. */
  "campaign.offer": { purpose: "marketing", maxSegments: 2 },
  /** The day before a course's practical day, to each enrolled student with SMS consent. */
  "course.practical": { purpose: "transactional", maxSegments: 2 },
  /** The owner's alerts (her choice in the clinic settings, to her own number; no client consent applies). */
  "owner.newBooking": { purpose: "transactional", maxSegments: 2 },
  "owner.cancellation": { purpose: "transactional", maxSegments: 2 },
  "owner.reviewNeeded": { purpose: "transactional", maxSegments: 2 },
} as const satisfies Record<string, { purpose: TextPurpose; maxSegments: number; needsTwoHourChoice?: boolean }>;

export function needsTwoHourChoice(kind: TextKind): boolean {
  const definition = TEXT_KINDS[kind];
  return "needsTwoHourChoice" in definition && definition.needsTwoHourChoice === true;
}

export type TextKind = keyof typeof TEXT_KINDS;

export interface TextData {
  firstName: string;
  /** The clinic's name as the owner saved it (booking's business profile), read when the text goes. */
  practiceName: string;
  serviceName: string;
  /** ISO instant of the appointment (or offered slot). */
  start: string;
  /** The link the text carries (manage, claim, book again). */
  link: string;
  /** Waitlist offers: when the offer lapses; deposit nudges: when the unpaid hold lapses. */
  expiresAt?: string;
  /** Owner alerts: whom the booking is for. */
  clientName?: string;
  /** Practical days: where (the room); `serviceName` is then the course's title. */
  room?: string;
  /** Campaign texts: the owner's words, already personalised. */
  message?: string;
}

const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 3).trimEnd()}...` : value);

/** "Thu 11 Jun at 10:00" on the London clock (24-hour, as the site and the mails write it). */
export function textDateTime(instant: string, timeZone = TIME_ZONE): string {
  return format(new TZDate(new Date(instant), timeZone), "EEE d MMM 'at' HH:mm");
}

/** "10:00" on the London clock. */
export function textTime(instant: string, timeZone = TIME_ZONE): string {
  return format(new TZDate(new Date(instant), timeZone), "HH:mm");
}

/** Drops what GSM-7 cannot carry in names people type (curly quotes, dashes) in favour of plain forms. */
export function plain(value: string): string {
  return value
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

export function renderText(kind: TextKind, data: TextData, timeZone = TIME_ZONE): string {
  const name = clip(plain(data.firstName), 20);
  const service = clip(plain(data.serviceName), 40);
  const when = textDateTime(data.start, timeZone);
  switch (kind) {
    case "appointment.confirmation":
      return `Hi ${name}, booked: ${service}, ${when}. Manage: ${data.link}`;
    case "appointment.rescheduled":
      return `Hi ${name}, moved: ${service} is now ${when}. Manage: ${data.link}`;
    case "appointment.cancelled":
      return `Hi ${name}, cancelled: ${service}, ${when}. Book again: ${data.link}`;
    case "appointment.reminder":
      return `Reminder: ${service} tomorrow, ${when}. Manage: ${data.link}`;
    case "appointment.checkin":
      // Two hours before: the day is today, so the time alone says when.
      return `Hi ${name}, see you today at ${textTime(data.start, timeZone)} for ${service}. Manage: ${data.link}`;
    case "deposit.nudge":
      return `Hi ${name}, pay the deposit by ${textTime(data.expiresAt ?? data.start, timeZone)} to keep ${service}, ${when}: ${data.link}`;
    case "waitlist.offer":
      return `Hi ${name}, a ${service} slot is free ${when}. Claim it by ${textDateTime(data.expiresAt ?? data.start, timeZone)}: ${data.link}`;
    case "course.practical":
      return `Hi ${name}, your ${service} practical day is tomorrow, ${when}${data.room ? `, ${clip(plain(data.room), 30)}` : ""}. Details: ${data.link}`;
    case "owner.newBooking":
      return `New booking: ${clip(plain(data.clientName ?? ""), 40)}, ${service}, ${when}. ${data.link}`;
    case "owner.cancellation":
      return `Cancelled: ${clip(plain(data.clientName ?? ""), 40)}, ${service}, ${when}. ${data.link}`;
    case "owner.reviewNeeded":
      return `To review: ${clip(plain(data.clientName ?? ""), 40)} asked for ${service}, ${when}. ${data.link}`;
    case "appointment.rebook":
      // Marketing names its sender (PECR) and says how to stop.
      return `${clip(plain(data.practiceName), 30)}: time for your next ${service}, ${name}? Book: ${data.link} Reply STOP to opt out`;
    case "campaign.offer":
      // The owner's words as written (the segment cap, not a clip, bounds them), the clinic's name first, the way out last.
      return `${clip(plain(data.practiceName), 30)}: ${plain(data.message ?? "")}${data.link ? ` ${data.link}` : ""} Reply STOP to opt out`;
  }
}

export function isTextKind(value: string): value is TextKind {
  return Object.hasOwn(TEXT_KINDS, value);
}
