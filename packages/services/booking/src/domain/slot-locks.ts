import { db } from "../entities";
import { addMinutes } from "@mas/core/shared/time";
import type { BusyInterval } from "./availability";
import { slotCells } from "./availability";
import { trainingBusy } from "./training-blocks";

/**
 * The diary's physical side: which 15-minute cells an appointment locks, how lock items
 * look, and where busy intervals are read from.
 *
 * Busy intervals come from the *head* lock of each appointment (its first cell), indexed
 * by calendar quarter (UTC) of the occupied start. An availability range is at most 62
 * days and an occupied interval at most 12 hours, so the start instants that matter span
 * less than 64 days: never more than two quarters (the shortest quarter has 90 days), so
 * never more than two queries. Head items are ~250 bytes, so a quarter's 1 MB query page
 * holds ~4,000 appointments before a second page would be needed.
 */
export const LOCK_CELL_MINUTES = 15;
/** Longest occupied interval a service can have: 8 h treatment + 2 h buffers each side. */
export const MAX_OCCUPIED_MINUTES = 8 * 60 + 2 * 120;
/** Confirmed locks outlive the appointment by a day (TTL), then DynamoDB removes them. */
const CONFIRMED_LOCK_TTL_MS = 24 * 3_600_000;
/** A lapsed hold's locks are removed by TTL if the scheduled release never ran. */
const HOLD_LOCK_TTL_MS = 3_600_000;

export function quarterOf(instant: Date): string {
  return `${instant.getUTCFullYear()}-Q${Math.floor(instant.getUTCMonth() / 3) + 1}`;
}

/** The quarters an instant range [from, to) touches, in order. */
export function quartersBetween(from: Date, to: Date): string[] {
  const quarters: string[] = [];
  let year = from.getUTCFullYear();
  let quarter = Math.floor(from.getUTCMonth() / 3);
  while (Date.UTC(year, quarter * 3, 1) < to.getTime() || quarters.length === 0) {
    quarters.push(`${year}-Q${quarter + 1}`);
    quarter++;
    if (quarter === 4) [year, quarter] = [year + 1, 0];
  }
  return quarters;
}

export function lockCellsFor(occupied: BusyInterval): string[] {
  return slotCells(occupied, LOCK_CELL_MINUTES);
}

export interface LockOwner {
  appointmentId: string;
  occupied: BusyInterval;
  /** Set for an unpaid hold: after this instant the cells may be taken by someone else. */
  holdExpiresAt?: Date | undefined;
}

export type LockItem = {
  cell: string;
  appointmentId: string;
  holdExpiresAt?: number;
  expiresAt: number;
  head: boolean;
  busyQuarter?: string;
  occupiedStart?: string;
  occupiedEnd?: string;
};

/** The lock items for an appointment's occupied interval; the first carries the interval. */
/**
 * Where an appointment sits in the diary: its times, its occupied interval (buffers
 * included) and the lock cells it holds — the fields booking, rescheduling and the demo
 * seed all write together.
 */
export function placementOf(start: Date, durationMinutes: number, occupied: BusyInterval, locks: LockItem[]) {
  return {
    start: start.toISOString(),
    end: addMinutes(start, durationMinutes).toISOString(),
    occupiedStart: occupied.start.toISOString(),
    occupiedEnd: occupied.end.toISOString(),
    diaryQuarter: quarterOf(start),
    lockCells: locks.map((l) => l.cell),
  };
}

export function lockItems(owner: LockOwner): LockItem[] {
  const cells = lockCellsFor(owner.occupied);
  const hold = owner.holdExpiresAt?.getTime();
  const ttlMs = hold !== undefined ? hold + HOLD_LOCK_TTL_MS : owner.occupied.end.getTime() + CONFIRMED_LOCK_TTL_MS;
  const expiresAt = Math.ceil(ttlMs / 1000);
  return cells.map((cell, index) => ({
    cell,
    appointmentId: owner.appointmentId,
    ...(hold !== undefined ? { holdExpiresAt: hold } : {}),
    expiresAt,
    head: index === 0,
    ...(index === 0
      ? { busyQuarter: quarterOf(owner.occupied.start), occupiedStart: owner.occupied.start.toISOString(), occupiedEnd: owner.occupied.end.toISOString() }
      : {}),
  }));
}

/**
 * Busy intervals overlapping [from, to), as the availability engine wants them: appointments
 * and training sessions. Unpaid
 * holds that lapsed before `now` are not busy, even if their release has not run yet:
 * the booking transaction may overwrite their locks.
 */
export async function busyIntervals(from: Date, to: Date, now: Date): Promise<(BusyInterval & { appointmentId: string })[]> {
  const earliestStart = new Date(from.getTime() - MAX_OCCUPIED_MINUTES * 60_000);
  const pages = await Promise.all(
    quartersBetween(earliestStart, to).map((busyQuarter) =>
      db()
        .entities.slotLock.query.busy({ busyQuarter })
        .between({ occupiedStart: earliestStart.toISOString() }, { occupiedStart: to.toISOString() })
        .go({ pages: "all", attributes: ["appointmentId", "occupiedStart", "occupiedEnd", "holdExpiresAt"] }),
    ),
  );
  // Practical training days (learning's cohorts) take the clinic out of client availability.
  const busy: (BusyInterval & { appointmentId: string })[] = await trainingBusy(from, to);
  for (const { data } of pages) {
    for (const lock of data) {
      if (lock.holdExpiresAt !== undefined && lock.holdExpiresAt <= now.getTime()) continue;
      const start = new Date(lock.occupiedStart!);
      const end = new Date(lock.occupiedEnd!);
      if (start < to && end > from) busy.push({ start, end, appointmentId: lock.appointmentId });
    }
  }
  return busy;
}
