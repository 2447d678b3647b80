import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { config } from "../config";

let client: SESv2Client | undefined;
const ses = () => (client ??= new SESv2Client({ region: config.region() }));

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
  const result = await ses().send(
    new SendEmailCommand({
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
