import type { SESv2Client } from "@aws-sdk/client-sesv2";
import { config } from "../config";

/** Imported on first use, not at import (a cold start's module init is the budget, see ./bus.ts). */
let loaded: Promise<{ sdk: typeof import("@aws-sdk/client-sesv2"); client: SESv2Client }> | undefined;
const ses = () => (loaded ??= import("@aws-sdk/client-sesv2").then((sdk) => ({ sdk, client: new sdk.SESv2Client({ region: config.region() }) })));

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  attachments?: Attachment[];
}

/**
 * Sends through SES v2 as a "simple" message: SES builds the MIME itself, carrying our
 * headers (RFC 8058 List-Unsubscribe) and attachments (ICS). Returns SES's message id.
 */
export async function sendMail(mail: OutgoingMail): Promise<string> {
  const { sdk, client } = await ses();
  const result = await client.send(
    new sdk.SendEmailCommand({
      FromEmailAddress: config.mailFrom(),
      Destination: { ToAddresses: [mail.to] },
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: "UTF-8" },
          Body: { Html: { Data: mail.html, Charset: "UTF-8" }, Text: { Data: mail.text, Charset: "UTF-8" } },
          ...(mail.headers && Object.keys(mail.headers).length > 0
            ? { Headers: Object.entries(mail.headers).map(([Name, Value]) => ({ Name, Value })) }
            : {}),
          ...(mail.attachments?.length
            ? {
                Attachments: mail.attachments.map((a) => ({
                  FileName: a.filename,
                  ContentType: a.contentType,
                  ContentDisposition: "ATTACHMENT" as const,
                  RawContent: Buffer.from(a.content, "utf8"),
                })),
              }
            : {}),
        },
      },
    }),
  );
  return result.MessageId ?? "";
}
