import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { ulid } from "ulid";
import { config } from "../config";
import type { EventDefinition, Envelope } from "../events/define";
import type * as z from "zod";

let client: EventBridgeClient | undefined;
const eventBridge = () => (client ??= new EventBridgeClient({ region: config.region() }));

export interface PublishedEvent {
  id: string;
  name: string;
}

/**
 * The one publisher. Validates the data against the catalogue's schema before sending,
 * wraps it in the envelope `{ id, occurredAt, version, data }`, and fails loudly if
 * EventBridge rejects the entry. Call it after the transaction that caused the event
 * has committed.
 */
export async function publish<S extends z.ZodType>(
  event: EventDefinition<string, S>,
  data: z.input<S>,
  options: { id?: string; occurredAt?: Date } = {},
): Promise<PublishedEvent> {
  const envelope: Envelope<z.output<S>> = {
    id: options.id ?? ulid(),
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    version: event.version,
    data: event.schema.parse(data),
  };
  const result = await eventBridge().send(
    new PutEventsCommand({
      Entries: [{ EventBusName: config.busName(), Source: event.source, DetailType: event.name, Detail: JSON.stringify(envelope) }],
    }),
  );
  if (result.FailedEntryCount) {
    const failure = result.Entries?.[0];
    throw new Error(`PutEvents rejected ${event.name}: ${failure?.ErrorCode} ${failure?.ErrorMessage}`);
  }
  return { id: envelope.id, name: event.name };
}
