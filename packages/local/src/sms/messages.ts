/** What the SMS twin keeps: the texts AWS End User Messaging would have sent, and the replies phones sent back. */
export interface StoredText {
  messageId: string;
  to: string;
  from: string;
  body: string;
  messageType: string;
  configurationSet?: string;
  context?: Record<string, string>;
  at: string;
  deliveryEvent: string;
}

export interface InboundReply {
  inboundMessageId: string;
  from: string;
  to: string;
  body: string;
  at: string;
}
