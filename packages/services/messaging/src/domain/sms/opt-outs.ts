import { cancellationCodes } from "@mas/core/db/transactions";
import { isConditionFailure } from "@mas/core/db/conditions";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { optInNumber, optOutNumber } from "@mas/core/ports/sms";
import { clock } from "@mas/core/shared/clock";
import { db } from "../../entities";
import { optInKeyword, optOutKeyword } from "./consent";
import { ukMobileE164 } from "./numbers";

/**
 * The opt-out list and what AWS tells us about texts: a STOP reply (two-way SMS, delivered
 * through SNS) opts the number out — in messaging's list and the AWS opt-out list — and
 * announces `sms.opted_out` through the outbox, on which booking withdraws the SMS
 * consents of everyone texted at that number. A START reply from an opted-out number
 * mirrors it: off both lists, and `sms.opted_in`, on which booking restores the SMS
 * consent (not the marketing one: offers need their own yes). Delivery events of the configuration set
 * (also SNS) set each text's delivery status in the history.
 */
export async function optedOutAt(phone: string): Promise<string | null> {
  const { data } = await db().entities.smsNumber.get({ phone }).go({ consistent: true });
  if (!data?.optedOutAt) return null;
  if (data.optedInAt && data.optedInAt > data.optedOutAt) return null;
  return data.optedOutAt;
}

/** Remembers who was texted at a number, so a STOP from it knows whose consent it withdraws. */
export async function noteTextedNumber(phone: string, userId: string): Promise<void> {
  await db().entities.smsNumber.upsert({ phone, updatedAt: clock.now().toISOString() }).add({ userIds: [userId] }).go();
}

export async function recordOptIn(phone: string, at: string): Promise<void> {
  await db().entities.smsNumber.upsert({ phone, optedInAt: at, updatedAt: at }).go();
}

/** A two-way inbound text as SNS carries it (AWS End User Messaging SMS two-way format). */
export interface InboundText {
  originationNumber: string;
  destinationNumber?: string;
  messageBody: string;
  inboundMessageId?: string;
  previousPublishedMessageId?: string;
}

export type InboundOutcome =
  | { action: "opted_out" | "opted_in"; phone: string; userIds: string[] }
  | { action: "already_opted_out" | "not_opted_out" }
  | { action: "ignored"; reason: string };

export async function onInboundText(inbound: InboundText): Promise<InboundOutcome> {
  const keyword = optOutKeyword(inbound.messageBody);
  const startKeyword = keyword ? undefined : optInKeyword(inbound.messageBody);
  if (!keyword && !startKeyword) return { action: "ignored", reason: "not_a_keyword" };
  const phone = ukMobileE164(inbound.originationNumber) ?? inbound.originationNumber;
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return { action: "ignored", reason: "not_a_number" };
  if (startKeyword) return optIn(phone, startKeyword);
  if (!keyword) return { action: "ignored", reason: "not_a_keyword" };
  const optedOut = await optOut(phone, keyword);
  // The AWS list too (AWS adds STOP senders itself; saying it again is harmless and covers a self-managed list).
  await optOutNumber(phone);
  return optedOut;
}

async function optOut(phone: string, keyword: string): Promise<InboundOutcome> {
  const { data: current } = await db().entities.smsNumber.get({ phone }).go({ consistent: true });
  const already = current?.optedOutAt && !(current.optedInAt && current.optedInAt > current.optedOutAt);
  if (already) return { action: "already_opted_out" };
  const at = clock.now().toISOString();
  const userIds = [...(current?.userIds ?? [])].sort();
  const announcement = stageEvent(Events.SmsOptedOut, { phone, userIds, keyword, optedOutAt: at });
  const unchanged = current ? current.updatedAt : undefined;
  const result = await db()
    .transaction.write(({ smsNumber, outboxEvent }) => [
      current
        ? smsNumber
            .patch({ phone })
            .set({ optedOutAt: at, keyword, updatedAt: at })
            .where((attr, op) => op.eq(attr.updatedAt, unchanged!))
            .commit()
        : smsNumber.create({ phone, optedOutAt: at, keyword, updatedAt: at }).commit(),
      outboxEvent.put(announcement.item).commit(),
    ])
    .go();
  if (result.canceled) {
    // Another STOP (or a send noting the number) got there first: the retry reads it again.
    throw new Error(`Opt-out of ${phone} not recorded: ${cancellationCodes(result)}`);
  }
  await publishStaged([announcement]);
  return { action: "opted_out", phone, userIds };
}

/** START from a number on the opt-out list: off it (ours, in the same transaction as the announcement, and AWS's). */
async function optIn(phone: string, keyword: string): Promise<InboundOutcome> {
  const { data: current } = await db().entities.smsNumber.get({ phone }).go({ consistent: true });
  const optedOut = current?.optedOutAt && !(current.optedInAt && current.optedInAt > current.optedOutAt);
  if (!current || !optedOut) return { action: "not_opted_out" };
  const at = clock.now().toISOString();
  const userIds = [...(current.userIds ?? [])].sort();
  const announcement = stageEvent(Events.SmsOptedIn, { phone, userIds, keyword, optedInAt: at });
  const result = await db()
    .transaction.write(({ smsNumber, outboxEvent }) => [
      smsNumber
        .patch({ phone })
        .set({ optedInAt: at, updatedAt: at })
        .where((attr, op) => op.eq(attr.updatedAt, current.updatedAt))
        .commit(),
      outboxEvent.put(announcement.item).commit(),
    ])
    .go();
  if (result.canceled) throw new Error(`Opt-in of ${phone} not recorded: ${cancellationCodes(result)}`);
  await publishStaged([announcement]);
  await optInNumber(phone);
  return { action: "opted_in", phone, userIds };
}

/** The configuration set's event (SNS destination), as End User Messaging SMS sends it. */
export interface TextDeliveryEvent {
  eventType: string;
  messageId?: string;
  messageStatus?: string;
  messageStatusDescription?: string;
  eventTimestamp?: number;
  isFinal?: boolean;
  context?: Record<string, string>;
}

const DELIVERED = new Set(["TEXT_DELIVERED"]);
const NOT_DELIVERED = new Set([
  "TEXT_BLOCKED",
  "TEXT_TTL_EXPIRED",
  "TEXT_CARRIER_UNREACHABLE",
  "TEXT_INVALID",
  "TEXT_INVALID_MESSAGE",
  "TEXT_UNREACHABLE",
  "TEXT_CARRIER_BLOCKED",
  "TEXT_SPAM",
  "TEXT_UNKNOWN",
  "TEXT_PROTECT_BLOCKED",
]);

/** Sets the text's delivery status; pending/queued/successful (handed to the carrier) say nothing final. */
export async function onTextDeliveryEvent(event: TextDeliveryEvent): Promise<"recorded" | "ignored"> {
  const messageId = event.context?.messageId;
  if (!messageId) return "ignored";
  const delivered = DELIVERED.has(event.eventType);
  if (!delivered && !NOT_DELIVERED.has(event.eventType)) return "ignored";
  const at = new Date(event.eventTimestamp ?? clock.now().getTime()).toISOString();
  try {
    await db()
      .entities.message.patch({ messageId })
      .set({
        deliveryStatus: delivered ? "delivered" : "failed",
        deliveryDetail: `${event.eventType}${event.messageStatusDescription ? `: ${event.messageStatusDescription}` : ""}`.slice(0, 300),
        ...(delivered ? { deliveredAt: at } : {}),
      })
      .go();
    return "recorded";
  } catch (error) {
    // A delivery event for a message erased since (or never ours) has nothing to update.
    if (isConditionFailure(error)) return "ignored";
    throw error;
  }
}
