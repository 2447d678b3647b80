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
