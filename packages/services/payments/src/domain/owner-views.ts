import * as z from "zod";
import type { PaymentItem } from "../entities/payment";
import type { RefundItem } from "../entities/refund";
import { addLocalDays, instantAt, isLocalDate, londonDateOf } from "@mas/core/shared/time";
import { poundsCell, toCsv } from "./csv";
import { paymentsCreatedBetween, refundsOf } from "./repository";
import { PAYMENT_KINDS, PAYMENT_STATUSES } from "./status";
import { netInPence, summarise, type YearSummary } from "./summary";

/**
 * The owner's list, totals and export. Dates are London calendar dates, both ends
 * included; the list defaults to the last 30 days and spans at most 366.
 */
const localDate = z.string().refine(isLocalDate, "Use a date as YYYY-MM-DD");
export const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 30;

export const listQuery = z
  .object({
    from: localDate.optional(),
    to: localDate.optional(),
    kind: z.enum(PAYMENT_KINDS).optional(),
    status: z.enum(PAYMENT_STATUSES).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_RANGE_DAYS, { message: `At most ${MAX_RANGE_DAYS} days`, path: ["to"] });
export type ListQuery = z.infer<typeof listQuery>;

export const summaryQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export function rangeOf(query: ListQuery, now: Date): { from: string; to: string } {
  const to = query.to ?? (query.from ? addLocalDays(query.from, DEFAULT_RANGE_DAYS - 1) : londonDateOf(now));
  const from = query.from ?? addLocalDays(to, -(DEFAULT_RANGE_DAYS - 1));
  return { from, to };
}

/** Matching payments, newest first. */
export async function listPayments(query: ListQuery, now: Date): Promise<PaymentItem[]> {
  const { from, to } = rangeOf(query, now);
  const payments = await paymentsCreatedBetween(instantAt(from, "00:00"), instantAt(addLocalDays(to, 1), "00:00"));
  return payments.filter((p) => (!query.kind || p.kind === query.kind) && (!query.status || p.status === query.status)).reverse();
}

export async function paymentsSummary(query: { year?: number }, now: Date): Promise<YearSummary> {
  const year = query.year ?? Number(londonDateOf(now).slice(0, 4));
  // From December before: a payment created then may have been paid in January.
  const payments = await paymentsCreatedBetween(instantAt(`${year - 1}-12-01`, "00:00"), instantAt(`${year + 1}-01-01`, "00:00"));
  return summarise(payments, year);
}

export const CSV_HEADER = [
  "paymentId",
  "createdAt",
  "paidAt",
  "kind",
  "subjectId",
  "userId",
  "status",
  "amountGBP",
  "refundedGBP",
  "netGBP",
  "description",
  "stripePaymentIntentId",
  "refundReasons",
] as const;

/**
 * Why each refunded payment was refunded (the owner's words, or the policy that did it),
 * for the export. Only refunded payments are asked about, so a month costs one query per
 * refund-bearing payment, not one per payment.
 */
export async function refundReasonsOf(payments: readonly PaymentItem[]): Promise<Map<string, string[]>> {
  const refunded = payments.filter((p) => p.refundedInPence > 0);
  const lists = await Promise.all(refunded.map(async (p) => [p.paymentId, (await refundsOf(p.paymentId)).map(refundReasonText)] as const));
  return new Map(lists);
}

const POLICY_REASONS = { cancellation: "cancellation policy", orphaned: "booking could not be kept" } as const;

/** A refund's reason as the owner reads it: her own words, or which policy refunded it. */
export function refundReasonText(r: Pick<RefundItem, "reason" | "ownerReason">): string {
  return r.reason === "owner" ? (r.ownerReason ?? "by the owner") : POLICY_REASONS[r.reason];
}

export function paymentsCsv(payments: readonly PaymentItem[], refundReasons: ReadonlyMap<string, readonly string[]> = new Map()): string {
  return toCsv(
    CSV_HEADER,
    payments.map((p) => [
      p.paymentId,
      p.createdAt,
      p.paidAt ?? "",
      p.kind,
      p.subjectId,
      p.userId,
      p.status,
      poundsCell(p.amountInPence),
      poundsCell(p.refundedInPence),
      poundsCell(netInPence(p)),
      p.description,
      p.stripePaymentIntentId ?? p.method,
      (refundReasons.get(p.paymentId) ?? []).join("; "),
    ]),
  );
}

export function exportFileName(query: ListQuery, now: Date): string {
  const { from, to } = rangeOf(query, now);
  return `payments-${from}-to-${to}.csv`;
}
