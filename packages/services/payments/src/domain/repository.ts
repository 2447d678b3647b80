import { isConditionFailure } from "@mas/core/db/conditions";
import { db } from "../entities";
import type { PaymentItem } from "../entities/payment";
import type { RefundItem } from "../entities/refund";
import { notFound } from "@mas/core/errors";
import { publishPayment } from "./publications";
import { monthOf } from "./summary";
import { advance, isPaid, publicationsFor, type MoneyState, type PaymentFact } from "./status";
import type { PaymentDetails } from "./stripe-facts";

/**
 * Payment persistence. Every status or refund change goes through `recordFact`: read,
 * compute the next state with the pure state machine, and write it on the condition that
 * status and refunded total are still what was read (compare-and-set). Of any number of
 * concurrent deliveries of the same news, exactly one write succeeds; that writer
 * publishes the events the transition announces. Losers re-read and find nothing to do.
 *
 * Outbox: the same write adds the events to announce to `unpublished`; the writer removes
 * each once EventBridge accepted it. If publishing fails (or the process dies) they stay,
 * and the request fails, so Stripe or EventBridge retries it. Whoever next records a fact
 * for the payment — that retry, or any other news — finds entries it did not write: it
 * waits up to OUTBOX_WAIT_MS for their writer to finish (normally milliseconds), and
 * publishes what is still there (at once if older than OUTBOX_GRACE_MS), with the same
 * envelope ids. Consumers dedupe on those ids: at-least-once delivery that is exactly-once
 * unless a writer died mid-publish.
 */
export type { PaymentItem };
export const OUTBOX_GRACE_MS = 30_000;
export const OUTBOX_WAIT_MS = 2_000;
const MAX_ATTEMPTS = 8;

export async function getPayment(paymentId: string): Promise<PaymentItem | undefined> {
  const { data } = await db().entities.payment.get({ paymentId }).go({ consistent: true });
  return data ?? undefined;
}

export async function requirePayment(paymentId: string): Promise<PaymentItem> {
  const payment = await getPayment(paymentId);
  if (!payment) throw notFound("payments.payment_not_found", "No such payment");
  return payment;
}

export async function findPaymentByIntent(paymentIntentId: string): Promise<PaymentItem | undefined> {
  const { data } = await db().entities.payment.query.byIntent({ stripePaymentIntentId: paymentIntentId }).go();
  return data.find((p) => p.stripePaymentIntentId === paymentIntentId);
}

export async function paymentsOfUser(userId: string): Promise<PaymentItem[]> {
  const { data } = await db().entities.payment.query.byUser({ userId }).go({ pages: "all" });
  return data;
}

/** Payments created in [from, to), oldest first. */
export async function paymentsCreatedBetween(from: Date, to: Date): Promise<PaymentItem[]> {
  const pages = await Promise.all(
    monthsBetween(from, to).map((createdMonth) =>
      db().entities.payment.query.byMonth({ createdMonth }).between({ createdAt: from.toISOString() }, { createdAt: to.toISOString() }).go({ pages: "all" }),
    ),
  );
  return pages.flatMap((page) => page.data).filter((p) => p.createdAt >= from.toISOString() && p.createdAt < to.toISOString());
}

/** London months touched by [from, to). */
export function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  const last = monthOf(new Date(to.getTime() - 1));
  for (let month = monthOf(from); month <= last; month = nextMonth(month)) months.push(month);
  return months;
}

function nextMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

export type NewPayment = Pick<
  PaymentItem,
  "paymentId" | "kind" | "subjectId" | "userId" | "amountInPence" | "description" | "stripePaymentIntentId" | "stripeCustomerId" | "offSessionAgreed" | "mandateVersion"
>;

/** Creates the payment unless it exists (a concurrent request made it): returns the stored one. */
export async function createPayment(input: NewPayment, now: Date): Promise<PaymentItem> {
  const at = now.toISOString();
  const item: PaymentItem = {
    ...input,
    currency: "gbp",
    status: "requires_payment",
    refundedInPence: 0,
    history: [{ at, from: "none", to: "requires_payment", by: input.userId, note: "intent created" }],
    createdAt: at,
    createdMonth: monthOf(now),
    updatedAt: at,
  };
  try {
    await db().entities.payment.create(item).go({ response: "none" });
    return item;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return requirePayment(input.paymentId);
  }
}

export interface RecordOptions {
  /** Who or what brought the news: a Stripe event id, a user id, `system`. */
  by: string;
  note?: string;
  details?: PaymentDetails;
  now: Date;
}

export interface Recorded {
  payment: PaymentItem;
  changed: boolean;
}

export async function recordFact(paymentId: string, fact: PaymentFact, options: RecordOptions): Promise<Recorded> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await requirePayment(paymentId);
    const before: MoneyState = { status: current.status, amountInPence: current.amountInPence, refundedInPence: current.refundedInPence };
    const after = advance(before, fact);
    const details = newDetails(current, fact, options.details, after);
    if (!after && Object.keys(details).length === 0) {
      await settleOutbox(current, options.now, new Set());
      return { payment: current, changed: false };
    }
    const publications = after ? publicationsFor(before, after) : [];
    const at = options.now.toISOString();
    const entries = publications.map((p) => `${p.key}@${at}`);
    try {
      const updated = await writeChange(current, { after, details, entries, history: after ? [historyEntry(before, after, fact, options)] : [], at });
      await flushOutbox(updated, options.now, (entry) => entries.includes(entry));
      await settleOutbox(updated, options.now, new Set(entries));
      return { payment: updated, changed: Boolean(after) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
  throw new Error(`Payment ${paymentId} kept changing under us; retry`);
}

function newDetails(current: PaymentItem, fact: PaymentFact, details: PaymentDetails = {}, after: MoneyState | undefined): Partial<PaymentItem> {
  const changes: Partial<PaymentItem> = {};
  if (details.stripeChargeId && !current.stripeChargeId) changes.stripeChargeId = details.stripeChargeId;
  if (details.savedPaymentMethodId && current.offSessionAgreed && !current.savedPaymentMethodId) changes.savedPaymentMethodId = details.savedPaymentMethodId;
  if (after && after.status !== current.status) {
    if (fact.type === "failed" && fact.reason) changes.failureReason = fact.reason;
    if (fact.type === "disputed") changes.disputedInPence = fact.disputedInPence;
  }
  return changes;
}

function historyEntry(before: MoneyState, after: MoneyState, fact: PaymentFact, options: RecordOptions) {
  const refundNote = after.refundedInPence !== before.refundedInPence ? `refunded total ${after.refundedInPence}p` : undefined;
  const reason = fact.type === "failed" ? fact.reason : undefined;
  const note = [options.note, refundNote, reason].filter(Boolean).join("; ");
  return { at: options.now.toISOString(), from: before.status, to: after.status, by: options.by, ...(note ? { note } : {}) };
}

async function writeChange(
  current: PaymentItem,
  change: { after: MoneyState | undefined; details: Partial<PaymentItem>; entries: string[]; history: PaymentItem["history"]; at: string },
): Promise<PaymentItem> {
  const becamePaid = change.after && !isPaid(current.status) && isPaid(change.after.status);
  let update = db()
    .entities.payment.patch({ paymentId: current.paymentId })
    .set({
      ...change.details,
      ...(change.after ? { status: change.after.status, refundedInPence: change.after.refundedInPence } : {}),
      ...(becamePaid && !current.paidAt ? { paidAt: change.at } : {}),
      updatedAt: change.at,
    });
  // A failure before the payment went through is history, not its state (so the state does not depend on order).
  if (becamePaid && current.failureReason) update = update.remove(["failureReason"]);
  if (change.history.length) update = update.append({ history: change.history });
  if (change.entries.length) update = update.add({ unpublished: change.entries });
  const { data } = await update
    .where((p, { eq }) => `${eq(p.status, current.status)} AND ${eq(p.refundedInPence, current.refundedInPence)}`)
    .go({ response: "all_new" });
  return data as PaymentItem;
}

function isStale(entry: string, now: Date): boolean {
  const at = Date.parse(entry.slice(entry.lastIndexOf("@") + 1));
  return Number.isFinite(at) && now.getTime() - at >= OUTBOX_GRACE_MS;
}

/** Sees every outbox entry someone else wrote published: by them (wait for it) or, if they seem gone, by us. */
async function settleOutbox(payment: PaymentItem, now: Date, ours: Set<string>): Promise<void> {
  const deadline = Date.now() + OUTBOX_WAIT_MS;
  let current = payment;
  for (;;) {
    const theirs = new Set([...(current.unpublished ?? [])].filter((entry) => !ours.has(entry)));
    if (theirs.size === 0) return;
    const waitedEnough = Date.now() >= deadline;
    if (waitedEnough || [...theirs].some((entry) => isStale(entry, now))) {
      await flushOutbox(current, now, (entry) => theirs.has(entry) && (waitedEnough || isStale(entry, now)));
      if (waitedEnough) return;
    } else {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    current = await requirePayment(payment.paymentId);
  }
}

/** Publishes the chosen outbox entries, removing each once EventBridge accepted it. */
async function flushOutbox(payment: PaymentItem, now: Date, chosen: (entry: string) => boolean): Promise<void> {
  for (const entry of [...(payment.unpublished ?? [])].filter(chosen).sort(byAnnouncementOrder)) {
    await publishPayment(payment, entry.slice(0, entry.lastIndexOf("@")), now);
    await db().entities.payment.patch({ paymentId: payment.paymentId }).delete({ unpublished: [entry] }).go({ response: "none" });
  }
}

/** succeeded, failed, refunds by growing total, disputed: the order the facts happen in. */
function byAnnouncementOrder(a: string, b: string): number {
  const rank = (entry: string) => {
    const key = entry.slice(0, entry.lastIndexOf("@"));
    if (key.startsWith("refunded-")) return 2 + Number(key.slice("refunded-".length)) / 1e12;
    return { succeeded: 0, failed: 1, disputed: 3 }[key] ?? 4;
  };
  return rank(a) - rank(b);
}

export { isConditionFailure };

/** Every refund issued against a payment, oldest first. */
export async function refundsOf(paymentId: string): Promise<RefundItem[]> {
  const { data } = await db().entities.refund.query.byPayment({ paymentId }).go({ pages: "all" });
  return data;
}
