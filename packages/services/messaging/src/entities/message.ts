import { Entity } from "electrodb";

export const MESSAGE_STATUSES = ["queued", "sent", "failed", "suppressed", "deferred"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const DELIVERY_STATUSES = ["delivered", "failed"] as const;

/**
 * One email or text the product sent (or decided not to send), kept as history. The id is
 * deterministic — `<eventId>.<template>` for mail caused by an event, the schedule name
 * and due time for a workflow step, `<campaignId>.<userId>` for a campaign — so the item
 * doubles as the idempotency record: it is created with a condition *before* SES is
 * called, and a second delivery of the same event finds it.
 */
export const Message = new Entity({
  model: { entity: "message", version: "1", service: "mas" },
  attributes: {
    messageId: { type: "string", required: true },
    userId: { type: "string", required: true },
    email: { type: "string", required: true },
    /** Mail (SES) or text (End User Messaging SMS); items from before texts are mail. */
    channel: { type: ["email", "sms"] as const, required: true, default: "email" },
    /** Texts: the E.164 number it went to. */
    phone: { type: "string" },
    template: { type: "string", required: true },
    purpose: { type: ["transactional", "marketing"] as const, required: true },
    status: { type: MESSAGE_STATUSES, required: true },
    /** The mail's subject line as rendered (history shows it). */
    subjectLine: { type: "string" },
    sesMessageId: { type: "string" },
    /** Texts: what was sent, AWS's message id, its segments and their cost (whole pence). */
    body: { type: "string" },
    smsMessageId: { type: "string" },
    encoding: { type: ["GSM-7", "UCS-2"] as const },
    segments: { type: "number" },
    costInPence: { type: "number" },
    /** Texts: the carrier's final word from the configuration set's delivery events (absent = not yet known). */
    deliveryStatus: { type: DELIVERY_STATUSES },
    deliveryDetail: { type: "string" },
    deliveredAt: { type: "string" },
    /** A marketing text held back by quiet hours: when it may go. */
    sendAfter: { type: "string" },
    /** What the mail is about: appointment, enrollment, payment, campaign, … */
    relatedType: { type: "string" },
    relatedId: { type: "string" },
    /** Why it was suppressed or why the last attempt failed. */
    reason: { type: "string" },
    /** For a workflow step: when it was due (the schedule's time). */
    dueAt: { type: "string" },
    attempts: { type: "number", required: true, default: 0 },
    /** When the current attempt took the message (a stale claim may be retaken). */
    claimedAt: { type: "string" },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
    sentAt: { type: "string" },
    /** `YYYY-MM` of createdAt: partitions the owner's timeline. */
    month: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["messageId"] },
      sk: { field: "sk", composite: [] },
    },
    /** A recipient's history, newest first (client's own list, owner's per-user view). */
    byRecipient: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["userId"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "messageId"] },
    },
    /** Everything sent in a month, newest first (owner's timeline). */
    byMonth: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["month"] },
      sk: { field: "gsi2sk", composite: ["createdAt", "messageId"] },
    },
  },
});
