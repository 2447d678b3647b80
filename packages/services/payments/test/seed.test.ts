import { describe, expect, it } from "vitest";
import { DEMO_PEOPLE, seedAccounts, seedBooking, seedPayments } from "../../../local/src/seed";
import { findUserByEmail } from "@mas/accounts/read";
import { paymentsOfUser } from "../src/domain/repository";
import { settle, stripeClient, useSchedulerClock } from "./support";

useSchedulerClock();

describe("demo seed", () => {
  it("pays the demo clients' seeded deposits through the fake Stripe, once", async () => {
    await seedAccounts();
    await seedBooking();
    await seedPayments();
    await settle();
    await seedPayments();
    await settle();
    const amelia = await findUserByEmail(DEMO_PEOPLE.amelia.email);
    const payments = await paymentsOfUser(amelia!.userId);
    expect(payments.length).toBeGreaterThan(0);
    for (const payment of payments) {
      expect(payment).toMatchObject({ kind: "deposit", status: "succeeded", offSessionAgreed: true });
      expect(payment.savedPaymentMethodId).toEqual(expect.stringMatching(/^pm_/));
      expect((await stripeClient().paymentIntents.retrieve(payment.stripePaymentIntentId!)).status).toBe("succeeded");
    }
    const intents = await stripeClient().paymentIntents.list({ customer: payments[0]!.stripeCustomerId });
    expect(intents.data).toHaveLength(payments.length);
  });
});
