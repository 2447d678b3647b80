import { onInboundText, onTextDeliveryEvent, type InboundText, type TextDeliveryEvent } from "./domain/sms/opt-outs";

/**
 * The Lambda entry for what AWS End User Messaging SMS reports through SNS: the
 * configuration set's delivery events (`eventType: TEXT_DELIVERED`, ...) and two-way
 * inbound texts (`originationNumber`, `messageBody`) — a STOP among them opts the number
 * out. SNS delivers at least once; both handlers are idempotent. A record that is
 * neither is skipped, not retried.
 */
export interface SnsEvent {
  Records: { EventSource?: string; Sns: { Message: string; MessageId?: string; TopicArn?: string } }[];
}

export async function handleSmsNotification(message: unknown): Promise<string> {
  if (typeof message !== "object" || message === null) return "ignored";
  if ("eventType" in message) return onTextDeliveryEvent(message as TextDeliveryEvent);
  if ("originationNumber" in message && "messageBody" in message) return (await onInboundText(message as InboundText)).action;
  return "ignored";
}

export async function handler(event: SnsEvent): Promise<void> {
  for (const record of event.Records ?? []) {
    let message: unknown;
    try {
      message = JSON.parse(record.Sns.Message);
    } catch {
      console.warn(`sms notification ${record.Sns.MessageId ?? ""} is not JSON: skipped`);
      continue;
    }
    await handleSmsNotification(message);
  }
}
