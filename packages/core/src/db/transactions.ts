/**
 * The one transaction helper. DynamoDB cancels a transaction with `TransactionConflict`
 * when another transaction is writing one of its items at the same moment — that says
 * nothing about whether the conditions hold. Retrying with a little jitter lets the other
 * one finish, so the retry gets the real answer (usually a ConditionalCheckFailed, i.e.
 * "someone else won"). ElectroDB *returns* a cancelled transaction (it does not throw).
 */
interface TransactionOutcome {
  canceled: boolean;
  data: readonly { code?: string; rejected?: boolean }[];
}

const RETRIES = 5;

/**
 * Commits, retrying while the only reason for cancellation is a conflict. Items many
 * writers contend for at once (a popular cohort's seat counter, the certificate number
 * counter) need more patience: pass a larger `retries`.
 */
export async function commitRetryingConflicts<T extends TransactionOutcome>(write: () => Promise<T>, retries = RETRIES): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const result = await write();
    const conflicted = result.canceled && result.data.some((outcome) => outcome.code === "TransactionConflict");
    if (!conflicted || attempt >= retries) return result;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * Math.min(attempt + 1, 8)));
  }
}

/** For each operation of a cancelled transaction, whether its condition refused it. */
export function rejectedParts(result: TransactionOutcome): boolean[] {
  return result.data.map((part) => part.code === "ConditionalCheckFailed");
}

export function cancellationCodes(result: TransactionOutcome): string {
  return result.data.map((outcome) => outcome.code ?? "None").join(", ");
}

/** A write's answer: done, or which named parts' conditions refused it. */
export type WriteOutcome<Part extends string> = { ok: true } | { ok: false; refused: Set<Part> };

/**
 * Runs a transaction whose operations are labelled `parts` (one label per operation, in
 * order), retrying conflicts; a refused condition is an answer, reported as the set of
 * refused parts. Anything else (a conflict that never clears, a validation error) throws.
 */
export async function transactWrite<Part extends string>(parts: readonly Part[], run: () => { go: () => Promise<TransactionOutcome> }): Promise<WriteOutcome<Part>> {
  const result = await commitRetryingConflicts(() => run().go());
  if (!result.canceled) return { ok: true };
  const refused = new Set<Part>();
  result.data.forEach((reason, index) => {
    if (reason.code === "ConditionalCheckFailed") refused.add(parts[index]!);
  });
  if (refused.size > 0) return { ok: false, refused };
  throw new Error(`Transaction cancelled: ${cancellationCodes(result)}`);
}
