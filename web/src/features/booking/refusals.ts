import type { ApiError } from "../../lib/client";
import type { ServiceRequirements } from "../../lib/shapes";
import { firstStepHref } from "./journey";

/**
 * Booking refusals in plain words, with what the visitor can do next. The API's own
 * message (which names the treatment and the rule) is kept as the detail.
 */
export interface Refusal {
  title: string;
  detail: string;
  next?: { href: string; label: string };
  /** Nothing the visitor can fix on this page: the booking form is not offered again. */
  final?: boolean;
}

export function refusalFor(error: ApiError, service: { slug: string; name: string; minAge: number }, requirements?: ServiceRequirements): Refusal | undefined {
  const patchTest = requirements?.patchTestService;
  const consultation = requirements?.consultationService;
  switch (error.code) {
    case "booking.under_min_age":
      return {
        title: `Sorry, we cannot book ${service.name} for you`,
        detail: `${service.name} is only for clients aged ${service.minAge} or over on the day of the appointment — this is a legal requirement for injectable treatments in the UK, and we cannot make exceptions.`,
        next: { href: "/treatments", label: "See our other treatments" },
        final: true,
      };
    case "booking.patch_test_required":
      return {
        title: "A patch test is needed first",
        detail: `${service.name} needs a passed patch test at least 48 hours before your appointment, taken within the last 6 months. A patch test takes 15 minutes and is free.`,
        next: patchTest
          ? { href: firstStepHref(patchTest.slug, service.slug), label: "Book your patch test first — we bring you back here after" }
          : { href: "/treatments#cat-consultation", label: "Book a patch test or consultation" },
        final: true,
      };
    case "booking.consultation_required":
      return {
        title: "Please book a consultation first",
        detail: `${service.name} is a prescription treatment, so we need to see you for a consultation before the first appointment.`,
        next: consultation
          ? { href: firstStepHref(consultation.slug, service.slug), label: "Book your consultation first — we bring you back here after" }
          : { href: "/treatments#cat-consultation", label: "Book a consultation" },
        final: true,
      };
    // Asked for in the form itself: the API's plain-words message arrives as the field's error.
    case "booking.dob_required":
      return undefined;
    case "booking.too_soon":
    case "booking.beyond_horizon":
    case "booking.closed":
    case "booking.outside_hours":
    case "booking.off_grid":
      return { title: "That time cannot be booked", detail: error.message };
    default:
      return undefined;
  }
}
