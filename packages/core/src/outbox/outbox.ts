import { ulid } from "ulid";
import type * as z from "zod";
import type { EventDefinition, Envelope } from "../events/define";
import { putOnBus } from "../ports/bus";
import { Service } from "electrodb";
import { kernelDb } from "../db/service";
import { dynamo, tableName } from "../db/table";
import { logger } from "../log";
import { LegacyOutboxEvent, type OutboxEventItem } from "./outbox-event";

/**
 * The transactional outbox: the only way anything is published.
 *
 *   const events = [stageEvent(Events.AppointmentConfirmed, data)];
 *   await db().transaction.write(({ appointment, outboxEvent }) => [
 *     appointment.patch(...).commit(),
 *     ...events.map((e) => outboxEvent.put(e.item).commit()),
 *   ]).go();
 *   await publishStaged(events);
 *
 * The event is stored with the state change or not at all. Right after the commit it is
 * published (the fast path, so a confirmation mail leaves at once); if that fails — the
 * bus refuses, the Lambda dies — it stays in the table and the sweeper (`drainOutbox`,
 * every minute in AWS, continuously in the local platform) publishes it later with the
 * same id. Consumers dedupe on that id (../events/consumer.ts), so a second publication
 * has no second effect.
 */
export interface StagedEvent {
  envelope: Envelope;
  item: OutboxEventItem;
}

export function stageEvent<S extends z.ZodType>(
  event: EventDefinition<string, S>,
  data: z.input<S>,
  options: { id?: string; occurredAt?: Date } = {},
): StagedEvent {
  const occurredAt = options.occurredAt ?? new Date();
  const envelope: Envelope<z.output<S>> = {
    id: options.id ?? ulid(),
    occurredAt: occurredAt.toISOString(),
    version: event.version,
    data: event.schema.parse(data),
  };
  return {
    envelope,
    item: { eventId: envelope.id, name: event.name, source: event.source, detail: JSON.stringify(envelope), createdAt: new Date().toISOString(), attempts: 0 },
  };
}

/** Publishes committed outbox items now; whatever the bus refuses stays for the sweeper. Never throws: the state is already committed. */
export async function publishStaged(events: readonly StagedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sendAndClear(events.map((e) => e.item));
}

/**
 * An event that goes with no state change of its own (a refund request, a "send now"): the
 * outbox item is the whole write, then it is published like any other.
 */
export async function publishOnItsOwn(event: StagedEvent): Promise<void> {
  await kernelDb().entities.outboxEvent.put(event.item).go({ response: "none" });
  await publishStaged([event]);
}

/** Items older than this are the sweeper's: younger ones may still be on their writer's fast path. */
export const SWEEP_GRACE_MS = 10_000;

/**
 * Publishes every outbox item older than `graceMs`, oldest first, and deletes each once the
 * bus accepted it. The sweeper's body (stacks: a scheduled function; locally: a timer).
 * Items written before issue 20 (found through gsi1) are drained the same way.
 */
export async function drainOutbox(options: { graceMs?: number; now?: Date; limit?: number } = {}): Promise<{ published: number; failed: number }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.graceMs ?? SWEEP_GRACE_MS)).toISOString();
  let published = 0;
  let failed = 0;
  for (const source of [current(), legacy()]) {
    let cursor: string | null = null;
    do {
      const page: { data: OutboxEventItem[]; cursor: string | null } = await source.query.pending({}).lte({ createdAt: cutoff }).go({ cursor, limit: options.limit ?? 100 });
      const result = await sendAndClear(page.data, source);
      published += result.published;
      failed += result.failed;
      cursor = page.cursor;
    } while (cursor);
  }
  return { published, failed };
}

/** How many events wait in the outbox (the sweeper's backlog; alarms and tests read it). */
export async function outboxBacklog(): Promise<OutboxEventItem[]> {
  const [pending, older] = await Promise.all([current().query.pending({}).go({ pages: "all" }), legacy().query.pending({}).go({ pages: "all" })]);
  return [...older.data, ...pending.data];
}

type OutboxEntity = ReturnType<typeof current>;

const current = () => kernelDb().entities.outboxEvent;

let legacyService: { table: string; service: Service<{ outboxEvent: typeof LegacyOutboxEvent }> } | undefined;
/** Version 1 items (keyed by event id, on gsi1), bound to this process's table. */
function legacy(): OutboxEntity {
  const table = tableName();
  if (legacyService?.table !== table) legacyService = { table, service: new Service({ outboxEvent: LegacyOutboxEvent }, { client: dynamo(), table }) };
  return legacyService.service.entities.outboxEvent as unknown as OutboxEntity;
}

async function sendAndClear(items: readonly OutboxEventItem[], source: OutboxEntity = current()): Promise<{ published: number; failed: number }> {
  if (items.length === 0) return { published: 0, failed: 0 };
  const results = await putOnBus(items.map((item) => ({ source: item.source, name: item.name, detail: item.detail })));
  let published = 0;
  let failed = 0;
  await Promise.all(
    items.map(async (item, index) => {
      const result = results[index]!;
      const key = { eventId: item.eventId, createdAt: item.createdAt };
      if (result.accepted) {
        published++;
        await source.delete(key).go({ response: "none" });
      } else {
        failed++;
        logger.warn("outbox event not published yet", { eventName: item.name, event_id: item.eventId, error: result.error });
        await source
          .patch(key)
          .add({ attempts: 1 })
          .set({ lastError: (result.error ?? "").slice(0, 500) })
          .go({ response: "none" })
          .catch(() => undefined); // already published and deleted by a concurrent sweep
      }
    }),
  );
  return { published, failed };
}
