/** A client's payment as payments' `receiptOf` gives it. */
export interface Receipt {
  paymentId: string;
  kind: "deposit" | "course_fee" | "fee";
  subjectId: string;
  description: string;
  amountInPence: number;
  refundedInPence: number;
  currency: string;
  status: "requires_payment" | "processing" | "failed" | "canceled" | "succeeded" | "partially_refunded" | "refunded" | "disputed";
  createdAt: string;
  paidAt: string | null;
}

export const PAYMENT_STATUS: Record<Receipt["status"], { label: string; tone: string }> = {
  requires_payment: { label: "Not paid", tone: "warn" },
  processing: { label: "Processing", tone: "warn" },
  failed: { label: "Failed", tone: "off" },
  canceled: { label: "Cancelled", tone: "off" },
  succeeded: { label: "Paid", tone: "ok" },
  partially_refunded: { label: "Part refunded", tone: "ok" },
  refunded: { label: "Refunded", tone: "off" },
  disputed: { label: "Disputed", tone: "warn" },
};
