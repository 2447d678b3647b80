/**
 * The booking service's shapes as the site uses them, derived from its routes (see
 * shapes.ts), and the site's own wording for them. Amounts such as a treatment's deposit
 * come from the API (`depositInPence`), never recomputed here.
 */
import type { AppointmentStatus, PublicService } from "./shapes";

export type { Appointment, AppointmentStatus, BookingPolicy, CancellationQuote, PublicService, PublicSettings, Slot } from "./shapes";

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  pending_deposit: "Awaiting deposit",
  pending_review: "Awaiting practitioner review",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "Missed",
  expired: "Lapsed",
};

export const CATEGORY_LABELS: Record<string, string> = {
  consultation: "Consultations",
  "patch-test": "Patch tests",
  "anti-wrinkle": "Anti-wrinkle injections",
  "dermal-filler": "Dermal fillers",
  "skin-booster": "Skin boosters",
  "chemical-peel": "Chemical peels",
  microneedling: "Microneedling",
  facial: "Facials",
  other: "Other treatments",
};

/** A one-line summary for cards: the description's first sentence. */
export function summaryOf(service: Pick<PublicService, "description">): string {
  const first = service.description.split(/(?<=[.!?])\s/)[0] ?? "";
  return first;
}

const NUMBER_WORDS: Record<string, string> = {
  half: "0.5", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", ten: "10", eleven: "11", twelve: "12",
};
const menuCollator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });
/** A name with its number words as digits, so "two areas" sorts as 2 (used only for ordering). */
const menuKey = (name: string) => name.replace(/\b(half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/gi, (w) => NUMBER_WORDS[w.toLowerCase()]!);

/** Menu order by name, counting the way people do: "one area, two areas, three areas"; "0.5 ml" before "1 ml"; "2" before "10". */
export function byMenuOrder<T extends { name: string }>(a: T, b: T): number {
  return menuCollator.compare(menuKey(a.name), menuKey(b.name));
}
