import { createHash } from "node:crypto";
import { getActiveUser } from "@mas/accounts/read";
import { clinicDetails, profileOf } from "@mas/booking/read";
import { cancellationCodes } from "@mas/core/db/transactions";
import { isConditionFailure } from "@mas/core/db/conditions";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { scheduleEvent } from "@mas/core/ports/scheduler";
import { TextRefused, optInNumber, sendText } from "@mas/core/ports/sms";
import { clock } from "@mas/core/shared/clock";
import { db } from "../../entities";
import { DeliveryInProgress } from "../delivery";
import { claimMessage, getMessage, recordFailed, recordSuppressed } from "../history";
import { textDecision, type TextDecision } from "./consent";
import { ukMobileE164 } from "./numbers";
import { marketingSendTime } from "./quiet-hours";
import { costInPence, countSegments } from "./segments";
import { noteTextedNumber, optedOutAt, recordOptIn } from "./opt-outs";
import { TEXT_KINDS, needsTwoHourChoice, renderText, type TextData, type TextKind } from "./texts";

/**
 * Sends one text at most once per `messageId`, with the mail's send-once claim
 * (history.ts): the history item is claimed first, consent is read at the moment of
 * sending, the text goes through SendTextMessage with our message id in its context (so
 * the delivery events find the history item), and the outcome is recorded with
 * `message.sent`/`message.failed` in the same transaction (outbox).
 *
 * A marketing text due in quiet hours is not sent but *deferred*: its history item says
 * so and a `reminder.due` (workflow `sms`) schedule brings it back at the next 09:00,
 * when consent and the subject are read again.
 */
export interface SmsSettings {
  /** Price of one UK segment, whole pence (the owner's report). */
  pencePerSegment: number;
}

export interface TextRequest {
  messageId: string;
  kind: TextKind;
  userId: string;
  /** What the text says of its subject; the first name and the clinic's name are read when it goes. */
  data: Omit<TextData, "firstName" | "practiceName">;
  related?: { type: string; id: string };
  dueAt?: string;
}

const NOT_ASKED = new Set<string>(["no_mobile_number", "no_sms_consent", "no_marketing_consent", "no_two_hour_choice"]);

export type TextOutcome =
  | { status: "sent"; smsMessageId: string }
  | { status: "duplicate" }
  | { status: "suppressed"; reason: string }
  | { status: "deferred"; until: string }
  | { status: "failed"; reason: string };

async function consentFacts(userId: string, phone: string | undefined) {
  const profile = await profileOf(userId);
  const e164 = ukMobileE164(phone) ?? null;
  return {
    phone: e164,
    sms: profile.consents.sms,
    marketingSms: profile.consents.marketingSms,
    smsTwoHour: profile.consents.smsTwoHour,
    optedOutAt: e164 ? await optedOutAt(e164) : null,
  };
}

export async function decideText(kind: TextKind, userId: string): Promise<TextDecision & { user?: { firstName: string; email: string } }> {
  const user = await getActiveUser(userId);
  if (!user) return { send: false, reason: "no_mobile_number" };
  const decision = textDecision(TEXT_KINDS[kind].purpose, await consentFacts(userId, user.phone), { needsTwoHourChoice: needsTwoHourChoice(kind) });
  return { ...decision, user: { firstName: user.firstName, email: user.email } };
}

/** Schedule names allow 64 characters of [0-9A-Za-z_.-]: a deferred text's is a hash of its message id. */
export function deferredScheduleName(messageId: string): string {
  return `sms-${createHash("sha256").update(messageId).digest("hex").slice(0, 40)}`;
}

export async function textUser(request: TextRequest, settings: SmsSettings): Promise<TextOutcome> {
  const user = await getActiveUser(request.userId);
  if (!user) return { status: "suppressed", reason: "recipient_unknown" };
  const purpose = TEXT_KINDS[request.kind].purpose;
  // Someone who never asked for texts (or has no mobile) gets no "not sent" line per text in
  // their history; a text held back for a reason they would want to see (STOP, length) does.
  const early = await decideText(request.kind, request.userId);
  if (!early.send && NOT_ASKED.has(early.reason)) return { status: "suppressed", reason: early.reason };
  const claim = await claimMessage({
    messageId: request.messageId,
    userId: request.userId,
    email: user.email,
    channel: "sms",
    template: `sms.${request.kind}`,
    purpose,
    relatedType: request.related?.type,
    relatedId: request.related?.id,
    dueAt: request.dueAt,
  });
  if (claim === "done") return { status: "duplicate" };
  if (claim === "busy") throw new DeliveryInProgress(request.messageId);
  return sendClaimed(request, settings);
}

/** The claimed history item exists (queued): decide, defer, or send. */
async function sendClaimed(request: TextRequest, settings: SmsSettings): Promise<TextOutcome> {
  const { messageId, kind } = request;
  const decision = await decideText(kind, request.userId);
  if (!decision.send || !decision.user) {
    const reason = decision.send ? "recipient_unknown" : decision.reason;
    await recordSuppressed(messageId, reason);
    return { status: "suppressed", reason };
  }
  const now = clock.now();
  if (TEXT_KINDS[kind].purpose === "marketing") {
    const until = marketingSendTime(now);
    if (until.getTime() !== now.getTime()) return defer(messageId, until, decision.phone);
  }
  return sendNow(request, { phone: decision.phone, firstName: decision.user.firstName, reOptIn: decision.reOptIn }, settings);
}

/** The text is decided: render, count and record its segments and cost, send, record the outcome. */
async function sendNow(request: TextRequest, decision: { phone: string; firstName: string; reOptIn: boolean }, settings: SmsSettings): Promise<TextOutcome> {
  const { messageId, kind } = request;
  const now = clock.now();
  // The clinic's name as the owner saved it (booking's business profile), as the mails take it.
  const body = renderText(kind, { ...request.data, firstName: decision.firstName, practiceName: (await clinicDetails()).name });
  const count = countSegments(body);
  const cost = costInPence(count, settings.pencePerSegment);
  const facts = { phone: decision.phone, body, encoding: count.encoding, segments: count.segments, costInPence: cost };
  await db().entities.message.patch({ messageId }).set(facts).go();
  if (count.segments > TEXT_KINDS[kind].maxSegments) {
    await recordSuppressed(messageId, "over_segment_cap");
    return { status: "suppressed", reason: "over_segment_cap" };
  }
  if (decision.reOptIn) {
    await optInNumber(decision.phone);
    await recordOptIn(decision.phone, now.toISOString());
  }
  const template = `sms.${kind}`;
  let smsMessageId: string;
  try {
    smsMessageId = await sendText({
      to: decision.phone,
      body,
      messageType: TEXT_KINDS[kind].purpose === "marketing" ? "PROMOTIONAL" : "TRANSACTIONAL",
      context: { messageId: messageId.slice(0, 256) },
    });
  } catch (error) {
    const reason = error instanceof TextRefused ? `sms.${error.reason}: ${error.message}` : error instanceof Error ? error.message : String(error);
    if (error instanceof TextRefused && error.reason === "opted_out") {
      await recordSuppressed(messageId, "opted_out");
      return { status: "suppressed", reason: "opted_out" };
    }
    await recordFailed(messageId, reason, stageEvent(Events.MessageFailed, { messageId, userId: request.userId, template, reason: reason.slice(0, 200) }));
    // A refusal is final (a retry sends the same number the same text); anything else is retried.
    if (error instanceof TextRefused) return { status: "failed", reason };
    throw error;
  }
  await recordTextSent(messageId, smsMessageId, stageEvent(Events.MessageSent, { messageId, userId: request.userId, template }));
  await noteTextedNumber(decision.phone, request.userId);
  return { status: "sent", smsMessageId };
}

/**
 * A text to the owner about her own clinic (her alerts): to the number she gave in the
 * clinic settings, on her choice there — no client consent applies. Sent once per
 * `messageId`, like every text; a number that replied STOP is still refused by AWS.
 */
export interface OwnerTextRequest extends TextRequest {
  phone: string;
  email: string;
  firstName: string;
}

export async function textOwner(request: OwnerTextRequest, settings: SmsSettings): Promise<TextOutcome> {
  const claim = await claimMessage({
    messageId: request.messageId,
    userId: request.userId,
    email: request.email,
    channel: "sms",
    template: `sms.${request.kind}`,
    purpose: "transactional",
    relatedType: request.related?.type,
    relatedId: request.related?.id,
  });
  if (claim === "done") return { status: "duplicate" };
  if (claim === "busy") throw new DeliveryInProgress(request.messageId);
  return sendNow(request, { phone: request.phone, firstName: request.firstName, reOptIn: false }, settings);
}

async function recordTextSent(messageId: string, smsMessageId: string, announcement: ReturnType<typeof stageEvent>): Promise<void> {
  const at = clock.now().toISOString();
  const result = await db()
    .transaction.write(({ message, outboxEvent }) => [
      message.patch({ messageId }).set({ status: "sent", smsMessageId, sentAt: at, updatedAt: at }).remove(["reason", "sendAfter"]).commit(),
      outboxEvent.put(announcement.item).commit(),
    ])
    .go();
  if (result.canceled) throw new Error(`Text outcome not recorded: ${cancellationCodes(result)}`);
  await publishStaged([announcement]);
}

async function defer(messageId: string, until: Date, phone: string): Promise<TextOutcome> {
  const sendAfter = until.toISOString();
  await db().entities.message.patch({ messageId }).set({ status: "deferred", phone, sendAfter, reason: "quiet_hours", updatedAt: clock.now().toISOString() }).go();
  await scheduleEvent({
    name: deferredScheduleName(messageId),
    at: until,
    event: Events.ReminderDue,
    data: { workflow: "sms", step: "send", subjectId: messageId, scheduledFor: sendAfter },
  });
  return { status: "deferred", until: sendAfter };
}

/**
 * A deferred text's schedule fired: take the item back from `deferred` (conditionally,
 * so a second firing does nothing), re-check its subject with `stillWanted`, and send —
 * or defer again if it is somehow still quiet hours.
 */
export async function sendDeferredText(
  messageId: string,
  rebuild: (message: NonNullable<Awaited<ReturnType<typeof getMessage>>>) => Promise<TextRequest | { skip: string }>,
  settings: SmsSettings,
): Promise<TextOutcome> {
  const message = await getMessage(messageId);
  if (!message || message.status !== "deferred") return { status: "duplicate" };
  const at = clock.now().toISOString();
  try {
    await db()
      .entities.message.patch({ messageId })
      .set({ status: "queued", claimedAt: at, updatedAt: at })
      .add({ attempts: 1 })
      .where((attr, op) => op.eq(attr.status, "deferred"))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return { status: "duplicate" };
    throw error;
  }
  const request = await rebuild(message);
  if ("skip" in request) {
    await recordSuppressed(messageId, request.skip);
    return { status: "suppressed", reason: request.skip };
  }
  return sendClaimed(request, settings);
}
