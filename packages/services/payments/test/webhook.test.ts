import { describe, expect, it } from "vitest";
import { db } from "../src/entities";
import { auditTrailOf } from "@mas/core/audit/audit";
import { platform } from "../../../local/test/harness";
import { body, deliverWebhook, depositIntent, pay, paymentRow, settle, stripeClient, useSchedulerClock } from "./support";

useSchedulerClock();

const eventsOf = (paymentIntentId: string, type?: string) =>
  platform().stripe.events.filter((e) => {
    const object = e.data.object as { id: string; payment_intent?: string };
    return (object.id === paymentIntentId || object.payment_intent === paymentIntentId) && (!type || e.type === type);
  });

/** payment.* events the bus carried for one payment, in the order published. */
const announcements = (paymentId: string) =>
  platform()
    .bus.published.filter((e) => e["detail-type"].startsWith("payment."))
    .map((e) => ({ name: e["detail-type"], ...((typeof e.detail === "string" ? JSON.parse(e.detail) : e.detail) as { id: string; data: { paymentId: string } }) }))
    .filter((e) => e.data.paymentId === paymentId)
    .map(({ name, id, data }) => ({ name, id, data }));

describe("the webhook after paying in the local checkout", () => {
  it("marks the deposit succeeded, keeps the saved card, and announces payment.succeeded once", async () => {
    const { client, appointment, started, paymentIntentId } = await depositIntent();
    await pay(paymentIntentId, "succeed");
    const intent = await stripeClient().paymentIntents.retrieve(paymentIntentId);
    const row = await paymentRow(started.paymentId);
    expect(row).toMatchObject({
      status: "succeeded",
      stripeChargeId: intent.latest_charge,
      savedPaymentMethodId: intent.payment_method,
      paidAt: platform().scheduler.now().toISOString(),
    });
    expect(row!.unpublished ?? []).toEqual([]);
    expect(row!.history.map((h) => [h.from, h.to])).toEqual([
      ["none", "requires_payment"],
      ["requires_payment", "succeeded"],
    ]);
    expect(row!.history[1]!.by).toBe(eventsOf(paymentIntentId, "payment_intent.succeeded")[0]!.id);
    expect(announcements(started.paymentId)).toEqual([
      {
        name: "payment.succeeded",
        id: `payment:${started.paymentId}:succeeded`,
        data: { paymentId: started.paymentId, kind: "deposit", subjectId: appointment.appointmentId, userId: client.userId, amountInPence: 5_000 },
      },
    ]);
    // Every delivery was accepted, and each event id is on record as processed.
    const deliveries = platform().stripe.webhookDeliveries.filter((d) => eventsOf(paymentIntentId).some((e) => e.id === d.eventId));
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    const { data: recorded } = await db().entities.stripeEvent.get(deliveries.map((d) => ({ eventId: d.eventId }))).go();
    expect(recorded.every((e) => e.status === "processed")).toBe(true);
  });

  it("records a decline, then the retry that succeeds; a late replay of the decline changes nothing", async () => {
    const { started, paymentIntentId } = await depositIntent();
    await pay(paymentIntentId, "fail");
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "failed", failureReason: "generic_decline" });
    await pay(paymentIntentId, "succeed");
    const row = await paymentRow(started.paymentId);
    expect(row).toMatchObject({ status: "succeeded" });
    expect(row!.failureReason).toBeUndefined();
    expect(announcements(started.paymentId).map((a) => a.name)).toEqual(["payment.failed", "payment.succeeded"]);

    const decline = eventsOf(paymentIntentId, "payment_intent.payment_failed")[0]!;
    const res = await deliverWebhook(JSON.stringify(decline));
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ received: true, outcome: "duplicate" });
    expect((await paymentRow(started.paymentId))!.status).toBe("succeeded");
  });

  it("is safe out of order: a failure delivered after the success never un-pays", async () => {
    platform().stripe.setWebhookUrl("");
    try {
      const { started, paymentIntentId } = await depositIntent();
      await platform().stripe.complete(paymentIntentId, "fail");
      await platform().stripe.complete(paymentIntentId, "succeed");
      const succeeded = eventsOf(paymentIntentId, "payment_intent.succeeded")[0]!;
      const failed = eventsOf(paymentIntentId, "payment_intent.payment_failed")[0]!;
      for (const event of [succeeded, failed]) expect((await deliverWebhook(JSON.stringify(event))).status).toBe(200);
      await settle();
      expect(await paymentRow(started.paymentId)).toMatchObject({ status: "succeeded" });
      expect(announcements(started.paymentId).map((a) => a.name)).toEqual(["payment.succeeded"]);
    } finally {
      platform().stripe.setWebhookUrl(`${platform().url}/api/payments/webhook`);
    }
  });

  it("applies one transition and one announcement when the same event arrives many times at once", async () => {
    platform().stripe.setWebhookUrl("");
    let paymentId = "";
    try {
      const { started, paymentIntentId } = await depositIntent();
      paymentId = started.paymentId;
      await platform().stripe.complete(paymentIntentId, "succeed");
      const payload = JSON.stringify(eventsOf(paymentIntentId, "payment_intent.succeeded")[0]);
      const responses = await Promise.all(Array.from({ length: 12 }, () => deliverWebhook(payload)));
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(200));
    } finally {
      platform().stripe.setWebhookUrl(`${platform().url}/api/payments/webhook`);
    }
    await settle();
    const row = await paymentRow(paymentId);
    expect(row!.history.filter((h) => h.to === "succeeded")).toHaveLength(1);
    expect(announcements(paymentId).map((a) => a.name)).toEqual(["payment.succeeded"]);
  });

  it("marks a chargeback disputed, audits it and announces payment.disputed for the owner", async () => {
    const { started, paymentIntentId } = await depositIntent();
    await pay(paymentIntentId);
    const intent = await stripeClient().paymentIntents.retrieve(paymentIntentId);
    await platform().stripe.dispute(intent.latest_charge as string, { reason: "fraudulent" });
    await settle();
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "disputed", disputedInPence: 5_000 });
    expect(announcements(started.paymentId).map((a) => a.name)).toEqual(["payment.succeeded", "payment.disputed"]);
    const trail = await auditTrailOf(`payment:${started.paymentId}`);
    expect(trail.map((t) => t.action)).toEqual(["payments.dispute_opened"]);
  });
});

describe("what the webhook refuses or ignores", () => {
  async function successEvent() {
    platform().stripe.setWebhookUrl("");
    try {
      const { started, paymentIntentId } = await depositIntent();
      await platform().stripe.complete(paymentIntentId, "succeed");
      return { paymentId: started.paymentId, event: eventsOf(paymentIntentId, "payment_intent.succeeded")[0]! };
    } finally {
      platform().stripe.setWebhookUrl(`${platform().url}/api/payments/webhook`);
    }
  }

  it.each([
    ["a wrong secret", (payload: string) => deliverWebhook(payload, { secret: "whsec_someone_else" })],
    ["a stale timestamp (301 s old)", (payload: string) => deliverWebhook(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 })],
    ["no signature header", (payload: string) => deliverWebhook(payload, { signature: null })],
    ["a garbage signature header", (payload: string) => deliverWebhook(payload, { signature: "t=1,v1=deadbeef" })],
    [
      "an altered body (signed, then the amount changed)",
      async (payload: string) => {
        const signature = stripeClient().webhooks.generateTestHeaderString({ payload, secret: platform().stripe.webhookSecret });
        return deliverWebhook(payload.replace('"amount": 5000', '"amount": 1'), { signature });
      },
    ],
    [
      "an altered body (signed, then whitespace added)",
      async (payload: string) => {
        const signature = stripeClient().webhooks.generateTestHeaderString({ payload, secret: platform().stripe.webhookSecret });
        return deliverWebhook(`${payload}\n`, { signature });
      },
    ],
  ])("answers 400 and changes nothing for %s", async (_, send) => {
    const { paymentId, event } = await successEvent();
    const res = await send(JSON.stringify(event, null, 2));
    expect(res.status).toBe(400);
    expect((await body(res)).error.code).toBe("payments.invalid_signature");
    expect(await paymentRow(paymentId)).toMatchObject({ status: "requires_payment" });
    const { data } = await db().entities.stripeEvent.get({ eventId: event.id }).go();
    expect(data).toBeNull();
    // The genuine delivery still works afterwards.
    expect((await deliverWebhook(JSON.stringify(event))).status).toBe(200);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "succeeded" });
  });

  it("accepts a fresh signature just inside the 300 s tolerance", async () => {
    const { paymentId, event } = await successEvent();
    const res = await deliverWebhook(JSON.stringify(event), { timestamp: Math.floor(Date.now() / 1000) - 290 });
    expect(res.status).toBe(200);
    expect(await paymentRow(paymentId)).toMatchObject({ status: "succeeded" });
  });

  it("answers 200 and ignores event types it does not handle", async () => {
    const { event } = await successEvent();
    const other = eventsOf((event.data.object as { id: string }).id, "charge.succeeded")[0]!;
    const res = await deliverWebhook(JSON.stringify(other));
    expect(await body(res)).toEqual({ received: true, outcome: "ignored" });
  });

  it("answers 200 and ignores payments that are not ours", async () => {
    const foreign = await stripeClient().paymentIntents.create({ amount: 1_000, currency: "gbp", metadata: { order: "elsewhere" } });
    platform().stripe.setWebhookUrl("");
    try {
      await platform().stripe.complete(foreign.id, "succeed");
    } finally {
      platform().stripe.setWebhookUrl(`${platform().url}/api/payments/webhook`);
    }
    const res = await deliverWebhook(JSON.stringify(eventsOf(foreign.id, "payment_intent.succeeded")[0]));
    expect(await body(res)).toEqual({ received: true, outcome: "unknown_payment" });
  });

  it("answers 400, not 500, for a signed body that is not JSON", async () => {
    const res = await deliverWebhook("not json at all");
    expect(res.status).toBe(400);
  });
});
