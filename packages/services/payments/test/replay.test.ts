import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../src/entities";
import type { PaymentItem } from "../src/entities/payment";
import { ensureTable } from "../../../local/src/dynamodb";
import { platform } from "../../../local/test/harness";
import { deliverWebhook, depositIntent, settle, signUp, stripeClient, useSchedulerClock } from "./support";

/**
 * Stripe retries for days and does not order deliveries. This records one set of 30 real
 * events from the fake Stripe (several payments: successes, declines, refunds, disputes,
 * and types we ignore), then replays them 20 times — each time into a fresh table holding
 * only the payments as they were before any event, with duplicates added and the order
 * shuffled by a seeded generator, four deliveries at a time — and requires the same final
 * state and the same announcements every time.
 */
useSchedulerClock();

type Scenario = { key: string; paymentId: string; paymentIntentId: string };
const scenarios: Scenario[] = [];
let events: { id: string; type: string; payload: string }[] = [];
let initial: PaymentItem[] = [];
const mainTable = () => process.env.TABLE_NAME as string;
let originalTable = "";

beforeAll(async () => {
  originalTable = mainTable();
  const [amelia, ben, chloe] = await Promise.all([signUp("client"), signUp("client"), signUp("client")]);
  const owners = { p1: amelia, p2: amelia, p3: ben, p4: ben, p5: chloe, p6: chloe, p7: amelia, p8: ben };
  for (const [key, client] of Object.entries(owners)) {
    const { started, paymentIntentId } = await depositIntent(client);
    scenarios.push({ key, paymentId: started.paymentId, paymentIntentId });
  }
  const { data } = await db().entities.payment.get(scenarios.map((s) => ({ paymentId: s.paymentId }))).go({ consistent: true });
  initial = data;

  // Record: webhooks off, drive the fake Stripe, keep every event it emits.
  platform().stripe.setWebhookUrl("");
  const from = platform().stripe.events.length;
  const fake = platform().stripe;
  const stripe = stripeClient();
  const pi = (key: string) => scenarios.find((s) => s.key === key)!.paymentIntentId;
  const chargeOf = async (key: string) => (await stripe.paymentIntents.retrieve(pi(key))).latest_charge as string;
  await fake.complete(pi("p1"), "succeed");
  await fake.complete(pi("p2"), "fail");
  await fake.complete(pi("p2"), "succeed");
  await fake.complete(pi("p3"), "succeed");
  await stripe.refunds.create({ payment_intent: pi("p3"), amount: 1_000 });
  await stripe.refunds.create({ payment_intent: pi("p3") });
  await fake.complete(pi("p4"), "succeed");
  await fake.dispute(await chargeOf("p4"));
  await fake.complete(pi("p5"), "fail");
  await fake.complete(pi("p6"), "succeed");
  await stripe.refunds.create({ payment_intent: pi("p6"), amount: 1_500 });
  await fake.dispute(await chargeOf("p6"));
  await fake.complete(pi("p7"), "fail");
  await stripe.paymentIntents.cancel(pi("p8"));
  events = fake.events.slice(from).map((e) => ({ id: e.id, type: e.type, payload: JSON.stringify(e, null, 2) }));
  platform().stripe.setWebhookUrl(`${platform().url}/api/payments/webhook`);
}, 120_000);

afterAll(() => {
  process.env.TABLE_NAME = originalTable;
});

/** A fresh table holding the payments as they were before any event. */
async function freshState(name: string): Promise<void> {
  const table = `${originalTable}-${name}`;
  await ensureTable(platform().endpoints.dynamodb, table);
  process.env.TABLE_NAME = table;
  for (const payment of initial) await db().entities.payment.put(payment).go({ response: "none" });
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deliveryPlan(seed: number) {
  const random = mulberry32(seed);
  const plan = [...events];
  for (let i = 0; i < 10; i++) plan.push(events[Math.floor(random() * events.length)]!);
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  return plan;
}

async function finalState() {
  const { data } = await db().entities.payment.get(scenarios.map((s) => ({ paymentId: s.paymentId }))).go({ consistent: true });
  const byId = new Map(data.map((p) => [p.paymentId, p]));
  return Object.fromEntries(
    scenarios.map(({ key, paymentId }) => {
      const p = byId.get(paymentId)!;
      return [
        key,
        {
          status: p.status,
          amountInPence: p.amountInPence,
          refundedInPence: p.refundedInPence,
          disputedInPence: p.disputedInPence ?? null,
          failureReason: p.failureReason ?? null,
          stripeChargeId: p.stripeChargeId ?? null,
          savedPaymentMethodId: p.savedPaymentMethodId ?? null,
          paidAt: p.paidAt ?? null,
          unpublished: [...(p.unpublished ?? [])],
          lastHistoryTo: p.history.at(-1)!.to,
        },
      ];
    }),
  );
}

/** What the run announced, per payment: how often each kind, and the largest refunded total. */
function announcementsSince(index: number) {
  const published = platform()
    .bus.published.slice(index)
    .filter((e) => e["detail-type"].startsWith("payment."))
    .map((e) => ({ name: e["detail-type"], ...((typeof e.detail === "string" ? JSON.parse(e.detail) : e.detail) as { id: string; data: { paymentId: string; refundedInPence?: number } }) }));
  const perPayment = Object.fromEntries(
    scenarios.map(({ key, paymentId }) => {
      const mine = published.filter((e) => e.data.paymentId === paymentId);
      const count = (name: string) => mine.filter((e) => e.name === name).length;
      return [key, { succeeded: count("payment.succeeded"), disputed: count("payment.disputed"), failed: count("payment.failed"), maxRefunded: Math.max(0, ...mine.map((e) => e.data.refundedInPence ?? 0)) }];
    }),
  );
  return { perPayment, ids: published.map((e) => e.id) };
}

describe("webhook replay: duplicates and shuffled order", () => {
  it("recorded 30 events across 8 payments", () => {
    expect(events).toHaveLength(30);
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        "charge.succeeded",
        "charge.failed",
        "payment_method.attached",
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "refund.created",
        "charge.refunded",
        "charge.dispute.created",
        "payment_intent.canceled",
      ]),
    );
  });

  it("reaches the same final state and the same announcements in 20 shuffled replays", async () => {
    const expected = {
      p1: { status: "succeeded", refundedInPence: 0, disputedInPence: null, failureReason: null },
      p2: { status: "succeeded", refundedInPence: 0, disputedInPence: null, failureReason: null },
      p3: { status: "refunded", refundedInPence: 5_000, disputedInPence: null, failureReason: null },
      p4: { status: "disputed", refundedInPence: 0, disputedInPence: 5_000, failureReason: null },
      p5: { status: "failed", refundedInPence: 0, disputedInPence: null, failureReason: "generic_decline" },
      p6: { status: "disputed", refundedInPence: 1_500, disputedInPence: 5_000, failureReason: null },
      p7: { status: "failed", refundedInPence: 0, disputedInPence: null, failureReason: "generic_decline" },
      p8: { status: "requires_payment", refundedInPence: 0, disputedInPence: null, failureReason: null },
    };
    const states: unknown[] = [];
    const announced: unknown[] = [];
    // The shuffles must include the hard orders, not just lucky ones.
    const hardOrders = { refundBeforeSuccess: 0, failureAfterSuccess: 0, disputeBeforeRefund: 0 };
    for (let run = 0; run < 20; run++) {
      await freshState(`replay-${run}`);
      const mark = platform().bus.published.length;
      const plan = deliveryPlan(1_000 + run);
      const positions = (key: string, type: string) =>
        plan.flatMap((e, i) => (e.type === type && e.payload.includes(scenarios.find((s) => s.key === key)!.paymentIntentId) ? [i] : []));
      const firstIndex = (key: string, type: string) => Math.min(...positions(key, type));
      const lastIndex = (key: string, type: string) => Math.max(...positions(key, type));
      if (firstIndex("p3", "charge.refunded") < firstIndex("p3", "payment_intent.succeeded")) hardOrders.refundBeforeSuccess++;
      if (lastIndex("p2", "payment_intent.payment_failed") > firstIndex("p2", "payment_intent.succeeded")) hardOrders.failureAfterSuccess++;
      if (firstIndex("p6", "charge.dispute.created") < firstIndex("p6", "charge.refunded")) hardOrders.disputeBeforeRefund++;
      for (let i = 0; i < plan.length; i += 4) {
        const responses = await Promise.all(plan.slice(i, i + 4).map((e) => deliverWebhook(e.payload)));
        expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
      }
      await settle();
      const state = await finalState();
      for (const [key, want] of Object.entries(expected)) expect(state[key], `run ${run} ${key}`).toMatchObject({ ...want, unpublished: [], lastHistoryTo: want.status });
      states.push(state);
      const { perPayment, ids } = announcementsSince(mark);
      expect(new Set(ids).size, `run ${run}: an envelope id was published twice`).toBe(ids.length);
      expect(perPayment.p2!.failed).toBeLessThanOrEqual(1);
      announced.push({ ...perPayment, p2: { ...perPayment.p2, failed: "0 or 1" } });
      const { data: seen } = await db().entities.stripeEvent.get(events.map((e) => ({ eventId: e.id }))).go();
      expect(seen.filter((e) => e.status === "processed")).toHaveLength(30);
    }
    expect(hardOrders.refundBeforeSuccess).toBeGreaterThan(0);
    expect(hardOrders.failureAfterSuccess).toBeGreaterThan(0);
    expect(hardOrders.disputeBeforeRefund).toBeGreaterThan(0);
    for (const state of states) expect(state).toEqual(states[0]);
    for (const each of announced) expect(each).toEqual(announced[0]);
    expect(announced[0]).toEqual({
      p1: { succeeded: 1, disputed: 0, failed: 0, maxRefunded: 0 },
      p2: { succeeded: 1, disputed: 0, failed: "0 or 1", maxRefunded: 0 },
      p3: { succeeded: 1, disputed: 0, failed: 0, maxRefunded: 5_000 },
      p4: { succeeded: 1, disputed: 1, failed: 0, maxRefunded: 0 },
      p5: { succeeded: 0, disputed: 0, failed: 1, maxRefunded: 0 },
      p6: { succeeded: 1, disputed: 1, failed: 0, maxRefunded: 1_500 },
      p7: { succeeded: 0, disputed: 0, failed: 1, maxRefunded: 0 },
      p8: { succeeded: 0, disputed: 0, failed: 0, maxRefunded: 0 },
    });
  }, 300_000);

  it.each([
    ["a wrong secret", (payload: string) => deliverWebhook(payload, { secret: "whsec_not_ours" })],
    ["a stale timestamp", (payload: string) => deliverWebhook(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 })],
    [
      "an altered body",
      (payload: string) => {
        const signature = stripeClient().webhooks.generateTestHeaderString({ payload, secret: platform().stripe.webhookSecret });
        return deliverWebhook(payload.replace('"livemode": false', '"livemode": true'), { signature });
      },
    ],
  ])("refuses all 30 with %s (400) and leaves the state untouched", async (name, send) => {
    await freshState(`refused-${name.replace(/\W+/g, "-")}`);
    const before = await finalState();
    for (const event of events) expect((await send(event.payload)).status).toBe(400);
    await settle();
    expect(await finalState()).toEqual(before);
    const { data: seen } = await db().entities.stripeEvent.get(events.map((e) => ({ eventId: e.id }))).go();
    expect(seen).toHaveLength(0);
  }, 60_000);
});
