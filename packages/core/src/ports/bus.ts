import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { config } from "../config";

/**
 * The SDK module is imported on first use, not at import: reads never publish, and each
 * AWS client module adds ~100 ms of CPU to a cold start (`npm run bench`, module init).
 */
let loaded: Promise<{ sdk: typeof import("@aws-sdk/client-eventbridge"); client: EventBridgeClient }> | undefined;
const eventBridge = () =>
  (loaded ??= import("@aws-sdk/client-eventbridge").then((sdk) => ({ sdk, client: new sdk.EventBridgeClient({ region: config.region() }) })));

/** One event as it goes onto the bus: the envelope `{ id, occurredAt, version, data }` serialised in `detail`. */
export interface BusEntry {
  source: string;
  name: string;
  detail: string;
}

/** PutEvents takes at most 10 entries per call. */
const MAX_ENTRIES = 10;

/**
 * Sends entries to the bus and answers, per entry, whether EventBridge accepted it. Only
 * the outbox calls this (see ../outbox/outbox.ts): nothing publishes outside a transaction.
 */
export async function putOnBus(entries: readonly BusEntry[]): Promise<{ accepted: boolean; error?: string }[]> {
  const results: { accepted: boolean; error?: string }[] = [];
  for (let i = 0; i < entries.length; i += MAX_ENTRIES) {
    const batch = entries.slice(i, i + MAX_ENTRIES);
    try {
      const { sdk, client } = await eventBridge();
      const result = await client.send(
        new sdk.PutEventsCommand({
          Entries: batch.map((e) => ({ EventBusName: config.busName(), Source: e.source, DetailType: e.name, Detail: e.detail })),
        }),
      );
      batch.forEach((_, index) => {
        const entry = result.Entries?.[index];
        results.push(entry?.ErrorCode ? { accepted: false, error: `${entry.ErrorCode} ${entry.ErrorMessage ?? ""}`.trim() } : { accepted: true });
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      batch.forEach(() => results.push({ accepted: false, error: message }));
    }
  }
  return results;
}
