import { Events } from "@mas/core/events/catalogue";
import { stageEvent } from "@mas/core/outbox/outbox";
import { sendMail, type Attachment } from "@mas/core/ports/mailer";
import { composeEmail } from "./compose";
import type { MergeData } from "./fields";
import { claimMessage, recordFailed, recordSent, recordSuppressed } from "./history";
import { unsubscribeMailbox } from "@mas/core/practice";
import { clinicDetails } from "@mas/booking/read";
import { marketingBlock, type Recipient } from "./recipients";
import { requireDefinition, templateOverride } from "./template-store";
import { unsubscribeTokenFor } from "./unsubscribes";
import { siteLinks } from "@mas/core/links";

/**
 * Sends one templated mail at most once per `messageId` (see history.ts for the claim).
 * Marketing mail is checked against consent and unsubscribes at the moment of sending —
 * not when it was scheduled — and carries the one-click unsubscribe.
 */
export interface DeliveryRequest {
  /** Deterministic: the same cause must give the same id (event id + template, schedule + due time, ...). */
  messageId: string;
  template: string;
  recipient: Recipient;
  data?: MergeData;
  related?: { type: string; id: string };
  dueAt?: string;
  attachments?: Attachment[];
}

export type DeliveryOutcome = { status: "sent"; sesMessageId: string } | { status: "duplicate" } | { status: "suppressed"; reason: string };

/** Another delivery of the same message is at work: throw so the event is retried later. */
export class DeliveryInProgress extends Error {
  constructor(messageId: string) {
    super(`Message ${messageId} is being sent by another delivery`);
    this.name = "DeliveryInProgress";
  }
}

export async function deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
  const definition = requireDefinition(request.template);
  const { recipient, messageId } = request;
  const claim = await claimMessage({
    messageId,
    userId: recipient.userId,
    email: recipient.email,
    template: definition.key,
    purpose: definition.purpose,
    relatedType: request.related?.type,
    relatedId: request.related?.id,
    dueAt: request.dueAt,
  });
  if (claim === "done") return { status: "duplicate" };
  if (claim === "busy") throw new DeliveryInProgress(messageId);

  const practice = await clinicDetails();
  let unsubscribe: { url: string; mailto: string } | undefined;
  if (definition.purpose === "marketing") {
    const blocked = await marketingBlock(recipient);
    if (blocked) {
      await recordSuppressed(messageId, blocked);
      return { status: "suppressed", reason: blocked };
    }
    const token = await unsubscribeTokenFor(recipient);
    unsubscribe = { url: siteLinks(practice.siteUrl).unsubscribe(token), mailto: `mailto:${unsubscribeMailbox(practice)}?subject=unsubscribe` };
  }

  const mail = composeEmail({
    definition,
    override: await templateOverride(definition.key),
    data: { ...request.data, client: { firstName: recipient.firstName, email: recipient.email } },
    practice,
    unsubscribe,
  });
  let sesMessageId: string;
  try {
    sesMessageId = await sendMail({ to: recipient.email, subject: mail.subject, html: mail.html, text: mail.text, headers: mail.headers, attachments: request.attachments });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await recordFailed(messageId, reason, stageEvent(Events.MessageFailed, { messageId, userId: recipient.userId, template: definition.key, reason: reason.slice(0, 200) }));
    throw error;
  }
  await recordSent(messageId, { sesMessageId, subjectLine: mail.subject }, stageEvent(Events.MessageSent, { messageId, userId: recipient.userId, template: definition.key }));
  return { status: "sent", sesMessageId };
}
