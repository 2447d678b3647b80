import type * as z from "zod";
import type { EventDefinition } from "@mas/core/events/define";
import { stageEvent } from "@mas/core/outbox/outbox";
import { putOnBus } from "@mas/core/ports/bus";

/**
 * Puts one event straight on the bus, as another service's committed outbox would: tests
 * use it to play a publisher they are not testing (payments announcing a deposit, booking
 * a cancellation). Product code never calls this — it publishes through the outbox.
 */
export async function publish<S extends z.ZodType>(
  event: EventDefinition<string, S>,
  data: z.input<S>,
  options: { id?: string; occurredAt?: Date } = {},
): Promise<{ id: string; name: string }> {
  const staged = stageEvent(event, data, options);
  const [result] = await putOnBus([{ source: staged.item.source, name: staged.item.name, detail: staged.item.detail }]);
  if (!result?.accepted) throw new Error(`PutEvents rejected ${event.name}: ${result?.error}`);
  return { id: staged.envelope.id, name: event.name };
}
