import type { Receipt } from "../../lib/shapes";

/** How each payment status reads on the client's receipts (typed from payments' receipt). */
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
