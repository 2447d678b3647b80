import { envelopeSchema, type BusEvent, type Envelope, type ServiceName } from "./define";
import { eventByName, type EventData, type EventName } from "./catalogue";
import { claimEvent, releaseEvent, markEventDone } from "../outbox/processed";

export type EventHandlers = {
  [N in EventName]?: (data: EventData<N>, envelope: Envelope<EventData<N>>) => Promise<void>;
};

/**
 * Turns a service's handler map into the function its EventBridge rules target. The event
 * is validated against the catalogue on receipt (publishers validate too): a malformed
 * event throws, so EventBridge retries it and finally dead-letters it, instead of a
 * handler acting on half-understood data.
 *
 * Delivery is at least once (EventBridge retries, the outbox may publish twice), so each
 * event id is claimed per service before its handler runs: a duplicate finds it done and
 * does nothing; a failed handler releases its claim so the retry runs it again.
 */
export function createEventConsumer(service: ServiceName, handlers: EventHandlers) {
  return async function consume(event: BusEvent): Promise<void> {
    const name = event["detail-type"];
    const handler = handlers[name as EventName] as ((data: unknown, envelope: Envelope) => Promise<void>) | undefined;
    if (!handler) throw new Error(`${service} has no handler for ${name}`);
    const definition = eventByName(name);
    if (!definition) throw new Error(`Unknown event ${name}`);
    const envelope = envelopeSchema.parse(event.detail);
    const data = definition.schema.parse(envelope.data);
    const claim = await claimEvent(service, envelope.id, name);
    if (claim === "done") return;
    try {
      await handler(data, { ...envelope, data });
    } catch (error) {
      await releaseEvent(service, envelope.id);
      throw error;
    }
    await markEventDone(service, envelope.id);
  };
}

export function isBusEvent(event: unknown): event is BusEvent {
  return typeof event === "object" && event !== null && "detail-type" in event && "source" in event;
}
