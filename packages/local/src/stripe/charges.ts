/** Charges (read-only; created by PaymentIntents), Refunds and Disputes. */
import { invalidRequest, noSuch } from "./errors";
import type { FormObject } from "./form";
import type { ChargeObject, DisputeObject, RefundObject, RefundReason } from "./objects";
import { applyMetadata, onlyParams, optEnum, optInt, optString } from "./params";
import { type FakeState, formatMoney, newId, nowSeconds, requirePaymentIntent } from "./state";

const REFUND_REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

export function requireCharge(state: FakeState, id: string, param = "id"): ChargeObject {
  const charge = state.charges.get(id);
  if (!charge) throw noSuch("charge", id, param);
  return charge;
}

export function listCharges(state: FakeState, params: FormObject): ChargeObject[] {
  const customer = optString(params, "customer");
  const pi = optString(params, "payment_intent");
  return [...state.charges.values()].filter(
    (c) => (customer === undefined || c.customer === customer) && (pi === undefined || c.payment_intent === pi),
  );
}

export function createRefund(state: FakeState, params: FormObject): RefundObject {
  onlyParams(params, ["payment_intent", "charge", "amount", "reason", "metadata", "instructions_email", "expand"]);
  const charge = chargeToRefund(state, params);
  const reason: RefundReason | undefined = optEnum(params, "reason", REFUND_REASONS);
  const amount = refundAmount(charge, optInt(params, "amount"));
  const refund: RefundObject = {
    id: newId("re"),
    object: "refund",
    amount,
    balance_transaction: newId("txn"),
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    livemode: false,
    metadata: applyMetadata({}, params),
    payment_intent: charge.payment_intent,
    reason: reason ?? null,
    receipt_number: null,
    status: "succeeded",
  };
  state.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  state.emit("refund.created", refund);
  state.emit("charge.refunded", charge, previous);
  return refund;
}

function chargeToRefund(state: FakeState, params: FormObject): ChargeObject {
  const chargeId = optString(params, "charge");
  const piId = optString(params, "payment_intent");
  if (!chargeId && !piId) {
    throw invalidRequest("One of the following params should be provided for this request: payment_intent or charge.", undefined, "parameter_missing");
  }
  const charge = chargeId ? requireCharge(state, chargeId, "charge") : chargeOfPaymentIntent(state, piId as string);
  if (piId && charge.payment_intent !== piId) {
    throw invalidRequest(`The charge ${charge.id} does not belong to PaymentIntent ${piId}.`, "charge");
  }
  if (charge.status !== "succeeded") throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, "charge");
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, "charge", "charge_disputed");
  return charge;
}

function chargeOfPaymentIntent(state: FakeState, piId: string): ChargeObject {
  const pi = requirePaymentIntent(state, piId, "payment_intent");
  const charge = pi.latest_charge ? state.charges.get(pi.latest_charge) : undefined;
  if (pi.status !== "succeeded" || !charge) {
    throw invalidRequest(`This PaymentIntent (${piId}) does not have a successful charge to refund.`, "payment_intent");
  }
  return charge;
}

function refundAmount(charge: ChargeObject, requested: number | undefined): number {
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, "charge_already_refunded");
  if (requested === undefined) return remaining;
  if (requested < 1) throw invalidRequest("Refund amount must be a positive integer.", "amount", "parameter_invalid_integer");
  if (requested > remaining) {
    throw invalidRequest(
      `Refund amount (${formatMoney(requested, charge.currency)}) is greater than unrefunded amount on charge (${formatMoney(remaining, charge.currency)})`,
      "amount",
      "amount_too_large",
    );
  }
  return requested;
}

export function requireRefund(state: FakeState, id: string): RefundObject {
  const refund = state.refunds.get(id);
  if (!refund) throw noSuch("refund", id);
  return refund;
}

export function listRefunds(state: FakeState, params: FormObject): RefundObject[] {
  const charge = optString(params, "charge");
  const pi = optString(params, "payment_intent");
  return [...state.refunds.values()].filter(
    (r) => (charge === undefined || r.charge === charge) && (pi === undefined || r.payment_intent === pi),
  );
}

export interface DisputeOptions {
  reason?: string;
  amount?: number;
}

/** Test helper: the cardholder disputes `chargeId` (emits `charge.dispute.created`). */
export function createDispute(state: FakeState, chargeId: string, options: DisputeOptions = {}): DisputeObject {
  const charge = requireCharge(state, chargeId, "charge");
  if (charge.status !== "succeeded") throw invalidRequest(`Charge ${chargeId} has not succeeded and cannot be disputed.`, "charge");
  if (charge.disputed) throw invalidRequest(`Charge ${chargeId} is already disputed.`, "charge");
  const created = nowSeconds();
  const dispute: DisputeObject = {
    id: newId("du"),
    object: "dispute",
    amount: options.amount ?? charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    evidence: {},
    evidence_details: { due_by: created + 7 * 24 * 3600, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: options.reason ?? "fraudulent",
    status: "needs_response",
  };
  state.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  state.emit("charge.dispute.created", dispute);
  return dispute;
}

export function requireDispute(state: FakeState, id: string): DisputeObject {
  const dispute = state.disputes.get(id);
  if (!dispute) throw noSuch("dispute", id);
  return dispute;
}
