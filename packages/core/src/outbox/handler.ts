import { drainOutbox } from "./outbox";

/** The outbox sweeper's Lambda (stacks/Outbox.ts): throws when events stay unpublished, so the alarm sees it. */
export async function handler(): Promise<{ published: number; failed: number }> {
  const result = await drainOutbox();
  if (result.failed > 0) throw new Error(`outbox: ${result.failed} events still unpublished (${result.published} published)`);
  return result;
}
