import { Entity } from "electrodb";

/**
 * One item per 15-minute UTC grid cell of the diary, shared by every appointment that
 * occupies part of it. Each cell has three 5-minute parts (`0`, `5`, `10` minutes past the
 * cell's start); part `p` names its owner in `o<p>` and, while the owner is an unpaid hold,
 * the hold's expiry in `h<p>`. An appointment claims exactly the parts its occupied interval
 * (buffers included) covers, in its own transaction, with a condition per part that it is
 * free, held by a hold that lapsed, or already its own — so two appointments never overlap,
 * and two that merely meet inside a cell (10:00–10:35 then 10:35–11:20) both fit. Durations,
 * buffers and the slot step are whole multiples of 5 minutes, so parts are exact.
 * `expiresAt` (TTL, epoch seconds) removes a cell a day after it has passed.
 */
export const SlotLock = new Entity({
  model: { entity: "slotLock", version: "2", service: "mas" },
  attributes: {
    cell: { type: "string", required: true },
    o0: { type: "string" },
    o5: { type: "string" },
    o10: { type: "string" },
    /** Epoch ms; present while that part's owner is an unpaid hold. */
    h0: { type: "number" },
    h5: { type: "number" },
    h10: { type: "number" },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byCell: {
      pk: { field: "pk", composite: ["cell"] },
      sk: { field: "sk", composite: [] },
    },
  },
});

/**
 * Where an appointment sits in the diary while it holds its place: its occupied interval,
 * indexed by calendar quarter (UTC) of the occupied start. The diary's busy intervals come
 * from this index; the cells above make overlaps impossible.
 */
export const Occupancy = new Entity({
  model: { entity: "occupancy", version: "1", service: "mas" },
  attributes: {
    appointmentId: { type: "string", required: true },
    busyQuarter: { type: "string", required: true },
    occupiedStart: { type: "string", required: true },
    occupiedEnd: { type: "string", required: true },
    /** Epoch ms; present while the appointment is an unpaid hold. */
    holdExpiresAt: { type: "number" },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byAppointment: {
      pk: { field: "pk", composite: ["appointmentId"] },
      sk: { field: "sk", composite: [] },
    },
    /** Busy intervals of a quarter, by occupied start. */
    busy: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["busyQuarter"] },
      sk: { field: "gsi2sk", composite: ["occupiedStart"] },
    },
  },
});
