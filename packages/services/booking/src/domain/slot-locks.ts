import { db } from "../entities";
import { addMinutes } from "@mas/core/shared/time";
import type { BusyInterval } from "./availability";
import { slotCells } from "./availability";
import { trainingBusy } from "./training-blocks";

/**
 * The diary's physical side: which parts of which cells an appointment locks, and where
 * busy intervals are read from.
 *
 * A cell is 15 minutes of the UTC grid split into three 5-minute parts; an appointment
 * claims exactly the parts its occupied interval covers (see entities/slot-lock.ts), so
 * the lock check is exactly the listing's overlap check for any durations and buffers in
 * 5-minute units. Busy intervals come from each placed appointment's occupancy item,
 * indexed by calendar quarter (UTC) of the occupied start. An availability range is at
 * most 62 days and an occupied interval at most 12 hours, so the start instants that
 * matter span less than 64 days: never more than two quarters (the shortest quarter has
 * 90 days), so never more than two queries.
 */
export const LOCK_CELL_MINUTES = 15;
/** The diary's unit: durations, buffers and the slot step are whole multiples of it. */
export const LOCK_PART_MINUTES = 5;
export const LOCK_PARTS = [0, 5, 10] as const;
export type LockPart = (typeof LOCK_PARTS)[number];
/** Longest occupied interval a service can have: 8 h treatment + 2 h buffers each side. */
export const MAX_OCCUPIED_MINUTES = 8 * 60 + 2 * 120;
/** Cells and occupancy outlive what they describe by a day (TTL), then DynamoDB removes them. */
const AFTER_MS = 24 * 3_600_000;
const MINUTE_MS = 60_000;

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

/** The cells an occupied interval touches. */
export function lockCellsFor(occupied: BusyInterval): string[] {
  return slotCells(occupied, LOCK_CELL_MINUTES);
}

/** The parts of each cell an occupied interval covers: cell (ISO start, UTC) → parts, in order. */
export function lockPartsFor(occupied: BusyInterval): Map<string, LockPart[]> {
  const partMs = LOCK_PART_MINUTES * MINUTE_MS;
  const cellMs = LOCK_CELL_MINUTES * MINUTE_MS;
  const start = occupied.start.getTime();
  const end = occupied.end.getTime();
  if (start % partMs !== 0 || end % partMs !== 0) {
    throw new RangeError(`An occupied interval must start and end on the ${LOCK_PART_MINUTES}-minute grid`);
  }
  const parts = new Map<string, LockPart[]>();
  for (let at = start; at < end; at += partMs) {
    const cellStart = Math.floor(at / cellMs) * cellMs;
    const cell = cellKey(cellStart);
    const part = ((at - cellStart) / MINUTE_MS) as LockPart;
    parts.set(cell, [...(parts.get(cell) ?? []), part]);
  }
  return parts;
}

/** A cell's key: its start as ISO UTC with an explicit offset ("…T09:30:00+00:00"), as `slotCells` writes it. */
function cellKey(cellStartMs: number): string {
  return new Date(cellStartMs).toISOString().replace(".000Z", "+00:00");
}

/** When a cell's item may go: a day after the cell has passed. */
export function cellExpiresAt(cell: string): number {
  return Math.ceil((new Date(cell).getTime() + LOCK_CELL_MINUTES * MINUTE_MS + AFTER_MS) / 1000);
}

export interface LockOwner {
  appointmentId: string;
  occupied: BusyInterval;
  /** Set for an unpaid hold: after this instant its parts may be taken by someone else. */
  holdExpiresAt?: Date | undefined;
}

/** The occupancy item of a placed appointment (what the busy index lists). */
export function occupancyOf(owner: LockOwner) {
  const hold = owner.holdExpiresAt?.getTime();
  return {
    appointmentId: owner.appointmentId,
    busyQuarter: quarterOf(owner.occupied.start),
    occupiedStart: owner.occupied.start.toISOString(),
    occupiedEnd: owner.occupied.end.toISOString(),
    ...(hold !== undefined ? { holdExpiresAt: hold } : {}),
    expiresAt: Math.ceil((owner.occupied.end.getTime() + AFTER_MS) / 1000),
  };
}

/** An appointment item's occupied interval. */
export function occupiedOf(a: { occupiedStart: string; occupiedEnd: string }): BusyInterval {
  return { start: new Date(a.occupiedStart), end: new Date(a.occupiedEnd) };
}

/**
 * Where an appointment sits in the diary: its times and its occupied interval (buffers
 * included) — the fields booking, rescheduling and the demo seed all write together. The
 * cells it touches are not stored: they follow from the occupied interval.
 */
export function placementOf(start: Date, durationMinutes: number, occupied: BusyInterval) {
  return {
    start: start.toISOString(),
    end: addMinutes(start, durationMinutes).toISOString(),
    occupiedStart: occupied.start.toISOString(),
    occupiedEnd: occupied.end.toISOString(),
    diaryQuarter: quarterOf(start),
  };
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
        .entities.occupancy.query.busy({ busyQuarter })
        .between({ occupiedStart: earliestStart.toISOString() }, { occupiedStart: to.toISOString() })
        .go({ pages: "all", attributes: ["appointmentId", "occupiedStart", "occupiedEnd", "holdExpiresAt"] }),
    ),
  );
  // Practical training days (learning's cohorts) take the clinic out of client availability.
  const busy: (BusyInterval & { appointmentId: string })[] = await trainingBusy(from, to);
  for (const { data } of pages) {
    for (const lock of data) {
      if (lock.holdExpiresAt !== undefined && lock.holdExpiresAt <= now.getTime()) continue;
      const start = new Date(lock.occupiedStart);
      const end = new Date(lock.occupiedEnd);
      if (start < to && end > from) busy.push({ start, end, appointmentId: lock.appointmentId });
    }
  }
  return busy;
}
