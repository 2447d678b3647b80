import { cancellationCodes } from "@mas/core/db/transactions";
import { publishStaged, type StagedEvent } from "@mas/core/outbox/outbox";
import type { EntityItem } from "electrodb";
import type { Message } from "../entities/message";
import { db } from "../entities";
import { clock } from "@mas/core/shared/clock";
import { isConditionFailure } from "@mas/core/db/conditions";
import type { Purpose } from "./templates";

/**
 * The message history, which is also the send-once guard. A delivery first *claims* its
 * message id (conditional create, or retake of a failed/stale claim), then calls SES,
 * then records the outcome:
 * - a second delivery of the same event finds the message `sent`/`suppressed` → nothing;
 * - a send that failed left it `failed` → the event's retry retakes it and sends;
 * - a claim younger than the lease is another delivery at work → `busy` (the caller
 *   throws so EventBridge retries later, by when the first has finished);
 * - a process that died between SES and recording leaves a `queued` claim that a retry
 *   may retake after the lease: the one window where a duplicate is possible (SES has
 *   no idempotency key), kept as short as a single SendEmail call.
 */
export type MessageItem = EntityItem<typeof Message>;

export const CLAIM_LEASE_MS = 2 * 60_000;

export interface NewMessage {
  messageId: string;
  userId: string;
  email: string;
  template: string;
  purpose: Purpose;
  relatedType?: string;
  relatedId?: string;
  dueAt?: string;
  channel?: "email" | "sms";
  phone?: string;
}

export type Claim = "claimed" | "done" | "busy";

export async function claimMessage(message: NewMessage): Promise<Claim> {
  const at = clock.now().toISOString();
  try {
    await db()
      .entities.message.create({ ...message, status: "queued", attempts: 1, claimedAt: at, createdAt: at, updatedAt: at, month: at.slice(0, 7) })
      .go();
    return "claimed";
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const { data: existing } = await db().entities.message.get({ messageId: message.messageId }).go();
  if (!existing) return "busy";
  // A deferred text belongs to its own schedule (sms/sending.ts), not to a repeat of its cause.
  if (existing.status === "sent" || existing.status === "suppressed" || existing.status === "deferred") return "done";
  const stale = !existing.claimedAt || Date.parse(existing.claimedAt) <= Date.parse(at) - CLAIM_LEASE_MS;
  if (existing.status === "queued" && !stale) return "busy";
  try {
    await db()
      .entities.message.patch({ messageId: message.messageId })
      .set({ status: "queued", claimedAt: at, updatedAt: at })
      .add({ attempts: 1 })
      .where((attr, op) => `${op.eq(attr.status, existing.status)} AND ${op.eq(attr.updatedAt, existing.updatedAt)}`)
      .go();
    return "claimed";
  } catch (error) {
    if (isConditionFailure(error)) return "busy";
    throw error;
  }
}

/** Records the outcome with its announcement (`message.sent`) in one transaction. */
export async function recordSent(messageId: string, outcome: { sesMessageId: string; subjectLine: string }, announcement: StagedEvent): Promise<void> {
  const at = clock.now().toISOString();
  const result = await db()
    .transaction.write(({ message, outboxEvent }) => [
      message.patch({ messageId }).set({ status: "sent", sesMessageId: outcome.sesMessageId, subjectLine: outcome.subjectLine, sentAt: at, updatedAt: at }).remove(["reason"]).commit(),
      outboxEvent.put(announcement.item).commit(),
    ])
    .go();
  if (result.canceled) throw new Error(`Message outcome not recorded: ${cancellationCodes(result)}`);
  await publishStaged([announcement]);
}

export async function recordSuppressed(messageId: string, reason: string): Promise<void> {
  await db().entities.message.patch({ messageId }).set({ status: "suppressed", reason, updatedAt: clock.now().toISOString() }).go();
}

/** Records the failure with its announcement (`message.failed`) in one transaction. */
export async function recordFailed(messageId: string, reason: string, announcement: StagedEvent): Promise<void> {
  const result = await db()
    .transaction.write(({ message, outboxEvent }) => [
      message.patch({ messageId }).set({ status: "failed", reason: reason.slice(0, 500), updatedAt: clock.now().toISOString() }).commit(),
      outboxEvent.put(announcement.item).commit(),
    ])
    .go();
  if (result.canceled) throw new Error(`Message outcome not recorded: ${cancellationCodes(result)}`);
  await publishStaged([announcement]);
}

export async function getMessage(messageId: string): Promise<MessageItem | undefined> {
  return (await db().entities.message.get({ messageId }).go()).data ?? undefined;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/** A recipient's messages, newest first. */
export async function messagesOf(userId: string, options: { limit?: number; cursor?: string | null } = {}): Promise<Page<MessageItem>> {
  const { data, cursor } = await db()
    .entities.message.query.byRecipient({ userId })
    .go({ order: "desc", limit: options.limit ?? 50, cursor: options.cursor ?? null });
  return { items: data, cursor };
}

/** Everything in a month (`YYYY-MM`), newest first. */
export async function messagesInMonth(month: string, options: { limit?: number; cursor?: string | null } = {}): Promise<Page<MessageItem>> {
  const { data, cursor } = await db()
    .entities.message.query.byMonth({ month })
    .go({ order: "desc", limit: options.limit ?? 50, cursor: options.cursor ?? null });
  return { items: data, cursor };
}

/** Every text (not mail) of a month, all pages: the owner's text cost report. */
export async function textsInMonth(month: string): Promise<MessageItem[]> {
  const { data } = await db()
    .entities.message.query.byMonth({ month })
    .where((attr, op) => op.eq(attr.channel, "sms"))
    .go({ pages: "all" });
  return data;
}

/** Erasure: the history of mail to someone is theirs to have removed. */
export async function deleteMessagesOf(userId: string): Promise<number> {
  const { data } = await db().entities.message.query.byRecipient({ userId }).go({ pages: "all" });
  if (data.length) await db().entities.message.delete(data.map(({ messageId }) => ({ messageId }))).go();
  return data.length;
}
