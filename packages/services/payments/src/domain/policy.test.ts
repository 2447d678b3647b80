import { describe, expect, it } from "vitest";
import { DomainError } from "@mas/core/errors";
import { cancellationRefundInPence, keptInPence, noShowChargeInPence, ownerRefundInPence, remainingInPence } from "./policy";
import type { PaymentStatus } from "./status";

const payment = (status: PaymentStatus, refundedInPence = 0, amountInPence = 2000) => ({ status, amountInPence, refundedInPence });

describe("cancellation refund (deposit − fee, minus what was already refunded)", () => {
  it.each<[string, ReturnType<typeof payment>, number, boolean, number]>([
    ["free cancellation: whole deposit", payment("succeeded"), 0, true, 2000],
    ["late: deposit − fee", payment("succeeded"), 1500, true, 500],
    ["fee equals the deposit", payment("succeeded"), 2000, true, 0],
    ["fee above the deposit: nothing back, never negative", payment("succeeded"), 3500, true, 0],
    ["booking says keep it", payment("succeeded"), 0, false, 0],
    ["owner already refunded some: tops up to deposit − fee", payment("partially_refunded", 300), 1000, true, 700],
    ["already refunded beyond deposit − fee: nothing more", payment("partially_refunded", 1500), 1000, true, 0],
    ["fully refunded: nothing", payment("refunded", 2000), 0, true, 0],
    ["charged back: nothing (Stripe refuses)", payment("disputed"), 0, true, 0],
    ["never paid: nothing", payment("requires_payment"), 0, true, 0],
  ])("%s", (_, p, feeInPence, refundDeposit, expected) => {
    expect(cancellationRefundInPence({ payment: p, feeInPence, refundDeposit })).toBe(expected);
  });
});

describe("no-show charge (fee − deposit kept, waived under Stripe's 30p minimum)", () => {
  it.each([
    [4000, 2000, 2000],
    [2000, 2000, 0],
    [1500, 2000, 0],
    [2029, 2000, 0],
    [2030, 2000, 30],
    [4000, 0, 4000],
    [29, 0, 0],
  ])("fee %ip with %ip kept → charge %ip", (feeInPence, depositKeptInPence, expected) => {
    expect(noShowChargeInPence({ feeInPence, depositKeptInPence })).toBe(expected);
  });

  it.each<[string, ReturnType<typeof payment> | undefined, number]>([
    ["no deposit", undefined, 0],
    ["paid deposit", payment("succeeded"), 2000],
    ["partly refunded deposit", payment("partially_refunded", 500), 1500],
    ["refunded deposit", payment("refunded", 2000), 0],
    ["charged-back deposit", payment("disputed"), 0],
    ["unpaid deposit", payment("failed"), 0],
  ])("kept from a deposit: %s", (_, p, expected) => {
    expect(keptInPence(p)).toBe(expected);
  });
});

describe("owner refunds", () => {
  it.each<[string, ReturnType<typeof payment>, number | undefined, number]>([
    ["everything left by default", payment("succeeded"), undefined, 2000],
    ["what is left after a partial refund", payment("partially_refunded", 1500), undefined, 500],
    ["a part", payment("succeeded"), 1, 1],
    ["exactly what is left", payment("partially_refunded", 1500), 500, 500],
  ])("%s", (_, p, requested, expected) => {
    expect(ownerRefundInPence(p, requested)).toBe(expected);
  });

  it.each<[string, ReturnType<typeof payment>, number | undefined, string, string]>([
    ["more than is left", payment("partially_refunded", 1500), 501, "unprocessable", "payments.refund_too_large"],
    ["zero", payment("succeeded"), 0, "unprocessable", "payments.invalid_refund"],
    ["fully refunded", payment("refunded", 2000), undefined, "conflict", "payments.not_refundable"],
    ["unpaid", payment("requires_payment"), undefined, "conflict", "payments.not_refundable"],
    ["failed", payment("failed"), 100, "conflict", "payments.not_refundable"],
    ["disputed", payment("disputed"), 100, "conflict", "payments.not_refundable"],
  ])("refuses %s", (_, p, requested, kind, code) => {
    const attempt = () => ownerRefundInPence(p, requested);
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ kind, code });
    }
  });

  it("rejects fractional pence", () => {
    expect(() => ownerRefundInPence(payment("succeeded"), 1.5)).toThrow(RangeError);
  });

  it("remaining is 0 unless refundable", () => {
    expect(remainingInPence(payment("disputed"))).toBe(0);
    expect(remainingInPence(payment("partially_refunded", 700))).toBe(1300);
  });
});
