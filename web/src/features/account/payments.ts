import type { Appointment, Receipt } from "../../lib/shapes";

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

const KIND_LABELS: Record<Receipt["kind"], string> = {
  deposit: "Deposit",
  balance: "Balance",
  fee: "Fee",
  course_fee: "Course fee",
};

const UNPAID: ReadonlySet<Receipt["status"]> = new Set(["requires_payment", "processing", "failed", "canceled"]);

export interface PaymentRow {
  /** "Deposit · Cheek filler" — the statement's generic description when the appointment is unknown. */
  what: string;
  /** When the appointment is (for deposits, balances and fees), as given by `when`. */
  appointmentAt: string | undefined;
  status: { label: string; tone: string };
}

/**
 * A receipt as the client's payments list shows it: what it was for (the treatment, from
 * the client's own appointments — the payment itself stays free of treatment details for
 * card statements) and a status in plain words. An unpaid deposit whose appointment is no
 * longer waiting for it (the hold lapsed, or it was cancelled) is not "Not paid" — it was
 * simply never needed.
 */
export function paymentRow(p: Pick<Receipt, "kind" | "subjectId" | "description" | "status">, appointments: ReadonlyMap<string, Pick<Appointment, "status" | "start" | "service">>): PaymentRow {
  const appointment = p.kind === "course_fee" ? undefined : appointments.get(p.subjectId);
  const what = appointment ? `${KIND_LABELS[p.kind]} · ${appointment.service.name}` : p.description;
  let status = PAYMENT_STATUS[p.status] ?? { label: p.status, tone: "" };
  if (appointment && UNPAID.has(p.status) && appointment.status !== "pending_deposit") {
    status =
      appointment.status === "expired"
        ? { label: "Hold expired — not needed", tone: "off" }
        : appointment.status === "cancelled"
          ? { label: "Not needed — cancelled", tone: "off" }
          : p.kind === "deposit"
            ? { label: "Not needed", tone: "off" }
            : status;
  }
  return { what, appointmentAt: appointment?.start, status };
}
