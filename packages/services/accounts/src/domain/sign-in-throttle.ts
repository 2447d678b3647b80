import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { db } from "../entities";
import type { UserItem } from "../entities/user";
import { isBurst, signInWaitSeconds, SIGN_IN_POLICY, type FailureCount } from "./sign-in-policy";
import { rateLimitSubject, tooManyAttempts, windowAt } from "./rate-limit";

/**
 * The sign-in failure counters in the table (sign-in-policy.ts decides from them): one
 * item per (pair | source | account, window), incremented by an atomic ADD on each wrong
 * password and read (one batch get) before the next password is checked. A right password
 * clears the pair's count. Parallel guesses from one source can all pass the read before
 * the first failure is counted; each still pays a full scrypt, and the next read stops them.
 */
interface Keys {
  pair: string;
  source?: string;
  account: string;
}

function keysFor(email: string, ip: string | undefined): Keys {
  const account = rateLimitSubject("email", email);
  return {
    pair: `signin:pair:${account}:${ip ?? "unknown"}`,
    ...(ip ? { source: `signin:source:${rateLimitSubject("ip", ip)}` } : {}),
    account: `signin:account:${account}`,
  };
}

const NONE: FailureCount = { count: 0 };

/** Throws 429 (with Retry-After) when this source must wait before trying a password for this account. */
export async function assertSignInAllowed(email: string, ip: string | undefined, now: Date): Promise<void> {
  const keys = keysFor(email, ip);
  const windowStart = windowAt(now, SIGN_IN_POLICY.windowSeconds).start;
  const wanted = [keys.pair, keys.account, ...(keys.source ? [keys.source] : [])].map((key) => ({ key, windowStart }));
  const { data } = await db().entities.rateLimit.get(wanted).go();
  const found = (key: string | undefined): FailureCount => {
    const item = data.find((row) => row.key === key);
    return item ? { count: item.count, lastAt: item.lastAt } : NONE;
  };
  const wait = signInWaitSeconds({ pair: found(keys.pair), source: found(keys.source), account: found(keys.account) }, now);
  if (wait > 0) throw tooManyAttempts(wait);
}

/** Counts one wrong password; when it makes a burst on a real account, its owner is told (once per window). */
export async function recordSignInFailure(email: string, ip: string | undefined, user: UserItem | undefined, now: Date): Promise<void> {
  const keys = keysFor(email, ip);
  const window = windowAt(now, SIGN_IN_POLICY.windowSeconds);
  const bump = (key: string) =>
    db()
      .entities.rateLimit.update({ key, windowStart: window.start })
      .add({ count: 1 })
      .set({ lastAt: now.getTime(), expiresAt: window.end })
      .go({ response: "all_new" });
  const [, account] = await Promise.all([bump(keys.pair), bump(keys.account), ...(keys.source ? [bump(keys.source)] : [])]);
  const failures = account?.data.count ?? 0;
  if (user && isBurst(failures)) await tellOwnerOnce(user, failures, window.start, now);
}

/**
 * A right password: this source starts again with its free tries on this account, and its
 * failures here stop counting against the source and the account (someone mistyping, then
 * getting it right, is neither credential stuffing nor an attack — a shared tablet stays fast).
 */
export async function clearSignInFailures(email: string, ip: string | undefined, now: Date): Promise<void> {
  const keys = keysFor(email, ip);
  const windowStart = windowAt(now, SIGN_IN_POLICY.windowSeconds).start;
  const { data } = await db().entities.rateLimit.delete({ key: keys.pair, windowStart }).go({ response: "all_old" });
  const forgiven = data?.count ?? 0;
  if (forgiven === 0) return;
  const forgive = (key: string) => db().entities.rateLimit.patch({ key, windowStart }).subtract({ count: forgiven }).go().catch(ignoreMissing);
  await Promise.all([forgive(keys.account), ...(keys.source ? [forgive(keys.source)] : [])]);
}

/** A counter may have expired between the two writes: nothing to forgive then. */
const ignoreMissing = (error: unknown) => {
  if (!(error instanceof Error && /conditional/i.test(error.message))) throw error;
};

/** A marker item created only if absent and the event, in one transaction: one mail per account and window. */
async function tellOwnerOnce(user: UserItem, failures: number, windowStart: number, now: Date): Promise<void> {
  const announcement = stageEvent(
    Events.SignInFailuresBurst,
    { userId: user.userId, email: user.email, firstName: user.firstName, failures, windowStartedAt: new Date(windowStart * 1000).toISOString() },
    { occurredAt: now },
  );
  const result = await db()
    .transaction.write(({ rateLimit, outboxEvent }) => [
      rateLimit
        .create({ key: `signin:burst-told:${rateLimitSubject("email", user.email)}`, windowStart, count: 1, expiresAt: windowStart + SIGN_IN_POLICY.windowSeconds })
        .commit(),
      outboxEvent.put(announcement.item).commit(),
    ])
    .go();
  if (result.canceled) return; // already told this window
  await publishStaged([announcement]);
}
