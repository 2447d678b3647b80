import type { PersonalDataContributor } from "@mas/core/personal-data";
import { db } from "../entities";
import { paymentsOfUser, refundsOf } from "./repository";

/**
 * Payments' part of a user's data export and erasure (see accounts/gdpr.ts).
 *
 * Export: every payment with its refunds and status history. Erasure keeps the records —
 * HMRC requires six years of them, and they hold amounts, dates and ids, never names or
 * contact details — but withdraws the off-session mandate: the saved card reference is
 * dropped so nothing more can be charged to it. (The card itself stays at Stripe under a
 * customer that carries only the user id; the owner can delete it in the dashboard.)
 *
 * The accounts Lambda answers export/erasure, so it must import this module
 * (`packages/services/accounts/src/personal-data.ts`).
 */
export const paymentsPersonalData: PersonalDataContributor[] = [
  {
    name: "payments",
    export: async (userId) =>
      Promise.all(
        (await paymentsOfUser(userId)).map(async (p) => ({
          paymentId: p.paymentId,
          kind: p.kind,
          subjectId: p.subjectId,
          amountInPence: p.amountInPence,
          currency: p.currency,
          status: p.status,
          refundedInPence: p.refundedInPence,
          createdAt: p.createdAt,
          paidAt: p.paidAt ?? null,
          offSessionAgreed: p.offSessionAgreed,
          history: p.history.map(({ at, from, to, note }) => ({ at, from, to, note: note ?? null })),
          refunds: (await refundsOf(p.paymentId)).map(({ refundId, amountInPence, reason, createdAt }) => ({ refundId, amountInPence, reason, createdAt })),
        })),
      ),
    erase: async (userId) => {
      for (const payment of await paymentsOfUser(userId)) {
        if (!payment.offSessionAgreed && !payment.savedPaymentMethodId) continue;
        await db()
          .entities.payment.patch({ paymentId: payment.paymentId })
          .set({ offSessionAgreed: false, updatedAt: new Date().toISOString() })
          .remove(["savedPaymentMethodId"])
          .go({ response: "none" });
      }
    },
  },
];
