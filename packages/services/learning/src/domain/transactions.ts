/**
 * DynamoDB cancels a transaction with `TransactionConflict` when another one writes the
 * same item at that moment (a popular cohort's seat counter, the certificate counter): that
 * says nothing about the conditions, so such a write is retried, with jitter, until it gets
 * a real answer. Many contenders on one item need more patience than the kernel's five
 * retries, hence this service's own bound.
 */
interface Outcome {
  canceled: boolean;
  data: { rejected?: boolean; code?: string }[];
}

export async function commitWithRetries<T extends Outcome>(write: () => Promise<T>, retries = 40): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const result = await write();
    const conflicted = result.canceled && result.data.some((part) => part.code === "TransactionConflict");
    if (!conflicted || attempt >= retries) return result;
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * Math.min(attempt + 1, 8)));
  }
}

/** For each part of a cancelled transaction, whether its condition failed. */
export function rejectedParts(result: Outcome): boolean[] {
  return result.data.map((part) => part.code === "ConditionalCheckFailed");
}
