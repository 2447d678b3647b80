/**
 * The shapes of the Stripe objects the fake stores and returns. They carry the fields a
 * payments service reads (and the ones Stripe always includes), not every field of the
 * real API; all are plain JSON so they can be snapshotted into events.
 */
import type { Metadata } from "./params";

export interface BaseObject {
  id: string;
  object: string;
  created: number;
  livemode: false;
}

export interface CardDetails {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  country: string;
  funding: "credit" | "debit";
}

export interface BillingDetails {
  address: null;
  email: string | null;
  name: string | null;
  phone: string | null;
}

export interface CustomerObject extends BaseObject {
  object: "customer";
  address: Record<string, unknown> | null;
  balance: number;
  currency: string | null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: { custom_fields: null; default_payment_method: string | null; footer: null; rendering_options: null };
  metadata: Metadata;
  name: string | null;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: "none";
}

export interface DeletedCustomerObject {
  id: string;
  object: "customer";
  deleted: true;
}

/** Bank debits (delayed notification): SEPA Direct Debit (eur) and Bacs Direct Debit (gbp). */
export interface SepaDebitDetails {
  bank_code: string;
  country: string;
  last4: string;
}
export interface BacsDebitDetails {
  sort_code: string;
  last4: string;
}

export type PaymentMethodType = "card" | "sepa_debit" | "bacs_debit";

export interface PaymentMethodObject extends BaseObject {
  object: "payment_method";
  type: PaymentMethodType;
  allow_redisplay: "unspecified";
  billing_details: BillingDetails;
  card?: CardDetails;
  sepa_debit?: SepaDebitDetails;
  bacs_debit?: BacsDebitDetails;
  customer: string | null;
  metadata: Metadata;
}

export interface LastPaymentError {
  type: "card_error" | "invalid_request_error";
  code: string;
  decline_code?: string;
  doc_url: string;
  message: string;
  charge?: string;
  payment_method?: PaymentMethodObject;
}

export type PaymentIntentStatus =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "succeeded"
  | "canceled";

export type NextAction = { type: "redirect_to_url"; redirect_to_url: { url: string; return_url: string | null } };

export interface PaymentIntentObject extends BaseObject {
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_details: { tip: Record<string, never> };
  amount_received: number;
  application: null;
  application_fee_amount: null;
  automatic_payment_methods: { enabled: boolean; allow_redirects?: string } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: "automatic" | "automatic_async";
  client_secret: string;
  confirmation_method: "automatic";
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  metadata: Metadata;
  next_action: NextAction | null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_options: { card: { request_three_d_secure: "automatic" } };
  payment_method_types: string[];
  processing: null;
  receipt_email: string | null;
  review: null;
  setup_future_usage: "on_session" | "off_session" | null;
  shipping: null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: PaymentIntentStatus;
  transfer_data: null;
  transfer_group: null;
}

export interface ChargeObject extends BaseObject {
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  application: null;
  balance_transaction: string | null;
  billing_details: BillingDetails;
  calculated_statement_descriptor: string;
  captured: boolean;
  currency: string;
  customer: string | null;
  description: string | null;
  disputed: boolean;
  failure_code: string | null;
  failure_message: string | null;
  metadata: Metadata;
  outcome: {
    network_status: "approved_by_network" | "declined_by_network";
    reason: string | null;
    risk_level: "normal";
    seller_message: string;
    type: "authorized" | "issuer_declined";
  };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: { type: PaymentMethodType; card?: CardDetails; sepa_debit?: SepaDebitDetails; bacs_debit?: BacsDebitDetails };
  receipt_email: string | null;
  receipt_url: string | null;
  refunded: boolean;
  status: "succeeded" | "pending" | "failed";
}

export type RefundReason = "duplicate" | "fraudulent" | "requested_by_customer";

export interface RefundObject extends BaseObject {
  object: "refund";
  amount: number;
  balance_transaction: string | null;
  charge: string;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: RefundReason | null;
  receipt_number: null;
  status: "succeeded";
}

export interface DisputeObject extends BaseObject {
  object: "dispute";
  amount: number;
  balance_transactions: never[];
  charge: string;
  currency: string;
  evidence: Record<string, null>;
  evidence_details: { due_by: number; has_evidence: boolean; past_due: boolean; submission_count: number };
  is_charge_refundable: boolean;
  metadata: Metadata;
  payment_intent: string;
  reason: string;
  status: "needs_response" | "under_review" | "won" | "lost";
}

/** The Stripe event shape (cast to `Stripe.Event` at the public boundary). */
export interface EventObject extends BaseObject {
  object: "event";
  api_version: string;
  data: { object: StoredObject; previous_attributes?: Record<string, unknown> };
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export type StoredObject =
  | CustomerObject
  | PaymentMethodObject
  | PaymentIntentObject
  | ChargeObject
  | RefundObject
  | DisputeObject
  | EventObject
  | DeletedCustomerObject;

export interface ListObject<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}
