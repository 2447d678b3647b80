import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PAYMENT_STATUSES, advance, foldFacts, isPaid, publicationsFor, type MoneyState, type PaymentFact, type PaymentStatus } from "./status";

const at = (status: PaymentStatus, refundedInPence = 0): MoneyState => ({ status, amountInPence: 2000, refundedInPence });
const succeeded: PaymentFact = { type: "succeeded" };
const failed: PaymentFact = { type: "failed", reason: "card_declined" };
const canceled: PaymentFact = { type: "canceled" };
const processing: PaymentFact = { type: "processing" };
const refunded = (total: number): PaymentFact => ({ type: "refunded", totalRefundedInPence: total });
const disputed: PaymentFact = { type: "disputed", disputedInPence: 2000 };

describe("payment transitions", () => {
  // [from, fact, expected status (— = no change), expected refunded total]
  it.each<[PaymentStatus, number, PaymentFact, PaymentStatus | "—", number]>([
    ["requires_payment", 0, processing, "processing", 0],
    ["requires_payment", 0, failed, "failed", 0],
    ["requires_payment", 0, canceled, "canceled", 0],
    ["requires_payment", 0, succeeded, "succeeded", 0],
    ["requires_payment", 0, refunded(500), "partially_refunded", 500],
    ["requires_payment", 0, refunded(2000), "refunded", 2000],
    ["requires_payment", 0, disputed, "disputed", 0],
    ["processing", 0, processing, "—", 0],
    ["processing", 0, failed, "failed", 0],
    ["processing", 0, succeeded, "succeeded", 0],
    ["failed", 0, processing, "—", 0],
    ["failed", 0, failed, "—", 0],
    ["failed", 0, canceled, "canceled", 0],
    ["failed", 0, succeeded, "succeeded", 0],
    ["canceled", 0, failed, "—", 0],
    ["canceled", 0, processing, "—", 0],
    ["canceled", 0, succeeded, "succeeded", 0],
    ["succeeded", 0, failed, "—", 0],
    ["succeeded", 0, canceled, "—", 0],
    ["succeeded", 0, processing, "—", 0],
    ["succeeded", 0, succeeded, "—", 0],
    ["succeeded", 0, refunded(500), "partially_refunded", 500],
    ["succeeded", 0, refunded(2000), "refunded", 2000],
    ["succeeded", 0, refunded(5000), "refunded", 2000],
    ["succeeded", 0, disputed, "disputed", 0],
    ["partially_refunded", 500, refunded(500), "—", 500],
    ["partially_refunded", 500, refunded(300), "—", 500],
    ["partially_refunded", 500, refunded(1200), "partially_refunded", 1200],
    ["partially_refunded", 500, refunded(2000), "refunded", 2000],
    ["partially_refunded", 500, succeeded, "—", 500],
    ["partially_refunded", 500, failed, "—", 500],
    ["partially_refunded", 500, disputed, "disputed", 500],
    ["refunded", 2000, refunded(500), "—", 2000],
    ["refunded", 2000, succeeded, "—", 2000],
    ["refunded", 2000, failed, "—", 2000],
    ["refunded", 2000, disputed, "disputed", 2000],
    ["disputed", 0, succeeded, "—", 0],
    ["disputed", 0, failed, "—", 0],
    ["disputed", 0, disputed, "—", 0],
    ["disputed", 0, refunded(500), "disputed", 500],
  ])("%s (refunded %ip) + %o → %s", (from, refundedBefore, fact, to, refundedAfter) => {
    const next = advance(at(from, refundedBefore), fact);
    if (to === "—") {
      expect(next).toBeUndefined();
    } else {
      expect(next).toEqual(at(to, refundedAfter));
    }
  });

  it("never moves a paid payment back to an unpaid status, whatever the fact", () => {
    const facts = [succeeded, failed, canceled, processing, refunded(100), refunded(2000), disputed];
    for (const status of PAYMENT_STATUSES.filter(isPaid)) {
      for (const fact of facts) {
        const next = advance(at(status), fact);
        if (next) expect(isPaid(next.status)).toBe(true);
      }
    }
  });

  const factArb = fc.oneof(
    fc.constant(succeeded),
    fc.constant(failed),
    fc.constant(canceled),
    fc.constant(processing),
    fc.constant(disputed),
    fc.integer({ min: 1, max: 2500 }).map(refunded),
  );

  it("ends in the same state whatever order (and multiplicity) the facts arrive in", () => {
    const delivery = fc
      .array(factArb, { maxLength: 12 })
      .chain((facts) => {
        const withDuplicates = [...facts, ...facts.slice(0, Math.ceil(facts.length / 2))];
        const n = withDuplicates.length;
        return fc.tuple(fc.constant(facts), fc.shuffledSubarray(withDuplicates, { minLength: n, maxLength: n }));
      });
    fc.assert(
      fc.property(delivery, ([facts, delivered]) => {
        expect(foldFacts(at("requires_payment"), delivered)).toEqual(foldFacts(at("requires_payment"), facts));
      }),
      { numRuns: 1000 },
    );
  });

  it("moves only upward: refunded totals never fall, paid never becomes unpaid", () => {
    fc.assert(
      fc.property(fc.array(factArb, { maxLength: 12 }), (facts) => {
        let state = at("requires_payment");
        for (const fact of facts) {
          const next = advance(state, fact) ?? state;
          expect(next.refundedInPence).toBeGreaterThanOrEqual(state.refundedInPence);
          if (isPaid(state.status)) expect(isPaid(next.status)).toBe(true);
          state = next;
        }
      }),
    );
  });
});

describe("publications", () => {
  it.each<[string, MoneyState, MoneyState, string[]]>([
    ["first success", at("requires_payment"), at("succeeded"), ["succeeded"]],
    ["success after a failure", at("failed"), at("succeeded"), ["succeeded"]],
    ["failure", at("requires_payment"), at("failed"), ["failed"]],
    ["cancellation announces nothing", at("requires_payment"), at("canceled"), []],
    ["partial refund", at("succeeded"), at("partially_refunded", 500), ["refunded-500"]],
    ["refund learnt before success: both", at("requires_payment"), at("refunded", 2000), ["succeeded", "refunded-2000"]],
    ["dispute learnt first: success and dispute", at("requires_payment"), at("disputed"), ["succeeded", "disputed"]],
    ["refund after a dispute", at("disputed"), at("disputed", 500), ["refunded-500"]],
  ])("%s", (_, before, after, keys) => {
    expect(publicationsFor(before, after).map((p) => p.key)).toEqual(keys);
  });
});
