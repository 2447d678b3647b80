import type { MessageItem } from "../domain/history";

/** What a client sees of their mail: what, when, whether it went. */
export function clientMessageView(m: MessageItem) {
  return {
    messageId: m.messageId,
    channel: m.channel ?? "email",
    template: m.template,
    subject: m.subjectLine ?? null,
    /** A text's words (mail shows its subject). */
    body: m.channel === "sms" ? (m.body ?? null) : null,
    status: m.status,
    /** Texts: delivered / failed once the carrier has said; null until then (and for mail). */
    deliveryStatus: m.deliveryStatus ?? null,
    createdAt: m.createdAt,
    sentAt: m.sentAt ?? null,
    related: m.relatedType && m.relatedId ? { type: m.relatedType, id: m.relatedId } : null,
  };
}

/** The owner also sees to whom, why it was not sent, and SES's id (for bounces and complaints). */
export function ownerMessageView(m: MessageItem) {
  return { ...clientMessageView(m), userId: m.userId, email: m.email, purpose: m.purpose, reason: m.reason ?? null, sesMessageId: m.sesMessageId ?? null, phone: m.phone ?? null, smsMessageId: m.smsMessageId ?? null, segments: m.segments ?? null, costInPence: m.costInPence ?? null, deliveryDetail: m.deliveryDetail ?? null, sendAfter: m.sendAfter ?? null, dueAt: m.dueAt ?? null, attempts: m.attempts };
}
