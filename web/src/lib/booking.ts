/** The shapes the site reads from the booking service (packages/services/booking/src/routes). */

export type DepositRule =
  | { kind: "none" }
  | { kind: "fixed"; amountInPence: number }
  | { kind: "percent"; percent: number }
  | { kind: "full" };

export interface PublicService {
  id: string;
  slug: string;
  name: string;
  category: string;
  description: string;
  priceInPence: number;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  deposit: DepositRule;
  requiresPatchTest: boolean;
  requiresConsultation: boolean;
  minAge: number;
  active: boolean;
}

/**
 * The deposit taken at booking. The services list does not carry the amount, so this
 * mirrors core's `depositFor` (booking/settings.ts) for display; the amount actually
 * charged always comes from the appointment the booking service creates.
 */
export function depositOf(service: Pick<PublicService, "priceInPence" | "deposit">): number {
  const { deposit, priceInPence } = service;
  switch (deposit?.kind) {
    case "fixed":
      return Math.min(deposit.amountInPence, priceInPence);
    case "percent":
      return Math.round((priceInPence * deposit.percent) / 100);
    case "full":
      return priceInPence;
    default:
      return 0;
  }
}

export interface PublicSettings {
  timeZone?: string;
  weeklyHours: { start: string; end: string }[][];
  closures?: ({ date: string; reason: string } | { from: string; to: string; reason: string })[];
  extraHours?: { date: string; start: string; end: string }[];
  policy?: BookingPolicy;
}

export interface BookingPolicy {
  cancellationWindowHours: number;
  lateCancelFeePercent: number;
  noShowFeePercent: number;
  minimumNoticeHours: number;
  bookingHorizonDays: number;
}

/** Used only when the booking service cannot be reached: the clinic's standard terms. */
export const DEFAULT_POLICY: BookingPolicy = {
  cancellationWindowHours: 48,
  lateCancelFeePercent: 50,
  noShowFeePercent: 100,
  minimumNoticeHours: 24,
  bookingHorizonDays: 90,
};

export interface Slot {
  start: string;
  end: string;
}

export type AppointmentStatus = "pending_deposit" | "pending_review" | "confirmed" | "completed" | "cancelled" | "no_show" | "expired";

export interface Appointment {
  appointmentId: string;
  clientId: string;
  service: { id: string; slug: string; name: string; category: string };
  start: string;
  end: string;
  status: AppointmentStatus;
  priceInPence: number;
  depositInPence: number;
  depositPaidInPence: number;
  holdExpiresAt: string | null;
  needsReview: boolean;
  note: string | null;
  cancellation: { by: string; late: boolean; feeInPence: number; refundInPence: number; at: string; reason?: string } | null;
  createdAt: string;
}

export interface CancellationQuote {
  allowed: boolean;
  late: boolean;
  feeInPence: number;
  refundInPence: number;
  uncoveredFeeInPence: number;
}

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
