import type { MessageItem } from "../domain/history";

/** What a client sees of their mail: what, when, whether it went. */
export function clientMessageView(m: MessageItem) {
  return {
    messageId: m.messageId,
    template: m.template,
    subject: m.subjectLine ?? null,
    status: m.status,
    createdAt: m.createdAt,
    sentAt: m.sentAt ?? null,
    related: m.relatedType && m.relatedId ? { type: m.relatedType, id: m.relatedId } : null,
  };
}

/** The owner also sees to whom, why it was not sent, and SES's id (for bounces and complaints). */
export function ownerMessageView(m: MessageItem) {
  return { ...clientMessageView(m), userId: m.userId, email: m.email, purpose: m.purpose, reason: m.reason ?? null, sesMessageId: m.sesMessageId ?? null, dueAt: m.dueAt ?? null, attempts: m.attempts };
}
