import type { Decision } from "../relevance";

/**
 * One text to a client whose booking is held for its deposit (`pending_deposit`), a little
 * before the hold lapses and the slot goes back on sale. Rules, in the order they are checked:
 * 1. the lead before the lapse: 5 minutes for an online hold (15 minutes), an hour for a
 *    hold of 3 hours or more (the clinic's phone booking with a deposit link, up to a day);
 * 2. only for a hold at least twice its lead — a nudge minutes after booking only nags,
 *    and a hold shorter than the lead has no time for one;
 * 3. only while still ahead of `now` (a late event schedules nothing).
 * Hold times are instants and the lead elapsed time, so a clock change inside a day-long
 * hold moves nothing. When the nudge falls due it goes only if the appointment is still
 * waiting for the same hold's deposit (paid, cancelled, expired or re-held: nothing).
 */
export const DEPOSIT_NUDGE = { leadMinutes: 5, longHoldFromMinutes: 180, longHoldLeadMinutes: 60 } as const;

/** Its schedule sits under the appointment's prefix (`appt-<id>-deposit-nudge`): confirming (paid) replaces it away, cancelling deletes it. */
export const DEPOSIT_NUDGE_STEP = "deposit-nudge";

const MINUTE_MS = 60_000;

export interface DepositHold {
  /** When the booking was made (its event's occurredAt, the appointment's createdAt). */
  requestedAt: string | Date;
  holdExpiresAt: string | Date;
}

export function depositNudgeLeadMinutes(holdMinutes: number): number {
  return holdMinutes >= DEPOSIT_NUDGE.longHoldFromMinutes ? DEPOSIT_NUDGE.longHoldLeadMinutes : DEPOSIT_NUDGE.leadMinutes;
}

/** When the hold's nudge is due, or undefined when it gets none (rule 2). */
export function depositNudgeTime(hold: DepositHold): Date | undefined {
  const requested = new Date(hold.requestedAt).getTime();
  const lapses = new Date(hold.holdExpiresAt).getTime();
  if (Number.isNaN(requested) || Number.isNaN(lapses)) throw new RangeError(`Invalid hold: ${String(hold.requestedAt)} → ${String(hold.holdExpiresAt)}`);
  const holdMinutes = (lapses - requested) / MINUTE_MS;
  const lead = depositNudgeLeadMinutes(holdMinutes);
  if (holdMinutes < 2 * lead) return undefined;
  return new Date(lapses - lead * MINUTE_MS);
}

/** The nudge to schedule for a hold seen at `now` (rule 3). */
export function plannedDepositNudge(hold: DepositHold, now: Date): Date | undefined {
  const at = depositNudgeTime(hold);
  return at && at.getTime() > now.getTime() ? at : undefined;
}

export interface HeldAppointment {
  status: string;
  createdAt: string;
  holdExpiresAt?: string | null;
}

export function depositNudgeDecision(appointment: HeldAppointment | undefined, scheduledFor: string, now: Date): Decision {
  if (!appointment) return { send: false, reason: "appointment_unknown" };
  if (appointment.status !== "pending_deposit") return { send: false, reason: `appointment_${appointment.status}` };
  if (!appointment.holdExpiresAt) return { send: false, reason: "hold_changed" };
  const due = depositNudgeTime({ requestedAt: appointment.createdAt, holdExpiresAt: appointment.holdExpiresAt });
  if (due?.getTime() !== new Date(scheduledFor).getTime()) return { send: false, reason: "hold_changed" };
  if (new Date(appointment.holdExpiresAt).getTime() <= now.getTime()) return { send: false, reason: "hold_lapsed" };
  return { send: true };
}
