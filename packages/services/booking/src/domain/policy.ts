import { assertPence, percentOf, type Pence } from "@mas/core/shared/money";
import type { BusinessSettings } from "./settings";

/**
 * The clinic's cancellation, rescheduling and no-show policy as arithmetic on integer pence.
 *
 * The terms a client is shown when booking (`cancellationTermsFor`) are stored on the
 * appointment and are what a later cancellation is judged by, so changing the settings never
 * makes an existing booking dearer to cancel. Rules, in the order they are checked:
 *
 * - The owner may always cancel; the client then gets the whole deposit back, with no fee, and
 *   it never counts as a late cancellation.
 * - A client cannot cancel once the appointment has started: that is attendance or a no-show
 *   (`noShowFee`).
 * - Grace period: for `graceMinutes` after booking (inclusive: at exactly 60:00 after a 60-minute
 *   grace it is still free) cancelling is free, even for a slot already inside the window.
 * - "Free" cancellation means more than `windowHours` before the start (strictly: exactly 48 h
 *   before is already late). The deposit is refunded in full.
 * - Later, the fee is `lateFeePercent` of the price, but never more than `lateFeeCapInPence` —
 *   the deposit the client was shown at booking ("you lose your deposit"). It is taken from the
 *   deposit paid; the refund is whatever is left. A fee larger than what was paid (a waived
 *   deposit) is reported in `uncoveredFeeInPence`, for the clinic to pursue.
 */
type PolicySettings = Pick<BusinessSettings, "cancellationWindowHours" | "lateCancelFeePercent" | "cancellationGraceMinutes">;
export type Actor = "client" | "owner";

/** What the client agreed to at booking (stored on the appointment). */
export interface CancellationTerms {
  windowHours: number;
  lateFeePercent: number;
  graceMinutes: number;
  lateFeeCapInPence: Pence;
}

export interface CancellationOutcome {
  allowed: boolean;
  late: boolean;
  /** Free because it is within the grace period after booking. */
  inGracePeriod: boolean;
  feeInPence: Pence;
  refundInPence: Pence;
  uncoveredFeeInPence: Pence;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The terms shown at booking: the clinic's settings, with the late fee capped at the deposit taken. */
export function cancellationTermsFor(settings: PolicySettings, depositInPence: Pence): CancellationTerms {
  return {
    windowHours: settings.cancellationWindowHours,
    lateFeePercent: settings.lateCancelFeePercent,
    graceMinutes: settings.cancellationGraceMinutes,
    lateFeeCapInPence: assertPence(depositInPence, "depositInPence"),
  };
}

export function cancellationOutcome(input: {
  terms: CancellationTerms;
  appointment: { start: Date; bookedAt: Date; priceInPence: Pence; depositPaidInPence: Pence };
  now: Date;
  by: Actor;
}): CancellationOutcome {
  const { terms, appointment, now, by } = input;
  const price = assertPence(appointment.priceInPence, "priceInPence");
  const deposit = assertPence(appointment.depositPaidInPence, "depositPaidInPence");
  const free = { allowed: true, late: false, inGracePeriod: false, feeInPence: 0, refundInPence: deposit, uncoveredFeeInPence: 0 };
  if (by === "owner") return free;
  if (now.getTime() >= appointment.start.getTime()) {
    return { allowed: false, late: true, inGracePeriod: false, feeInPence: 0, refundInPence: 0, uncoveredFeeInPence: 0 };
  }
  if (isInGracePeriod(terms, appointment.bookedAt, now)) return { ...free, inGracePeriod: true };
  if (!isInsideCancellationWindow(terms, appointment.start, now)) return free;
  const fee = lateCancellationFee(terms, price);
  return {
    allowed: true,
    late: true,
    inGracePeriod: false,
    feeInPence: fee,
    refundInPence: Math.max(0, deposit - fee),
    uncoveredFeeInPence: Math.max(0, fee - deposit),
  };
}

/** The most a late cancellation costs under `terms`: the percentage of the price, capped. */
export function lateCancellationFee(terms: CancellationTerms, priceInPence: Pence): Pence {
  return Math.min(percentOf(assertPence(priceInPence, "priceInPence"), terms.lateFeePercent), terms.lateFeeCapInPence);
}

/** Whether `now` is `windowHours` or less before `start` (late-cancellation territory). */
export function isInsideCancellationWindow(terms: Pick<CancellationTerms, "windowHours">, start: Date, now: Date): boolean {
  return start.getTime() - now.getTime() <= terms.windowHours * HOUR_MS;
}

/** Whether `now` is at most `graceMinutes` after booking (and not before it). */
export function isInGracePeriod(terms: Pick<CancellationTerms, "graceMinutes">, bookedAt: Date, now: Date): boolean {
  const elapsed = now.getTime() - bookedAt.getTime();
  return elapsed >= 0 && elapsed <= terms.graceMinutes * MINUTE_MS;
}

/**
 * What to tell a client about cancelling before they book `start` at `now`: from when a late
 * fee applies (the end of the grace period, or when the window opens, whichever is later),
 * and whether the slot is already inside the window (then only the grace period is free).
 */
export function cancellationNotice(input: { terms: CancellationTerms; start: Date; priceInPence: Pence; now: Date }) {
  const { terms, start, now } = input;
  const graceEnds = Math.min(now.getTime() + terms.graceMinutes * MINUTE_MS, start.getTime());
  const windowOpens = start.getTime() - terms.windowHours * HOUR_MS;
  return {
    insideWindow: isInsideCancellationWindow(terms, start, now),
    graceEndsAt: new Date(graceEnds),
    lateFeeFrom: new Date(Math.max(graceEnds, windowOpens)),
    lateFeeInPence: lateCancellationFee(terms, input.priceInPence),
  };
}

/** The fee for not turning up: `noShowFeePercent` of the price. */
export function noShowFee(settings: Pick<BusinessSettings, "noShowFeePercent">, priceInPence: Pence): Pence {
  return percentOf(priceInPence, settings.noShowFeePercent);
}

/**
 * Clients may move an appointment only while cancelling it would still be free (before the
 * window, or within the grace period after booking); inside the window they must cancel (and
 * pay the late fee) instead. The owner may always reschedule an appointment that has not started.
 */
export function canReschedule(input: {
  terms: Pick<CancellationTerms, "windowHours" | "graceMinutes">;
  appointmentStart: Date;
  bookedAt: Date;
  now: Date;
  by: Actor;
}): boolean {
  const { terms, appointmentStart, now, by } = input;
  if (now.getTime() >= appointmentStart.getTime()) return false;
  return by === "owner" || isInGracePeriod(terms, input.bookedAt, now) || !isInsideCancellationWindow(terms, appointmentStart, now);
}
