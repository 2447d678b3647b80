import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { db } from "../entities";
import { findDocument, trailOf } from "./document-store";
import { nextTrailEntry } from "./integrity";

/**
 * The expiry schedule fired (or a late redelivery did): re-read the document and expire it
 * only if it is still unsigned and its deadline has passed. Conditional on the status and
 * trail length, so a signature landing at the same moment wins or loses cleanly.
 */
export async function expireDocument(documentId: string, now: Date): Promise<"expired" | "unchanged"> {
  const document = await findDocument(documentId);
  if (!document || document.status !== "awaiting_signature" || !document.signBy) return "unchanged";
  if (now.getTime() < Date.parse(document.signBy)) return "unchanged";
  const previous = (await trailOf(documentId)).at(-1);
  const entry = nextTrailEntry(previous, { documentId, action: "expired", at: now.toISOString(), actor: "system", detail: { signBy: document.signBy } });
  const event = stageEvent(Events.DocumentExpired, { documentId, userId: document.userId, kind: document.kind, subjectId: document.subjectId }, { occurredAt: now });
  const result = await db()
    .transaction.write(({ document: doc, trailEntry, outboxEvent }) => [
      doc
        .patch({ documentId })
        .set({ status: "expired", expiredAt: now.toISOString(), trailHead: entry.hash, trailLength: entry.seq, updatedAt: now.toISOString() })
        .where((a, op) => `${op.eq(a.status, "awaiting_signature")} AND ${op.eq(a.trailLength, entry.seq - 1)}`)
        .commit(),
      trailEntry.create(entry).commit(),
      outboxEvent.put(event.item).commit(),
    ])
    .go();
  if (result.canceled) return "unchanged";
  await publishStaged([event]);
  return "expired";
}
