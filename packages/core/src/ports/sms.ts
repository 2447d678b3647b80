import type { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { config } from "../config";

/**
 * Imported on first use, not at import (a cold start's module init is the budget, see
 * ./bus.ts). Locally the SDK reads AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 (packages/local's SMS twin).
 */
let loaded: Promise<{ sdk: typeof import("@aws-sdk/client-pinpoint-sms-voice-v2"); client: PinpointSMSVoiceV2Client }> | undefined;
const sms = () =>
  (loaded ??= import("@aws-sdk/client-pinpoint-sms-voice-v2").then((sdk) => ({ sdk, client: new sdk.PinpointSMSVoiceV2Client({ region: config.region() }) })));

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
  const { sdk, client } = await sms();
  try {
    const result = await client.send(
      new sdk.SendTextMessageCommand({
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
    if (error instanceof sdk.ConflictException && error.Reason === "DESTINATION_PHONE_NUMBER_OPTED_OUT") {
      throw new TextRefused("opted_out", error.message);
    }
    if (error instanceof sdk.ValidationException) {
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
  const { sdk, client } = await sms();
  await client.send(new sdk.PutOptedOutNumberCommand({ OptOutListName: config.smsOptOutList(), OptedOutNumber: phone }));
}

/** Takes a number off the opt-out list after its owner consented again; not being on it is fine. */
export async function optInNumber(phone: string): Promise<void> {
  const { sdk, client } = await sms();
  try {
    await client.send(new sdk.DeleteOptedOutNumberCommand({ OptOutListName: config.smsOptOutList(), OptedOutNumber: phone }));
  } catch (error) {
    if (!(error instanceof sdk.ResourceNotFoundException)) throw error;
  }
}
