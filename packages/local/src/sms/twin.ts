/**
 * Local twin of AWS End User Messaging SMS (the `pinpoint-sms-voice-v2` API), answering
 * the real SDK the way AWS does: AWS JSON 1.0 (`POST /`, `x-amz-target:
 * PinpointSMSVoiceV2.<Operation>`, `application/x-amz-json-1.0`), errors named by
 * `x-amzn-errortype` with AWS's `Reason`/`Fields`. The services reach it through
 * AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2.
 *
 * Operations: SendTextMessage (stores every text; refuses what AWS refuses — a number
 * that is not E.164 → ValidationException INVALID_PARAMETER on DestinationPhoneNumber; a
 * non-UK number from an alphanumeric sender ID → ValidationException
 * INVALID_IDENTITY_FOR_DESTINATION_COUNTRY; a number on the opt-out list →
 * ConflictException DESTINATION_PHONE_NUMBER_OPTED_OUT; a body over 1,600 characters →
 * ValidationException), PutOptedOutNumber, DeleteOptedOutNumber, DescribeOptedOutNumbers
 * and DescribeOptOutLists.
 *
 * What AWS then reports through SNS, the twin hands to `notify` (in the local platform:
 * messaging's SNS handler): a delivery event per text (TEXT_DELIVERED for a UK mobile,
 * TEXT_UNREACHABLE for a landline) carrying the request's Context, and inbound replies
 * typed on the inbox page in the two-way format — a STOP reply also puts the number on
 * the opt-out list, and a START reply takes it off, as AWS does itself.
 *
 * Known gaps: no SigV4 check, no pools/sender-ID resources (any origination identity is
 * accepted), one opt-out list per name created on first use, prices are not computed.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { BodyTooLargeError, close, listen, readBody, sendJson } from "../eventbridge/aws-http";
import { inboxPage, phonePage } from "./inbox-page";
import type { InboundReply, StoredText } from "./messages";

export type { InboundReply, StoredText } from "./messages";

const JSON_10 = "application/x-amz-json-1.0";
const E164 = /^\+[1-9]\d{1,14}$/;
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const OPT_OUT_KEYWORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "OPT-OUT", "REVOKE", "ARRET"]);
const OPT_IN_KEYWORDS = new Set(["START", "UNSTOP"]);

export type SmsNotification = Record<string, unknown>;

export interface SmsTwinOptions {
  port?: number;
  /** What AWS would publish to the SNS topics (delivery events, two-way inbound). */
  notify?: (message: SmsNotification) => Promise<void>;
  now?: () => Date;
}

export interface SmsTwin {
  endpoint: string;
  texts(): StoredText[];
  replies(): InboundReply[];
  optedOut(list?: string): string[];
  /** A reply typed on a phone, as the two-way channel would deliver it. */
  reply(from: string, body: string): Promise<InboundReply>;
  clear(): void;
  /** Resolves once every notification handed to `notify` has been handled. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

class SmsError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const validation = (message: string, reason: string, field?: string) =>
  new SmsError("ValidationException", 400, message, { Reason: reason, ...(field ? { Fields: [{ Name: field, Message: message }] } : {}) });

export async function startSmsTwin(options: SmsTwinOptions = {}): Promise<SmsTwin> {
  const now = options.now ?? (() => new Date());
  const texts: StoredText[] = [];
  const replies: InboundReply[] = [];
  const optOutLists = new Map<string, Map<string, { at: string; endUserOptedOut: boolean }>>([["Default", new Map()]]);
  const pending = new Set<Promise<void>>();

  const list = (name: string | undefined, create = false) => {
    const key = (name ?? "Default").split("/").pop() || "Default";
    let found = optOutLists.get(key);
    if (!found && create) optOutLists.set(key, (found = new Map()));
    if (!found) throw new SmsError("ResourceNotFoundException", 404, `Opt-out list ${key} does not exist.`, { ResourceType: "opt-out-list", ResourceId: key });
    return found;
  };

  const notify = (message: SmsNotification) => {
    if (!options.notify) return;
    const job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => options.notify!(message))
      .catch((error) => console.warn(`sms twin: notification failed: ${error instanceof Error ? error.message : error}`))
      .finally(() => pending.delete(job));
    pending.add(job);
  };

  function sendTextMessage(input: Record<string, unknown>) {
    const to = input.DestinationPhoneNumber;
    const body = input.MessageBody;
    if (typeof to !== "string" || !E164.test(to)) {
      throw validation(`Invalid destination phone number: ${String(to)}. Use E.164 format.`, "INVALID_PARAMETER", "DestinationPhoneNumber");
    }
    if (typeof body !== "string" || body.length === 0) throw validation("MessageBody is required.", "MISSING_PARAMETER", "MessageBody");
    if (body.length > 1600) throw validation("MessageBody must be 1600 characters or fewer.", "INVALID_PARAMETER", "MessageBody");
    const from = typeof input.OriginationIdentity === "string" ? input.OriginationIdentity : "Default";
    if (!to.startsWith("+44") && ALPHANUMERIC_SENDER.test(from)) {
      throw validation(`The origination identity ${from} cannot send to the destination country of ${to}.`, "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY", "OriginationIdentity");
    }
    if (list("Default").has(to)) {
      throw new SmsError("ConflictException", 400, `The destination phone number ${to} is opted out.`, {
        Reason: "DESTINATION_PHONE_NUMBER_OPTED_OUT",
        ResourceType: "opt-out-list",
        ResourceId: "Default",
      });
    }
    const messageId = randomUUID();
    const mobile = /^\+447\d{9}$/.test(to);
    const text: StoredText = {
      messageId,
      to,
      from,
      body,
      messageType: typeof input.MessageType === "string" ? input.MessageType : "TRANSACTIONAL",
      configurationSet: typeof input.ConfigurationSetName === "string" ? input.ConfigurationSetName : undefined,
      context: input.Context && typeof input.Context === "object" ? (input.Context as Record<string, string>) : undefined,
      at: now().toISOString(),
      deliveryEvent: mobile ? "TEXT_DELIVERED" : "TEXT_UNREACHABLE",
    };
    texts.push(text);
    if (text.configurationSet) {
      const gsm = /^[\x20-\x7e\n\r£€]*$/.test(body);
      notify({
        eventType: text.deliveryEvent,
        eventVersion: "1.0",
        eventTimestamp: now().getTime(),
        isFinal: true,
        originationPhoneNumber: from,
        destinationPhoneNumber: to,
        isoCountryCode: to.startsWith("+44") ? "GB" : "ZZ",
        messageId,
        messageRequestTimestamp: Date.parse(text.at),
        messageEncoding: gsm ? "GSM" : "UCS2",
        messageType: text.messageType,
        messageStatus: mobile ? "DELIVERED" : "UNREACHABLE",
        messageStatusDescription: mobile ? "Message has been accepted by phone" : "The destination phone number cannot receive text messages",
        totalMessageParts: 1,
        ...(text.context ? { context: text.context } : {}),
      });
    }
    return { MessageId: messageId };
  }

  const numberOf = (input: Record<string, unknown>) => {
    const number = input.OptedOutNumber;
    if (typeof number !== "string" || !E164.test(number)) throw validation(`Invalid phone number: ${String(number)}.`, "INVALID_PARAMETER", "OptedOutNumber");
    return number;
  };

  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    SendTextMessage: sendTextMessage,
    PutOptedOutNumber: (input) => {
      const name = String(input.OptOutListName ?? "Default");
      const number = numberOf(input);
      const entries = list(name, true);
      const at = now().toISOString();
      if (!entries.has(number)) entries.set(number, { at, endUserOptedOut: false });
      return { OptOutListArn: `arn:aws:sms-voice:eu-west-2:000000000000:opt-out-list/${name}`, OptOutListName: name, OptedOutNumber: number, OptedOutTimestamp: Date.parse(entries.get(number)!.at) / 1000, EndUserOptedOut: entries.get(number)!.endUserOptedOut };
    },
    DeleteOptedOutNumber: (input) => {
      const name = String(input.OptOutListName ?? "Default");
      const number = numberOf(input);
      const entries = list(name);
      const entry = entries.get(number);
      if (!entry) throw new SmsError("ResourceNotFoundException", 404, `${number} is not in opt-out list ${name}.`, { ResourceType: "opted-out-number", ResourceId: number });
      entries.delete(number);
      return { OptOutListArn: `arn:aws:sms-voice:eu-west-2:000000000000:opt-out-list/${name}`, OptOutListName: name, OptedOutNumber: number, OptedOutTimestamp: Date.parse(entry.at) / 1000, EndUserOptedOut: entry.endUserOptedOut };
    },
    DescribeOptedOutNumbers: (input) => {
      const name = String(input.OptOutListName ?? "Default");
      const wanted = Array.isArray(input.OptedOutNumbers) ? new Set(input.OptedOutNumbers as string[]) : undefined;
      const entries = [...list(name).entries()].filter(([number]) => !wanted || wanted.has(number));
      return {
        OptOutListArn: `arn:aws:sms-voice:eu-west-2:000000000000:opt-out-list/${name}`,
        OptOutListName: name,
        OptedOutNumbers: entries.map(([number, e]) => ({ OptedOutNumber: number, OptedOutTimestamp: Date.parse(e.at) / 1000, EndUserOptedOut: e.endUserOptedOut })),
      };
    },
    DescribeOptOutLists: () => ({
      OptOutLists: [...optOutLists.keys()].map((name) => ({ OptOutListArn: `arn:aws:sms-voice:eu-west-2:000000000000:opt-out-list/${name}`, OptOutListName: name, CreatedTimestamp: 0 })),
    }),
  };

  async function reply(from: string, body: string): Promise<InboundReply> {
    const sender = [...texts].reverse().find((t) => t.to === from)?.from ?? "Default";
    const inbound: InboundReply = { inboundMessageId: randomUUID(), from, to: sender, body, at: now().toISOString() };
    replies.push(inbound);
    if (OPT_OUT_KEYWORDS.has(body.trim().toUpperCase())) {
      const entries = list("Default");
      if (!entries.has(from)) entries.set(from, { at: inbound.at, endUserOptedOut: true });
    } else if (OPT_IN_KEYWORDS.has(body.trim().toUpperCase())) {
      list("Default").delete(from);
    }
    const previous = [...texts].reverse().find((t) => t.to === from);
    notify({
      originationNumber: from,
      destinationNumber: sender,
      messageKeyword: `KEYWORD_${body.trim().split(/\s+/)[0]?.toUpperCase() ?? ""}`,
      messageBody: body,
      inboundMessageId: inbound.inboundMessageId,
      previousPublishedMessageId: previous?.messageId ?? "",
    });
    return inbound;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers["x-amz-target"] ?? "");
    const [service, operation] = target.split(".");
    try {
      const raw = await readBody(req, 1_000_000);
      if (service !== "PinpointSMSVoiceV2" || !operation || !operations[operation]) {
        throw new SmsError("UnknownOperationException", 400, `Operation ${target || "(none)"} is not supported by the local SMS twin.`);
      }
      let input: Record<string, unknown>;
      try {
        input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        throw new SmsError("SerializationException", 400, "Request body is not JSON.");
      }
      sendJson(res, 200, operations[operation](input), JSON_10);
    } catch (error) {
      if (error instanceof SmsError) {
        sendJson(res, error.status, { __type: error.type, message: error.message, Message: error.message, ...error.extra }, JSON_10, error.type);
        return;
      }
      const status = error instanceof BodyTooLargeError ? 413 : 500;
      sendJson(res, status, { __type: "InternalServerException", message: String(error) }, JSON_10, "InternalServerException");
    }
  }

  async function handlePage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const html = (status: number, page: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(page);
    };
    if (req.method === "GET" && url.pathname === "/") return html(200, inboxPage(texts, [...list("Default").keys()]));
    if (req.method === "GET" && url.pathname === "/phone") {
      const number = url.searchParams.get("number") ?? "";
      return html(200, phonePage(number, texts.filter((t) => t.to === number), replies.filter((r) => r.from === number), list("Default").has(number)));
    }
    if (req.method === "POST" && url.pathname === "/reply") {
      const form = new URLSearchParams(await readBody(req, 10_000));
      const number = form.get("number") ?? "";
      const body = (form.get("body") ?? "").trim();
      if (E164.test(number) && body) await reply(number, body);
      res.writeHead(303, { location: `/phone?number=${encodeURIComponent(number)}` });
      res.end();
      return;
    }
    if (req.method === "GET" && url.pathname === "/store") {
      return sendJson(res, 200, { texts, replies, optedOut: Object.fromEntries([...optOutLists].map(([name, entries]) => [name, [...entries.keys()]])) }, "application/json");
    }
    if (req.method === "POST" && url.pathname === "/clear-store") {
      texts.length = 0;
      replies.length = 0;
      return sendJson(res, 200, { cleared: true }, "application/json");
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found");
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "POST" && url.pathname === "/" && req.headers["x-amz-target"]) void handleApi(req, res);
    else void handlePage(req, res, url).catch((error) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  const endpoint = await listen(server, options.port ?? 0);

  return {
    endpoint,
    texts: () => [...texts],
    replies: () => [...replies],
    optedOut: (name = "Default") => [...list(name, true).keys()],
    reply,
    clear: () => {
      texts.length = 0;
      replies.length = 0;
    },
    idle: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    stop: async () => {
      await Promise.all([...pending]);
      await close(server);
    },
  };
}
