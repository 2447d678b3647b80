/**
 * PaymentIntents and their lifecycle:
 * requires_payment_method → (checkout "Pay" / confirm with a card) → succeeded (+ Charge)
 * requires_payment_method → (checkout "Decline" / declined card) → requires_payment_method
 *   with `last_payment_error` (+ failed Charge); any unfinished status → canceled.
 */
import { ApiError, cardError, invalidRequest, missingParam, noSuch, unexpectedState } from "./errors";
import type { FormObject } from "./form";
import { cardFromPaymentMethodData, type EnteredCard } from "./cards";
import {
  attachPaymentMethod,
  createPaymentMethod,
  requireCustomer,
  testCard,
} from "./customers";
import type { ChargeObject, LastPaymentError, PaymentIntentObject, PaymentIntentStatus, PaymentMethodObject } from "./objects";
import {
  applyMetadata,
  onlyParams,
  optBool,
  optEnum,
  optInt,
  optNullableString,
  optObject,
  optString,
  reqInt,
  reqString,
} from "./params";
import { type FakeState, newId, nowSeconds } from "./state";

const CREATE_PARAMS = [
  "amount", "currency", "customer", "metadata", "description", "setup_future_usage", "payment_method", "confirm",
  "off_session", "automatic_payment_methods", "payment_method_types", "payment_method_options", "receipt_email",
  "statement_descriptor", "statement_descriptor_suffix", "return_url", "capture_method", "error_on_requires_action",
  "use_stripe_sdk", "expand",
];
const UPDATE_PARAMS = [
  "amount", "currency", "customer", "metadata", "description", "setup_future_usage", "payment_method",
  "payment_method_types", "payment_method_options", "receipt_email", "statement_descriptor",
  "statement_descriptor_suffix", "expand",
];
const CONFIRM_PARAMS = [
  "payment_method", "payment_method_data", "client_secret", "off_session", "return_url", "setup_future_usage", "receipt_email", "payment_method_options",
  "error_on_requires_action", "use_stripe_sdk", "expand",
];
const PAYABLE: readonly PaymentIntentStatus[] = ["requires_payment_method", "requires_confirmation", "requires_action"];
const SETUP_FUTURE_USAGE = ["on_session", "off_session"] as const;
const CANCELLATION_REASONS = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"] as const;

/** Stripe's minimum charge amounts for the currencies a UK clinic is likely to use. */
const MINIMUM_AMOUNT: Record<string, number> = { gbp: 30, usd: 50, eur: 50 };

/**
 * Stripe's test PaymentMethod tokens the fake understands (`payment_method=pm_card_visa`).
 * Each use creates a fresh `pm_...` like the real API.
 */
const TEST_TOKENS: Record<string, { last4: string; brand: string; outcome: "succeed" | "decline" | "authenticate" }> = {
  pm_card_visa: { last4: "4242", brand: "visa", outcome: "succeed" },
  pm_card_mastercard: { last4: "4444", brand: "mastercard", outcome: "succeed" },
  pm_card_amex: { last4: "8431", brand: "amex", outcome: "succeed" },
  pm_card_visa_chargeDeclined: { last4: "0002", brand: "visa", outcome: "decline" },
  pm_card_chargeDeclined: { last4: "0002", brand: "visa", outcome: "decline" },
  pm_card_authenticationRequired: { last4: "3184", brand: "visa", outcome: "authenticate" },
};

interface ConfirmOptions {
  paymentMethod?: string;
  /** Card details typed into Stripe.js (`payment_method_data`), instead of a PaymentMethod. */
  card?: EnteredCard;
  offSession: boolean;
  returnUrl?: string;
}

export function createPaymentIntent(state: FakeState, params: FormObject): PaymentIntentObject {
  onlyParams(params, CREATE_PARAMS);
  if (params["amount"] === undefined) throw missingParam("amount");
  const currency = readCurrency(params, true) as string;
  const amount = readAmount(params, currency, true) as number;
  const customer = optString(params, "customer");
  if (customer) requireCustomer(state, customer, "customer");
  const confirm = optBool(params, "confirm") ?? false;
  const offSession = readOffSession(params);
  if (offSession && !confirm) throw invalidRequest("You can only pass `off_session` when `confirm` is true.", "off_session");
  if (optString(params, "return_url") !== undefined && !confirm) {
    throw invalidRequest("You can only pass `return_url` when `confirm` is true.", "return_url");
  }
  const captureMethod = readCaptureMethod(params);
  const id = newId("pi");
  const pi = newPaymentIntent(id, amount, currency, params);
  pi.capture_method = captureMethod;
  pi.customer = customer ?? null;
  pi.payment_method = optString(params, "payment_method") ?? null;
  if (pi.payment_method && !TEST_TOKENS[pi.payment_method]) requireKnownPaymentMethod(state, pi.payment_method, offSession);
  if (pi.payment_method) pi.status = "requires_confirmation";
  state.paymentIntents.set(id, pi);
  state.emit("payment_intent.created", pi);
  if (confirm) return confirmWith(state, pi, { paymentMethod: pi.payment_method ?? undefined, offSession, returnUrl: optString(params, "return_url") });
  return pi;
}

function newPaymentIntent(id: string, amount: number, currency: string, params: FormObject): PaymentIntentObject {
  const automatic = optObject(params, "automatic_payment_methods");
  const types = params["payment_method_types"];
  return {
    id,
    object: "payment_intent",
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: automatic ? { enabled: optBool(automatic, "enabled") ?? false, ...allowRedirects(automatic) } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${id}_secret_${newId("x", 25).slice(2)}`,
    confirmation_method: "automatic",
    created: nowSeconds(),
    currency,
    customer: null,
    description: optString(params, "description") ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: applyMetadata({}, params),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_options: { card: { request_three_d_secure: "automatic" } },
    payment_method_types: Array.isArray(types) ? types.filter((t): t is string => typeof t === "string") : ["card"],
    processing: null,
    receipt_email: optString(params, "receipt_email") ?? null,
    review: null,
    setup_future_usage: optEnum(params, "setup_future_usage", SETUP_FUTURE_USAGE) ?? null,
    shipping: null,
    statement_descriptor: optString(params, "statement_descriptor") ?? null,
    statement_descriptor_suffix: optString(params, "statement_descriptor_suffix") ?? null,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
}

function allowRedirects(automatic: FormObject): { allow_redirects?: string } {
  const value = optEnum(automatic, "allow_redirects", ["always", "never"] as const);
  return value ? { allow_redirects: value } : {};
}

function readCaptureMethod(params: FormObject): "automatic" | "automatic_async" {
  const capture = optEnum(params, "capture_method", ["automatic", "automatic_async", "manual"] as const);
  if (capture === "manual") throw invalidRequest("capture_method=manual is not emulated by the local fake Stripe.", "capture_method");
  return capture ?? "automatic_async";
}

function readOffSession(params: FormObject): boolean {
  const raw = optString(params, "off_session");
  if (raw === "one_off" || raw === "recurring") return true;
  return optBool(params, "off_session") ?? false;
}

function readCurrency(params: FormObject, required: boolean): string | undefined {
  const raw = required ? reqString(params, "currency") : optString(params, "currency");
  if (raw === undefined) return undefined;
  if (!/^[a-zA-Z]{3}$/.test(raw)) throw invalidRequest(`Invalid currency: ${raw.toLowerCase()}. Stripe currently supports these currencies: gbp, eur, usd, ...`, "currency");
  return raw.toLowerCase();
}

function readAmount(params: FormObject, currency: string, required: boolean): number | undefined {
  const amount = required ? reqInt(params, "amount") : optInt(params, "amount");
  if (amount === undefined) return undefined;
  if (amount < 1) throw invalidRequest("This value must be greater than or equal to 1.", "amount", "parameter_invalid_integer");
  if (amount > 99_999_999) throw invalidRequest("Amount must be no more than 999,999.99", "amount", "amount_too_large");
  const minimum = MINIMUM_AMOUNT[currency] ?? 1;
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${formatMoney(minimum, currency)} ${currency}`, "amount", "amount_too_small");
  }
  return amount;
}

export function requirePaymentIntent(state: FakeState, id: string, param = "id"): PaymentIntentObject {
  const pi = state.paymentIntents.get(id);
  if (!pi) throw noSuch("payment_intent", id, param);
  return pi;
}

export function updatePaymentIntent(state: FakeState, id: string, params: FormObject): PaymentIntentObject {
  onlyParams(params, UPDATE_PARAMS);
  const pi = requirePaymentIntent(state, id);
  if (!isPayable(pi)) {
    throw unexpectedState(`You cannot update this PaymentIntent because it has a status of ${pi.status}.`);
  }
  const currency = readCurrency(params, false) ?? pi.currency;
  const amount = readAmount(params, currency, false);
  const customer = optNullableString(params, "customer");
  if (customer) requireCustomer(state, customer, "customer");
  if (amount !== undefined) pi.amount = amount;
  pi.currency = currency;
  if (customer !== undefined) pi.customer = customer;
  pi.metadata = applyMetadata(pi.metadata, params);
  const description = optNullableString(params, "description");
  if (description !== undefined) pi.description = description;
  const receiptEmail = optNullableString(params, "receipt_email");
  if (receiptEmail !== undefined) pi.receipt_email = receiptEmail;
  if (params["setup_future_usage"] !== undefined) {
    pi.setup_future_usage = optEnum(params, "setup_future_usage", SETUP_FUTURE_USAGE) ?? null;
  }
  const pm = optNullableString(params, "payment_method");
  if (pm) requireKnownPaymentMethod(state, pm, false);
  if (pm !== undefined) setPaymentMethod(pi, pm);
  return pi;
}

function setPaymentMethod(pi: PaymentIntentObject, pm: string | null): void {
  pi.payment_method = pm;
  pi.status = pm ? "requires_confirmation" : "requires_payment_method";
}

export function confirmPaymentIntent(state: FakeState, id: string, params: FormObject): PaymentIntentObject {
  onlyParams(params, CONFIRM_PARAMS);
  const pi = requirePaymentIntent(state, id);
  const sfu = optEnum(params, "setup_future_usage", SETUP_FUTURE_USAGE);
  if (params["payment_method_data"] !== undefined && params["payment_method"] !== undefined) {
    throw invalidRequest("You cannot pass both `payment_method` and `payment_method_data`.", "payment_method_data");
  }
  const paymentMethod = optString(params, "payment_method") ?? pi.payment_method ?? undefined;
  requireConfirmable(pi);
  const card = params["payment_method_data"] !== undefined ? cardFromPaymentMethodData(params) : undefined;
  if (sfu) pi.setup_future_usage = sfu;
  const receiptEmail = optString(params, "receipt_email");
  if (receiptEmail !== undefined) pi.receipt_email = receiptEmail;
  return confirmWith(state, pi, { paymentMethod, card, offSession: readOffSession(params), returnUrl: optString(params, "return_url") });
}

/** Whether the PaymentIntent can still be paid (checkout page shows the buttons). */
export function isPayable(pi: PaymentIntentObject): boolean {
  return PAYABLE.includes(pi.status);
}

function requireConfirmable(pi: PaymentIntentObject): void {
  if (isPayable(pi)) return;
  throw unexpectedState(
    `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. ` +
      "Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_payment_method, requires_action.",
  );
}

function requireKnownPaymentMethod(state: FakeState, pmId: string, offSession: boolean): void {
  if (TEST_TOKENS[pmId] || state.paymentMethods.has(pmId) || offSession) return;
  throw noSuch("PaymentMethod", pmId, "payment_method");
}

/** Confirms with a card: saved/test PaymentMethods decide the outcome; off-session needs a saved card. */
function confirmWith(state: FakeState, pi: PaymentIntentObject, options: ConfirmOptions): PaymentIntentObject {
  if (options.returnUrl) state.returnUrls.set(pi.id, options.returnUrl);
  if (options.card) return confirmWithCard(state, pi, options.card, options.returnUrl);
  if (options.offSession) return confirmOffSession(state, pi, options.paymentMethod);
  if (!options.paymentMethod) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. " +
        "Update the PaymentIntent with a payment method and then confirm it again.",
      "payment_method",
      "payment_intent_unexpected_state",
    );
  }
  const token = TEST_TOKENS[options.paymentMethod];
  if (!token) return settle(state, pi, requireKnown(state, options.paymentMethod), "succeed");
  const pm = createPaymentMethod(state, testCard(token.last4, token.brand), billingFor(state, pi));
  if (token.outcome === "authenticate") return requireAction(state, pi, pm, options.returnUrl ?? null);
  return settle(state, pi, pm, token.outcome === "succeed" ? "succeed" : "fail");
}

/** The card typed on the page becomes a new PaymentMethod; the same settlement as the checkout page's. */
function confirmWithCard(state: FakeState, pi: PaymentIntentObject, card: EnteredCard, returnUrl: string | undefined): PaymentIntentObject {
  const details = { ...testCard(card.last4, card.brand), exp_month: card.expMonth, exp_year: card.expYear };
  const pm = createPaymentMethod(state, details, billingFor(state, pi));
  if (card.outcome === "authenticate") return requireAction(state, pi, pm, returnUrl ?? null);
  return settle(state, pi, pm, card.outcome === "succeed" ? "succeed" : "fail");
}

function requireKnown(state: FakeState, pmId: string): PaymentMethodObject {
  const pm = state.paymentMethods.get(pmId);
  if (!pm) throw noSuch("PaymentMethod", pmId, "payment_method");
  return pm;
}

/**
 * Off-session: only a card saved on the PaymentIntent's customer succeeds. Unknown, missing
 * or "authentication required" cards fail with 402 `authentication_required`, as a saved
 * card that needs 3-D Secure does on Stripe — the customer has to come back on-session.
 */
function confirmOffSession(state: FakeState, pi: PaymentIntentObject, pmId: string | undefined): PaymentIntentObject {
  const token = pmId ? TEST_TOKENS[pmId] : undefined;
  if (token?.outcome === "decline") {
    return settle(state, pi, createPaymentMethod(state, testCard(token.last4, token.brand), billingFor(state, pi)), "fail");
  }
  const saved = pmId ? state.paymentMethods.get(pmId) : undefined;
  if (saved?.customer && saved.customer !== pi.customer) {
    throw invalidRequest(
      `The provided PaymentMethod is attached to a Customer (${saved.customer}), so you must also pass that Customer's ID.`,
      "payment_method",
    );
  }
  if (saved?.customer) return settle(state, pi, saved, "succeed");
  return failAuthenticationRequired(state, pi, saved);
}

function failAuthenticationRequired(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject | undefined): never {
  const message =
    "Your card was declined. This transaction requires authentication (the payment method is missing, unknown or not saved for off-session use).";
  const error: LastPaymentError = {
    type: "card_error",
    code: "authentication_required",
    decline_code: "authentication_required",
    doc_url: "https://stripe.com/docs/error-codes/authentication-required",
    message,
    ...(pm ? { payment_method: structuredClone(pm) } : {}),
  };
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.last_payment_error = error;
  state.emit("payment_intent.payment_failed", pi);
  throw cardError("authentication_required", message, {
    decline_code: "authentication_required",
    payment_intent: structuredClone(pi),
    ...(pm ? { payment_method: structuredClone(pm) } : {}),
  });
}

function requireAction(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, returnUrl: string | null): PaymentIntentObject {
  pi.payment_method = pm.id;
  pi.status = "requires_action";
  pi.next_action = { type: "redirect_to_url", redirect_to_url: { url: state.checkoutUrl(pi.id), return_url: returnUrl } };
  state.emit("payment_intent.requires_action", pi);
  return pi;
}

/**
 * The checkout page's "Pay" / "Decline card" (and `FakeStripe.complete`). Uses the card
 * already on the PaymentIntent when there is one, else a new test card.
 */
export function completeFromCheckout(state: FakeState, id: string, outcome: "succeed" | "fail"): PaymentIntentObject {
  const pi = requirePaymentIntent(state, id);
  requireConfirmable(pi);
  const existing = pi.payment_method ? state.paymentMethods.get(pi.payment_method) : undefined;
  const pm = existing ?? createPaymentMethod(state, testCard(outcome === "succeed" ? "4242" : "0002"), billingFor(state, pi));
  try {
    return settle(state, pi, pm, outcome);
  } catch (error) {
    if (error instanceof ApiError && error.status === 402) return pi;
    throw error;
  }
}

function billingFor(state: FakeState, pi: PaymentIntentObject): { email: string | null; name: string | null } {
  const customer = pi.customer ? state.customers.get(pi.customer) : undefined;
  return { email: customer?.email ?? pi.receipt_email, name: customer?.name ?? null };
}

/** Charges `pm` for the PaymentIntent; a declined charge throws the 402 the API returns. */
function settle(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, outcome: "succeed" | "fail"): PaymentIntentObject {
  const charge = newCharge(state, pi, pm, outcome === "succeed");
  state.charges.set(charge.id, charge);
  pi.latest_charge = charge.id;
  pi.next_action = null;
  if (outcome === "succeed") return succeed(state, pi, pm, charge);
  return decline(state, pi, pm, charge);
}

function succeed(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, charge: ChargeObject): PaymentIntentObject {
  if (pi.setup_future_usage && pi.customer && !pm.customer && state.customers.has(pi.customer)) {
    attachPaymentMethod(state, pm, pi.customer);
  }
  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  state.emit("charge.succeeded", charge);
  state.emit("payment_intent.succeeded", pi);
  return pi;
}

function decline(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, charge: ChargeObject): never {
  const message = "Your card was declined.";
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.last_payment_error = {
    type: "card_error",
    code: "card_declined",
    decline_code: "generic_decline",
    doc_url: "https://stripe.com/docs/error-codes/card-declined",
    message,
    charge: charge.id,
    payment_method: structuredClone(pm),
  };
  state.emit("charge.failed", charge);
  state.emit("payment_intent.payment_failed", pi);
  throw cardError("card_declined", message, {
    decline_code: "generic_decline",
    charge: charge.id,
    payment_intent: structuredClone(pi),
    payment_method: structuredClone(pm),
  });
}

function newCharge(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, paid: boolean): ChargeObject {
  return {
    id: newId("ch"),
    object: "charge",
    amount: pi.amount,
    amount_captured: paid ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    balance_transaction: paid ? newId("txn") : null,
    billing_details: structuredClone(pm.billing_details),
    calculated_statement_descriptor: "LOCAL TEST",
    captured: paid,
    created: nowSeconds(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_code: paid ? null : "card_declined",
    failure_message: paid ? null : "Your card was declined.",
    livemode: false,
    metadata: { ...pi.metadata },
    outcome: {
      network_status: paid ? "approved_by_network" : "declined_by_network",
      reason: paid ? null : "generic_decline",
      risk_level: "normal",
      seller_message: paid ? "Payment complete." : "The bank did not return any further details with this decline.",
      type: paid ? "authorized" : "issuer_declined",
    },
    paid,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: { type: "card", card: structuredClone(pm.card) },
    receipt_email: pi.receipt_email,
    receipt_url: null,
    refunded: false,
    status: paid ? "succeeded" : "failed",
  };
}

export function cancelPaymentIntent(state: FakeState, id: string, params: FormObject): PaymentIntentObject {
  onlyParams(params, ["cancellation_reason", "expand"]);
  const pi = requirePaymentIntent(state, id);
  const reason = optEnum(params, "cancellation_reason", CANCELLATION_REASONS);
  if (pi.status === "succeeded" || pi.status === "canceled") {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
    );
  }
  pi.status = "canceled";
  pi.canceled_at = nowSeconds();
  pi.cancellation_reason = reason ?? null;
  pi.next_action = null;
  state.emit("payment_intent.canceled", pi);
  return pi;
}

export function listPaymentIntents(state: FakeState, params: FormObject): PaymentIntentObject[] {
  const customer = optString(params, "customer");
  return [...state.paymentIntents.values()].filter((pi) => customer === undefined || pi.customer === customer);
}

/** `1234, "gbp"` → `£12.34` (en-GB). */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() }).format(amount / 100);
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
}
