import { assertPence, percentOf, type Pence } from "@mas/core/shared/money";
import type { BusinessSettings } from "./settings";

/**
 * The clinic's cancellation, rescheduling and no-show policy as arithmetic on integer pence.
 *
 * - "Free" cancellation means more than `cancellationWindowHours` before the start (strictly:
 *   exactly 48 h before is already late). The deposit is refunded in full.
 * - A client cancelling later pays `lateCancelFeePercent` of the price, taken from the deposit;
 *   the refund is whatever is left (never negative). A fee larger than the deposit is reported
 *   in `uncoveredFeeInPence` — what the deposit did not cover, for the clinic to pursue.
 * - A client cannot cancel once the appointment has started: that is attendance or a no-show
 *   (`noShowFee`).
 * - The owner may always cancel; the client then gets the whole deposit back, with no fee, and
 *   it never counts as a late cancellation.
 */
type PolicySettings = Pick<BusinessSettings, "cancellationWindowHours" | "lateCancelFeePercent" | "noShowFeePercent">;
export type Actor = "client" | "owner";

export interface CancellationOutcome {
  allowed: boolean;
  late: boolean;
  feeInPence: Pence;
  refundInPence: Pence;
  uncoveredFeeInPence: Pence;
}

export function cancellationOutcome(input: {
  settings: PolicySettings;
  appointment: { start: Date; priceInPence: Pence; depositPaidInPence: Pence };
  now: Date;
  by: Actor;
}): CancellationOutcome {
  const { settings, appointment, now, by } = input;
  const price = assertPence(appointment.priceInPence, "priceInPence");
  const deposit = assertPence(appointment.depositPaidInPence, "depositPaidInPence");
  if (by === "owner") return { allowed: true, late: false, feeInPence: 0, refundInPence: deposit, uncoveredFeeInPence: 0 };
  if (now.getTime() >= appointment.start.getTime()) {
    return { allowed: false, late: true, feeInPence: 0, refundInPence: 0, uncoveredFeeInPence: 0 };
  }
  if (!isInsideCancellationWindow(settings, appointment.start, now)) {
    return { allowed: true, late: false, feeInPence: 0, refundInPence: deposit, uncoveredFeeInPence: 0 };
  }
  const fee = percentOf(price, settings.lateCancelFeePercent);
  return {
    allowed: true,
    late: true,
    feeInPence: fee,
    refundInPence: Math.max(0, deposit - fee),
    uncoveredFeeInPence: Math.max(0, fee - deposit),
  };
}

/** Whether `now` is `cancellationWindowHours` or less before `start` (late-cancellation territory). */
export function isInsideCancellationWindow(settings: Pick<BusinessSettings, "cancellationWindowHours">, start: Date, now: Date): boolean {
  return start.getTime() - now.getTime() <= settings.cancellationWindowHours * 3_600_000;
}

/** The fee for not turning up: `noShowFeePercent` of the price. */
export function noShowFee(settings: Pick<BusinessSettings, "noShowFeePercent">, priceInPence: Pence): Pence {
  return percentOf(priceInPence, settings.noShowFeePercent);
}

/**
 * Clients may move an appointment only while cancelling it would still be free; inside the
 * window they must cancel (and pay the late fee) instead. The owner may always reschedule
 * an appointment that has not started.
 */
export function canReschedule(input: {
  settings: Pick<BusinessSettings, "cancellationWindowHours">;
  appointmentStart: Date;
  now: Date;
  by: Actor;
}): boolean {
  const { settings, appointmentStart, now, by } = input;
  if (now.getTime() >= appointmentStart.getTime()) return false;
  return by === "owner" || !isInsideCancellationWindow(settings, appointmentStart, now);
}
