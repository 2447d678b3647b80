/**
 * DynamoDB cancels a transaction with `TransactionConflict` when another transaction is
 * writing one of its items at the same moment — it says nothing about whether the
 * conditions hold. Retrying with a little jitter lets the other one finish, so the retry
 * gets the real answer (usually a ConditionalCheckFailed, i.e. "someone else won").
 */
interface TransactionOutcome {
  canceled: boolean;
  data: { code?: string }[];
}

const RETRIES = 5;

export async function commitRetryingConflicts<T extends TransactionOutcome>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const result = await write();
    const conflicted = result.canceled && result.data.some((outcome) => outcome.code === "TransactionConflict");
    if (!conflicted || attempt >= RETRIES) return result;
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * (attempt + 1)));
  }
}

export function cancellationCodes(result: TransactionOutcome): string {
  return result.data.map((outcome) => outcome.code ?? "None").join(", ");
}
