import { Entity } from "electrodb";

/**
 * One item per 15-minute UTC grid cell an appointment's occupied interval touches,
 * written in the appointment's transaction with a condition that the cell is free (or
 * held by an unpaid hold that has lapsed) — the reason two appointments can never
 * overlap. The first cell of each appointment (the *head*) also carries the occupied
 * interval and is indexed by quarter: the diary's busy intervals come from that index.
 * `expiresAt` (TTL, epoch seconds) removes locks a day after the appointment ends, or
 * soon after an unpaid hold lapses if the scheduled release never ran.
 */
export const SlotLock = new Entity({
  model: { entity: "slotLock", version: "1", service: "mas" },
  attributes: {
    cell: { type: "string", required: true },
    appointmentId: { type: "string", required: true },
    /** Epoch ms; present while the appointment is an unpaid hold. */
    holdExpiresAt: { type: "number" },
    expiresAt: { type: "number", required: true },
    head: { type: "boolean", default: false },
    busyQuarter: { type: "string" },
    occupiedStart: { type: "string" },
    occupiedEnd: { type: "string" },
  },
  indexes: {
    byCell: {
      pk: { field: "pk", composite: ["cell"] },
      sk: { field: "sk", composite: [] },
    },
    /** Busy intervals of a quarter, by occupied start. Sparse: only head locks have its composites. */
    busy: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["busyQuarter"] },
      sk: { field: "gsi2sk", composite: ["occupiedStart"] },
    },
  },
});
