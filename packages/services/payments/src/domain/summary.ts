import { TIME_ZONE, localDateOf } from "@mas/core/shared/time";
import { PAYMENT_KINDS, isPaid, type PaymentKind, type PaymentStatus } from "./status";

/**
 * Totals by month and kind for the owner's dashboard. A payment counts in the month it was
 * paid (London time; created time if it never was), and only once money was taken:
 * `gross` is what was charged, `refunded` what went back, `disputed` what a chargeback is
 * holding (charged − refunded), and `net = gross − refunded − disputed`.
 */
export interface SummaryInput {
  kind: PaymentKind;
  status: PaymentStatus;
  amountInPence: number;
  refundedInPence: number;
  createdAt: string;
  paidAt?: string;
}

export interface Totals {
  count: number;
  grossInPence: number;
  refundedInPence: number;
  disputedInPence: number;
  netInPence: number;
}

export interface MonthSummary {
  month: string;
  byKind: Record<PaymentKind, Totals>;
  total: Totals;
}

export interface YearSummary {
  year: number;
  currency: "gbp";
  months: MonthSummary[];
  byKind: Record<PaymentKind, Totals>;
  total: Totals;
}

const zero = (): Totals => ({ count: 0, grossInPence: 0, refundedInPence: 0, disputedInPence: 0, netInPence: 0 });
const byKindZero = () => Object.fromEntries(PAYMENT_KINDS.map((kind) => [kind, zero()])) as Record<PaymentKind, Totals>;

/** `"2026-03"` in the clinic's zone. */
export function monthOf(instant: string | Date, timeZone = TIME_ZONE): string {
  return localDateOf(new Date(instant), timeZone).slice(0, 7);
}

/** What the clinic keeps of a payment: charged − refunded − held by a chargeback; 0 if never paid. */
export function netInPence(payment: Pick<SummaryInput, "status" | "amountInPence" | "refundedInPence">): number {
  if (!isPaid(payment.status) || payment.status === "disputed") return 0;
  return payment.amountInPence - payment.refundedInPence;
}

export function summarise(payments: readonly SummaryInput[], year: number, timeZone = TIME_ZONE): YearSummary {
  const months: MonthSummary[] = Array.from({ length: 12 }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, "0")}`,
    byKind: byKindZero(),
    total: zero(),
  }));
  const summary: YearSummary = { year, currency: "gbp", months, byKind: byKindZero(), total: zero() };
  for (const payment of payments) {
    if (!isPaid(payment.status)) continue;
    const month = monthOf(payment.paidAt ?? payment.createdAt, timeZone);
    const bucket = months.find((m) => m.month === month);
    if (!bucket) continue;
    const disputed = payment.status === "disputed" ? payment.amountInPence - payment.refundedInPence : 0;
    for (const totals of [bucket.byKind[payment.kind], bucket.total, summary.byKind[payment.kind], summary.total]) {
      totals.count += 1;
      totals.grossInPence += payment.amountInPence;
      totals.refundedInPence += payment.refundedInPence;
      totals.disputedInPence += disputed;
      totals.netInPence += netInPence(payment);
    }
  }
  return summary;
}
