import { afterEach, describe, expect, it } from "vitest";
import { db } from "@mas/core/db/service";
import { platform } from "../../../local/test/harness";
import { deliverWebhook, depositIntent, paymentRow, publishedEnvelopes, settle, useSchedulerClock } from "./support";

/**
 * Publishing after the commit can fail (EventBridge refuses, the Lambda dies). The
 * transition is then already stored, so a retry finds nothing to change — the outbox on the
 * payment is what makes that retry publish the announcement anyway, with the same id.
 */
useSchedulerClock();

const busName = process.env.BUS_NAME;
afterEach(() => {
  process.env.BUS_NAME = busName;
  platform().stripe.setWebhookUrl(`${platform().url}/api/payments/webhook`);
});

async function paidWithoutWebhooks() {
  platform().stripe.setWebhookUrl("");
  const deposit = await depositIntent();
  await platform().stripe.complete(deposit.paymentIntentId, "succeed");
  const event = platform().stripe.events.find((e) => e.type === "payment_intent.succeeded" && (e.data.object as { id: string }).id === deposit.paymentIntentId)!;
  return { ...deposit, payload: JSON.stringify(event), eventId: event.id };
}

const announced = (paymentId: string) => publishedEnvelopes("payment.succeeded").filter((e) => e.data.paymentId === paymentId);

describe("the outbox", () => {
  it("keeps an announcement EventBridge refused, fails the delivery, and publishes it on Stripe's retry", async () => {
    const { started, payload, eventId } = await paidWithoutWebhooks();
    process.env.BUS_NAME = "a-bus-that-does-not-exist";
    const failed = await deliverWebhook(payload);
    expect(failed.status).toBe(500);
    const stuck = await paymentRow(started.paymentId);
    expect(stuck).toMatchObject({ status: "succeeded" });
    expect([...(stuck!.unpublished ?? [])]).toEqual([`succeeded@${platform().scheduler.now().toISOString()}`]);
    expect((await db().entities.stripeEvent.get({ eventId }).go()).data).toMatchObject({ status: "processing" });
    expect(announced(started.paymentId)).toEqual([]);

    process.env.BUS_NAME = busName;
    const retried = await deliverWebhook(payload);
    expect(retried.status).toBe(200);
    await settle();
    expect(announced(started.paymentId).map((e) => e.id)).toEqual([`payment:${started.paymentId}:succeeded`]);
    expect((await paymentRow(started.paymentId))!.unpublished ?? []).toEqual([]);
    expect((await db().entities.stripeEvent.get({ eventId }).go()).data).toMatchObject({ status: "processed" });

    expect(await (await deliverWebhook(payload)).json()).toEqual({ received: true, outcome: "duplicate" });
    await settle();
    expect(announced(started.paymentId)).toHaveLength(1);
  });

  it("publishes a long-stuck announcement at once, without waiting for its writer", async () => {
    const { started, payload } = await paidWithoutWebhooks();
    process.env.BUS_NAME = "a-bus-that-does-not-exist";
    expect((await deliverWebhook(payload)).status).toBe(500);
    process.env.BUS_NAME = busName;
    await platform().scheduler.advanceBy(31_000);
    const startedAt = Date.now();
    expect((await deliverWebhook(payload)).status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(1_500);
    await settle();
    expect(announced(started.paymentId)).toHaveLength(1);
  });
});
