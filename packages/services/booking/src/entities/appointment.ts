import { Entity } from "electrodb";

export const APPOINTMENT_STATUSES = ["pending_deposit", "pending_review", "confirmed", "completed", "cancelled", "no_show", "expired"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * A client's booking of a treatment. Times are ISO instants in UTC (they sort as strings);
 * `occupiedStart/End` include the treatment's buffers and are what the `SlotLock` cells
 * cover while the appointment holds its place in the diary (the cells follow from them:
 * `lockPartsFor`). The item is on two GSIs (`ALL` projection), so every started KB costs
 * four write units per transactional write: keep it under 1 KB where it can be (issue 20).
 * The treatment's name, category and prices are copied in at booking time, so later menu
 * changes never rewrite what a client booked.
 */
export const Appointment = new Entity({
  model: { entity: "appointment", version: "1", service: "mas" },
  attributes: {
    appointmentId: { type: "string", required: true },
    clientId: { type: "string", required: true },
    serviceId: { type: "string", required: true },
    serviceSlug: { type: "string", required: true },
    serviceName: { type: "string", required: true },
    category: { type: "string", required: true },
    start: { type: "string", required: true },
    end: { type: "string", required: true },
    occupiedStart: { type: "string", required: true },
    occupiedEnd: { type: "string", required: true },
    /** Calendar quarter of `start` (`2026-Q3`), the owner calendar's partition. */
    diaryQuarter: { type: "string", required: true },
    /**
     * No longer written (168 B of a 6-cell booking, never read: the cells follow from
     * `occupiedStart/End`); items booked before issue 20 carry it until they are rescheduled.
     */
    lockCells: { type: "list", items: { type: "string" } },
    status: { type: APPOINTMENT_STATUSES, required: true },
    priceInPence: { type: "number", required: true },
    depositInPence: { type: "number", required: true },
    depositPaidInPence: { type: "number", default: 0 },
    /** The cancellation terms shown at booking (domain/policy.ts); absent on older bookings. */
    cancellationTerms: {
      type: "map",
      properties: {
        windowHours: { type: "number", required: true },
        lateFeePercent: { type: "number", required: true },
        graceMinutes: { type: "number", required: true },
        lateFeeCapInPence: { type: "number", required: true },
      },
    },
    /** What the booking still relies on: a patch test or consultation booked but not yet done. */
    awaiting: { type: "list", items: { type: "string" } },
    /** Set while `pending_deposit`: when the unpaid hold lapses. */
    holdExpiresAt: { type: "string" },
    /** Medical answers raised flags: the practitioner approves before it is confirmed. */
    needsReview: { type: "boolean", default: false },
    riskFlags: { type: "list", items: { type: "string" }, default: [] },
    /** The client's note at booking (free text: anonymised on erasure). */
    clientNote: { type: "string" },
    waitlistId: { type: "string" },
    cancellation: {
      type: "map",
      properties: {
        // Written whole by the one cancel path; only the reason is optional.
        by: { type: ["client", "owner", "system"] as const, required: true },
        reason: { type: "string" },
        late: { type: "boolean", required: true },
        feeInPence: { type: "number", required: true },
        refundInPence: { type: "number", required: true },
        at: { type: "string", required: true },
      },
    },
    /** The consent form documents issued for it, as last announced (domain/consent-status.ts). */
    consent: {
      type: "map",
      properties: {
        documentId: { type: "string", required: true },
        status: { type: ["awaiting_signature", "expired", "signed"] as const, required: true },
        at: { type: "string", required: true },
      },
    },
    /** When the owner marked the client arrived at the front desk (the day's diary). */
    arrivedAt: { type: "string" },
    /** The deposit was waived by the owner (the reason is in the history and the audit log). */
    depositWaived: { type: "boolean" },
    /** Every status change, oldest first. */
    history: {
      type: "list",
      items: {
        type: "map",
        properties: {
          status: { type: "string", required: true },
          at: { type: "string", required: true },
          by: { type: "string", required: true },
          note: { type: "string" },
        },
      },
      default: [],
    },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["appointmentId"] },
      sk: { field: "sk", composite: [] },
    },
    /** A client's appointments by start: upcoming (sk ≥ now) and past (sk < now). */
    byClient: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["clientId"] },
      sk: { field: "gsi1sk", composite: ["start", "appointmentId"] },
    },
    /** The owner's calendar: a quarter's appointments by start. */
    diary: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["diaryQuarter"] },
      sk: { field: "gsi2sk", composite: ["start", "appointmentId"] },
    },
  },
});
