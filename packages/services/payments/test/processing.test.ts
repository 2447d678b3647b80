import { describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { depositIntent, paymentRow, published, settle, useSchedulerClock } from "./support";

useSchedulerClock();

/**
 * A deposit paid by Direct Debit (a delayed-notification method): Stripe says
 * `payment_intent.processing` first and the bank answers days later. The fake's checkout
 * offers Bacs Direct Debit; `settleProcessing` is the bank's answer.
 */
async function payByDirectDebit(outcome: "debit_succeeds" | "debit_fails") {
  const deposit = await depositIntent();
  await platform().stripe.complete(deposit.paymentIntentId, outcome);
  await settle();
  return deposit;
}

describe("a deposit paid by Direct Debit", () => {
  it("is processing until the bank answers, then succeeded (announced once)", async () => {
    const { started, paymentIntentId } = await payByDirectDebit("debit_succeeds");
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "processing" });
    expect(published("payment.succeeded").filter((e) => e.paymentId === started.paymentId)).toHaveLength(0);

    await platform().stripe.settleProcessing(paymentIntentId);
    await settle();
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "succeeded" });
    expect(published("payment.succeeded").filter((e) => e.paymentId === started.paymentId)).toHaveLength(1);
  });

  it("is processing until the bank answers, then failed (announced, so the client is asked to pay again)", async () => {
    const { started, paymentIntentId } = await payByDirectDebit("debit_fails");
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "processing" });

    await platform().stripe.settleProcessing(paymentIntentId);
    await settle();
    expect(await paymentRow(started.paymentId)).toMatchObject({ status: "failed", failureReason: "insufficient_funds" });
    expect(published("payment.failed").filter((e) => e.paymentId === started.paymentId)).toHaveLength(1);
    const intent = await platform().stripe.client().paymentIntents.retrieve(paymentIntentId);
    expect(intent.status).toBe("requires_payment_method");
  });
});
