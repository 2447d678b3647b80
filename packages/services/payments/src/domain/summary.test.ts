import { describe, expect, it } from "vitest";
import { monthOf, netInPence, summarise, type SummaryInput } from "./summary";

const p = (over: Partial<SummaryInput>): SummaryInput => ({
  kind: "deposit",
  status: "succeeded",
  amountInPence: 2000,
  refundedInPence: 0,
  createdAt: "2026-03-10T10:00:00.000Z",
  paidAt: "2026-03-10T10:05:00.000Z",
  ...over,
});

describe("monthly totals by kind", () => {
  it("buckets by the London month of payment, net of refunds and chargebacks", () => {
    const summary = summarise(
      [
        p({}),
        p({ status: "partially_refunded", refundedInPence: 500 }),
        p({ kind: "fee", amountInPence: 3000, status: "refunded", refundedInPence: 3000 }),
        p({ status: "disputed", refundedInPence: 200 }),
        p({ status: "failed", paidAt: undefined }),
        p({ status: "requires_payment", paidAt: undefined }),
        // 23:30 UTC on 31 March is 00:30 BST on 1 April.
        p({ createdAt: "2026-03-31T23:20:00.000Z", paidAt: "2026-03-31T23:30:00.000Z" }),
        // Created in December, paid in January: January.
        p({ createdAt: "2025-12-31T23:50:00.000Z", paidAt: "2026-01-01T00:10:00.000Z" }),
        p({ createdAt: "2025-06-01T10:00:00.000Z", paidAt: "2025-06-01T10:00:00.000Z" }),
      ],
      2026,
    );
    const march = summary.months[2]!;
    expect(march.month).toBe("2026-03");
    expect(march.byKind.deposit).toEqual({ count: 3, grossInPence: 6000, refundedInPence: 700, disputedInPence: 1800, netInPence: 3500 });
    expect(march.byKind.fee).toEqual({ count: 1, grossInPence: 3000, refundedInPence: 3000, disputedInPence: 0, netInPence: 0 });
    expect(march.byKind.course_fee.count).toBe(0);
    expect(march.total.netInPence).toBe(3500);
    expect(summary.months[3]!.total.count).toBe(1);
    expect(summary.months[0]!.total.count).toBe(1);
    expect(summary.total).toEqual({ count: 6, grossInPence: 13000, refundedInPence: 3700, disputedInPence: 1800, netInPence: 7500 });
    expect(summary.months).toHaveLength(12);
  });

  it("names months in London time across both DST changes", () => {
    expect(monthOf("2026-03-31T23:30:00Z")).toBe("2026-04");
    expect(monthOf("2026-10-31T23:30:00Z")).toBe("2026-10");
    expect(monthOf("2026-12-31T23:59:59Z")).toBe("2026-12");
  });

  it.each<[SummaryInput["status"], number]>([
    ["succeeded", 2000],
    ["partially_refunded", 1500],
    ["refunded", 0],
    ["disputed", 0],
    ["failed", 0],
  ])("net of a %s payment", (status, expected) => {
    expect(netInPence({ status, amountInPence: 2000, refundedInPence: status === "refunded" ? 2000 : status === "partially_refunded" ? 500 : 0 })).toBe(expected);
  });
});
