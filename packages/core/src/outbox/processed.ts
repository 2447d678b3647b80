import { kernelDb } from "../db/service";
import { isConditionFailure } from "../db/conditions";

/** Longer than any handler runs (Lambda's timeout for consumers is 30 s). */
const LEASE_MS = 60_000;
/** How long a duplicate waits for the first delivery still running before asking for a retry. */
const WAIT_FOR_OTHER_MS = 10_000;
const KEEP_SECONDS = 30 * 24 * 60 * 60;

/**
 * Claims `eventId` for `consumer`: "mine" to run the handler, "done" when it was already
 * handled. A claim held by a live concurrent delivery is waited for; one whose lease
 * lapsed (its Lambda died) is taken over.
 */
export async function claimEvent(consumer: string, eventId: string, name: string): Promise<"mine" | "done"> {
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  for (;;) {
    const now = Date.now();
    try {
      await kernelDb()
        .entities.processedEvent.put({
          consumer,
          eventId,
          name,
          status: "processing",
          leaseUntil: now + LEASE_MS,
          at: new Date(now).toISOString(),
          expiresAt: Math.floor(now / 1000) + KEEP_SECONDS,
        })
        .where((p, { notExists, eq, lt }) => `${notExists(p.eventId)} OR (${eq(p.status, "processing")} AND ${lt(p.leaseUntil, now)})`)
        .go({ response: "none" });
      return "mine";
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { data } = await kernelDb().entities.processedEvent.get({ consumer, eventId }).go({ consistent: true });
    if (data?.status === "done") return "done";
    if (Date.now() >= deadline) throw new Error(`${consumer} is still handling ${name} ${eventId} in another delivery; retry later`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function markEventDone(consumer: string, eventId: string): Promise<void> {
  await kernelDb().entities.processedEvent.patch({ consumer, eventId }).set({ status: "done", at: new Date().toISOString() }).go({ response: "none" });
}

/** A failed handler gives the event back, so EventBridge's retry runs it again. */
export async function releaseEvent(consumer: string, eventId: string): Promise<void> {
  await kernelDb().entities.processedEvent.delete({ consumer, eventId }).go({ response: "none" });
}
