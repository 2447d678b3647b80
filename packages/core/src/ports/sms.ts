import {
  ConflictException,
  DeleteOptedOutNumberCommand,
  PinpointSMSVoiceV2Client,
  PutOptedOutNumberCommand,
  ResourceNotFoundException,
  SendTextMessageCommand,
  ValidationException,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { config } from "../config";

let client: PinpointSMSVoiceV2Client | undefined;
/** Locally the SDK reads AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 (packages/local's SMS twin). */
const sms = () => (client ??= new PinpointSMSVoiceV2Client({ region: config.region() }));

export type SmsMessageType = "TRANSACTIONAL" | "PROMOTIONAL";

export interface OutgoingText {
  /** E.164 (`+447700900123`). */
  to: string;
  body: string;
  messageType: SmsMessageType;
  /** Echoed back in the configuration set's delivery events: our message id goes here. */
  context?: Record<string, string>;
}

/** A text the API refused for a reason retrying will not fix (the number, the opt-out list). */
export class TextRefused extends Error {
  constructor(
    readonly reason: "opted_out" | "invalid_number" | "not_allowed_for_destination" | "invalid_request",
    message: string,
  ) {
    super(message);
    this.name = "TextRefused";
  }
}

/**
 * Sends one SMS with SendTextMessage from the configured origination identity (marketing
 * from the marketing one, which can take STOP replies) through the configuration set that
 * reports delivery. Answers AWS's message id. Refusals that a retry cannot fix become
 * `TextRefused`; throttling and server errors are thrown as they are (the event is retried).
 */
export async function sendText(text: OutgoingText): Promise<string> {
  const configurationSet = config.smsConfigurationSet();
  try {
    const result = await sms().send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: text.to,
        OriginationIdentity: text.messageType === "PROMOTIONAL" ? config.smsMarketingOriginationIdentity() : config.smsOriginationIdentity(),
        MessageBody: text.body,
        MessageType: text.messageType,
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        ...(text.context ? { Context: text.context } : {}),
      }),
    );
    return result.MessageId ?? "";
  } catch (error) {
    if (error instanceof ConflictException && error.Reason === "DESTINATION_PHONE_NUMBER_OPTED_OUT") {
      throw new TextRefused("opted_out", error.message);
    }
    if (error instanceof ValidationException) {
      const reason = error.Reason === "INVALID_IDENTITY_FOR_DESTINATION_COUNTRY" || error.Reason === "DESTINATION_COUNTRY_BLOCKED"
        ? "not_allowed_for_destination"
        : error.Fields?.some((f) => f.Name === "DestinationPhoneNumber") ? "invalid_number" : "invalid_request";
      throw new TextRefused(reason, error.message);
    }
    throw error;
  }
}

/** Adds a number to the opt-out list (AWS also does this itself when a STOP reply arrives). */
export async function optOutNumber(phone: string): Promise<void> {
  await sms().send(new PutOptedOutNumberCommand({ OptOutListName: config.smsOptOutList(), OptedOutNumber: phone }));
}

/** Takes a number off the opt-out list after its owner consented again; not being on it is fine. */
export async function optInNumber(phone: string): Promise<void> {
  try {
    await sms().send(new DeleteOptedOutNumberCommand({ OptOutListName: config.smsOptOutList(), OptedOutNumber: phone }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}
