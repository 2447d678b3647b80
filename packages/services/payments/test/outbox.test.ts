import { afterEach, describe, expect, it } from "vitest";
import { db } from "../src/entities";
import { drainOutbox, outboxBacklog } from "@mas/core/outbox/outbox";
import { platform } from "../../../local/test/harness";
import { deliverWebhook, depositIntent, paymentRow, publishedEnvelopes, settle, useSchedulerClock } from "./support";

/**
 * Publishing after the commit can fail (EventBridge refuses, the Lambda dies). The
 * transition is then already stored, with its announcement in the outbox in the same
 * write: the webhook is answered (nothing to redo), and the sweeper publishes the
 * announcement later with the same id; Stripe's retry finds the work done.
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
  it("keeps an announcement EventBridge refused in the outbox, and the sweeper publishes it once", async () => {
    const { started, payload, eventId } = await paidWithoutWebhooks();
    process.env.BUS_NAME = "a-bus-that-does-not-exist";
    const delivered = await deliverWebhook(payload);
    expect(delivered.status).toBe(200);
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "succeeded" });
    expect((await db().entities.stripeEvent.get({ eventId }).go()).data).toMatchObject({ status: "processed" });
    expect(announced(started.paymentId)).toEqual([]);
    expect((await outboxBacklog()).map((e) => e.eventId)).toEqual([`payment:${started.paymentId}:succeeded`]);

    process.env.BUS_NAME = busName;
    expect(await drainOutbox({ graceMs: 0 })).toEqual({ published: 1, failed: 0 });
    await settle();
    expect(announced(started.paymentId).map((e) => e.id)).toEqual([`payment:${started.paymentId}:succeeded`]);
    expect(await outboxBacklog()).toEqual([]);

    expect(await (await deliverWebhook(payload)).json()).toEqual({ received: true, outcome: "duplicate" });
    await settle();
    expect(announced(started.paymentId)).toHaveLength(1);
  });

  it("leaves a young announcement to its writer: the sweeper only takes what is older than its grace", async () => {
    const { started, payload } = await paidWithoutWebhooks();
    process.env.BUS_NAME = "a-bus-that-does-not-exist";
    expect((await deliverWebhook(payload)).status).toBe(200);
    process.env.BUS_NAME = busName;
    expect(await drainOutbox({ graceMs: 60_000 })).toEqual({ published: 0, failed: 0 });
    expect(await drainOutbox({ graceMs: 0 })).toEqual({ published: 1, failed: 0 });
    await settle();
    expect(announced(started.paymentId)).toHaveLength(1);
  });
});
