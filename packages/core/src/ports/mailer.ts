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

/** Builds a MIME message so headers (List-Unsubscribe) and attachments (ICS) travel with it. */
export function toMime(mail: OutgoingMail, from: string): string {
  const boundary = `mas-${Math.random().toString(36).slice(2)}`;
  const alt = `${boundary}-alt`;
  const encode = (s: string) => Buffer.from(s, "utf8").toString("base64").replace(/.{76}/g, "$&\r\n");
  const lines = [
    `From: ${from}`,
    `To: ${mail.to}`,
    `Subject: =?UTF-8?B?${Buffer.from(mail.subject, "utf8").toString("base64")}?=`,
    "MIME-Version: 1.0",
    ...Object.entries(mail.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    "",
    `--${alt}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    encode(mail.text),
    `--${alt}`,
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    encode(mail.html),
    `--${alt}--`,
  ];
  for (const attachment of mail.attachments ?? []) {
    lines.push(
      `--${boundary}`,
      `Content-Type: ${attachment.contentType}; name="${attachment.filename}"`,
      `Content-Disposition: attachment; filename="${attachment.filename}"`,
      "Content-Transfer-Encoding: base64",
      "",
      encode(attachment.content),
    );
  }
  lines.push(`--${boundary}--`, "");
  return lines.join("\r\n");
}

/** Sends through SES v2 as a raw message; returns SES's message id. */
export async function sendMail(mail: OutgoingMail): Promise<string> {
  const from = config.mailFrom();
  const result = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [mail.to] },
      Content: { Raw: { Data: Buffer.from(toMime(mail, from), "utf8") } },
    }),
  );
  return result.MessageId ?? "";
}
