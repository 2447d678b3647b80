/**
 * PaymentIntents and their lifecycle:
 * requires_payment_method → (checkout "Pay" / confirm with a card) → succeeded (+ Charge)
 * requires_payment_method → (checkout "Decline" / declined card) → requires_payment_method
 *   with `last_payment_error` (+ failed Charge); any unfinished status → canceled.
 */
import { ApiError, cardError, invalidRequest, missingParam, noSuch, unexpectedState } from "./errors";
import type { FormObject } from "./form";
import { type CardBehaviour, cardFromPaymentMethodData, type EnteredCard } from "./cards";
import { createDispute } from "./charges";
import {
  attachPaymentMethod,
  createPaymentMethod,
  requireCustomer,
  storePaymentMethod,
  testCard,
} from "./customers";
import type { BillingDetails, ChargeObject, LastPaymentError, PaymentIntentObject, PaymentIntentStatus, PaymentMethodObject } from "./objects";
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
import { type FakeState, formatMoney, newId, nowSeconds, requirePaymentIntent } from "./state";

export { formatMoney, requirePaymentIntent };

const CREATE_PARAMS = [
  "amount", "currency", "customer", "metadata", "description", "setup_future_usage", "payment_method", "confirm",
  "off_session", "automatic_payment_methods", "payment_method_types", "payment_method_options", "receipt_email",
  "statement_descriptor", "statement_descriptor_suffix", "return_url", "capture_method", "error_on_requires_action",
  "use_stripe_sdk", "expand", "mandate_data", "payment_method_data", "allowed_payment_method_types", "excluded_payment_method_types",
];
const UPDATE_PARAMS = [
  "amount", "currency", "customer", "metadata", "description", "setup_future_usage", "payment_method",
  "payment_method_types", "payment_method_options", "receipt_email", "statement_descriptor",
  "statement_descriptor_suffix", "expand", "allowed_payment_method_types", "excluded_payment_method_types",
];
const CONFIRM_PARAMS = [
  "payment_method", "payment_method_data", "client_secret", "off_session", "return_url", "setup_future_usage", "receipt_email", "payment_method_options",
  "error_on_requires_action", "use_stripe_sdk", "expand", "mandate_data",
];
const PAYABLE: readonly PaymentIntentStatus[] = ["requires_payment_method", "requires_confirmation", "requires_action"];
const SETUP_FUTURE_USAGE = ["on_session", "off_session"] as const;
const CANCELLATION_REASONS = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"] as const;

/** Stripe's minimum charge amounts for the currencies a UK clinic is likely to use. */
const MINIMUM_AMOUNT: Record<string, number> = { gbp: 30, usd: 50, eur: 50 };

/** The presentment currencies Stripe accepts (https://docs.stripe.com/currencies); others → 400. */
const CURRENCIES = new Set(
  ("usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bif bmd bnd bob brl bsd bwp byn bzd cad cdf chf clp cny cop crc cve " +
    "czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr isk jmd jpy kes kgs khr kmf krw " +
    "kyd kzt lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd pab pen pgk php pkr pln " +
    "pyg qar ron rsd rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs top try ttd twd tzs uah ugx uyu uzs vnd vuv wst xaf " +
    "xcd xof xpf yer zar zmw").split(" "),
);

/**
 * Stripe's test PaymentMethod tokens the fake understands (`payment_method=pm_card_visa`).
 * Each use creates a fresh `pm_...` like the real API; what charging it does is in cards.ts.
 */
const TEST_TOKENS: Record<string, CardBehaviour & { last4: string; brand: string }> = {
  pm_card_visa: { last4: "4242", brand: "visa", outcome: "succeed" },
  pm_card_mastercard: { last4: "4444", brand: "mastercard", outcome: "succeed" },
  pm_card_amex: { last4: "8431", brand: "amex", outcome: "succeed" },
  pm_card_visa_chargeDeclined: { last4: "0002", brand: "visa", outcome: "decline" },
  pm_card_chargeDeclined: { last4: "0002", brand: "visa", outcome: "decline" },
  pm_card_chargeDeclinedInsufficientFunds: { last4: "9995", brand: "visa", outcome: "decline", declineCode: "insufficient_funds" },
  pm_card_authenticationRequired: { last4: "3184", brand: "visa", outcome: "authenticate" },
  pm_card_authenticationRequiredOnSetup: { last4: "3155", brand: "visa", outcome: "authenticate_unless_saved" },
  pm_card_createDispute: { last4: "0259", brand: "visa", outcome: "dispute" },
};

/**
 * Stripe's SEPA Direct Debit test IBANs (https://docs.stripe.com/testing#sepa-direct-debit):
 * the PaymentIntent goes through `processing`, then succeeds or fails.
 */
const TEST_IBANS: Record<string, "succeed" | "fail"> = {
  AT611904300234573201: "succeed",
  DE89370400440532013000: "succeed",
  AT861904300235473202: "fail",
  DE62370400440532013001: "fail",
};

const RETURN_URL_REQUIRED =
  "A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, " +
  "some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set " +
  "`automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.";

const UNUSABLE_PAYMENT_METHOD =
  "The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, " +
  "or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.";

/** How a confirmation pays: a PaymentMethod id/token, card details typed in Stripe.js, or a SEPA debit. */
interface ConfirmOptions {
  paymentMethod?: string;
  /** Card details typed into Stripe.js (`payment_method_data`), instead of a PaymentMethod. */
  card?: EnteredCard;
  /** `payment_method_data[type]=sepa_debit` with an IBAN. */
  sepa?: { iban: string; billing: Partial<BillingDetails> };
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
  if (params["payment_method_data"] !== undefined && !confirm) {
    throw invalidRequest("You can only pass `payment_method_data` when `confirm` is true.", "payment_method_data");
  }
  const captureMethod = readCaptureMethod(params);
  const id = newId("pi");
  const pi = newPaymentIntent(id, amount, currency, params);
  pi.capture_method = captureMethod;
  pi.customer = customer ?? null;
  pi.payment_method = optString(params, "payment_method") ?? null;
  if (pi.payment_method) requireUsablePaymentMethod(state, pi.payment_method, pi.customer);
  if (pi.payment_method) pi.status = "requires_confirmation";
  // Like Stripe, a create-and-confirm whose confirmation is invalid creates nothing.
  const options = confirm ? confirmOptions(params, pi.payment_method ?? undefined, offSession) : undefined;
  if (options) validateConfirmation(pi, options);
  state.paymentIntents.set(id, pi);
  state.emit("payment_intent.created", pi);
  if (options) return confirmWith(state, pi, options);
  return pi;
}

function newPaymentIntent(id: string, amount: number, currency: string, params: FormObject): PaymentIntentObject {
  const automatic = optObject(params, "automatic_payment_methods");
  // `allowed_payment_method_types` (current API versions) or the older `payment_method_types`.
  const allowed = params["allowed_payment_method_types"];
  if (allowed !== undefined && params["payment_method_types"] !== undefined) {
    throw invalidRequest("You may only specify one of these parameters: allowed_payment_method_types, payment_method_types.", "allowed_payment_method_types");
  }
  const types = allowed ?? params["payment_method_types"];
  if (automatic && types !== undefined) {
    throw invalidRequest("You may only specify one of these parameters: automatic_payment_methods, payment_method_types.", "automatic_payment_methods");
  }
  // On current API versions a PaymentIntent without payment_method_types uses automatic payment methods.
  const automaticEnabled = types === undefined && (automatic ? (optBool(automatic, "enabled") ?? false) : true);
  return {
    id,
    object: "payment_intent",
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: automaticEnabled ? { enabled: true, ...(automatic ? allowRedirects(automatic) : {}) } : null,
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
    payment_method_types: Array.isArray(types) ? types.filter((t): t is string => typeof t === "string") : currency === "eur" ? ["card", "sepa_debit"] : currency === "gbp" ? ["card", "bacs_debit"] : ["card"],
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

/** Types that never redirect the customer (cards, with 3-D Secure handled by the page; bank debits). */
const NO_REDIRECT_TYPES = ["card", "sepa_debit", "bacs_debit"];

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
  if (!CURRENCIES.has(raw.toLowerCase())) {
    throw invalidRequest(`Invalid currency: ${raw.toLowerCase()}. Stripe currently supports these currencies: ${[...CURRENCIES].join(", ")}`, "currency");
  }
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
  if (pm) requireUsablePaymentMethod(state, pm, pi.customer);
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
  if (paymentMethod && params["payment_method_data"] === undefined) requireUsablePaymentMethod(state, paymentMethod, pi.customer);
  const options = confirmOptions(params, paymentMethod, readOffSession(params));
  validateConfirmation(pi, options);
  if (sfu) pi.setup_future_usage = sfu;
  const receiptEmail = optString(params, "receipt_email");
  if (receiptEmail !== undefined) pi.receipt_email = receiptEmail;
  return confirmWith(state, pi, options);
}

/** Reads how a confirmation pays (`payment_method`, or `payment_method_data` of type card / sepa_debit). */
function confirmOptions(params: FormObject, paymentMethod: string | undefined, offSession: boolean): ConfirmOptions {
  const returnUrl = optString(params, "return_url");
  const data = optObject(params, "payment_method_data");
  if (data && optString(data, "type") === "sepa_debit") {
    const sepa = optObject(data, "sepa_debit");
    const iban = (sepa ? optString(sepa, "iban") : undefined)?.replace(/\s/g, "").toUpperCase();
    if (!iban) throw missingParam("payment_method_data[sepa_debit][iban]");
    const billing = optObject(data, "billing_details");
    const name = billing ? optString(billing, "name") : undefined;
    const email = billing ? optString(billing, "email") : undefined;
    if (!name) throw invalidRequest("Missing required param: payment_method_data[billing_details][name].", "payment_method_data[billing_details][name]", "parameter_missing");
    if (!email) throw invalidRequest("Missing required param: payment_method_data[billing_details][email].", "payment_method_data[billing_details][email]", "parameter_missing");
    if (!(iban in TEST_IBANS)) {
      throw invalidRequest("The IBAN you provided is not a test IBAN. Use one of Stripe's test IBANs in test mode.", "payment_method_data[sepa_debit][iban]", "invalid_bank_account_iban");
    }
    if (!offSession && !optObject(params, "mandate_data")) {
      throw invalidRequest("Missing required param: mandate_data. SEPA Direct Debit needs the customer's acceptance of the mandate.", "mandate_data", "parameter_missing");
    }
    return { sepa: { iban, billing: { name, email } }, offSession, ...(returnUrl ? { returnUrl } : {}) };
  }
  const card = data ? cardFromPaymentMethodData(params) : undefined;
  return { ...(paymentMethod && !card ? { paymentMethod } : {}), ...(card ? { card } : {}), offSession, ...(returnUrl ? { returnUrl } : {}) };
}

/**
 * Checks Stripe makes before attempting the payment: a payment method is needed, a SEPA
 * debit needs eur and sepa_debit allowed, and with automatic payment methods that may
 * redirect, an on-session confirmation needs a `return_url`.
 */
function validateConfirmation(pi: PaymentIntentObject, options: ConfirmOptions): void {
  if (!options.paymentMethod && !options.card && !options.sepa) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. " +
        "Update the PaymentIntent with a payment method and then confirm it again.",
      "payment_method",
      "payment_intent_unexpected_state",
    );
  }
  if (options.sepa && (pi.currency !== "eur" || !pi.payment_method_types.includes("sepa_debit"))) {
    throw invalidRequest(
      `The payment method type "sepa_debit" is invalid. Please ensure the provided type is activated in your dashboard and that the PaymentIntent's currency (${pi.currency}) is supported (sepa_debit: eur).`,
      "payment_method_data[type]",
      "payment_intent_invalid_parameter",
    );
  }
  const redirects =
    (pi.automatic_payment_methods?.enabled === true && pi.automatic_payment_methods.allow_redirects !== "never") ||
    pi.payment_method_types.some((type) => !NO_REDIRECT_TYPES.includes(type));
  if (redirects && !options.offSession && !options.returnUrl) throw invalidRequest(RETURN_URL_REQUIRED);
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

/**
 * A PaymentMethod Stripe would let this PaymentIntent use: a test token, or a stored one
 * that is neither detached nor spent, attached to no other customer. Unknown → 400
 * `resource_missing`; detached / spent → 400 invalid_request_error (not a card error).
 */
function requireUsablePaymentMethod(state: FakeState, pmId: string, customer: string | null): void {
  if (TEST_TOKENS[pmId]) return;
  const pm = state.paymentMethods.get(pmId);
  if (!pm) throw noSuch("PaymentMethod", pmId, "payment_method");
  if (state.unusablePaymentMethods.has(pmId)) throw invalidRequest(UNUSABLE_PAYMENT_METHOD, "payment_method");
  if (pm.customer && pm.customer !== customer) {
    throw invalidRequest(
      `The provided PaymentMethod is attached to a Customer (${pm.customer}), so you must also pass that Customer's ID.`,
      "payment_method",
    );
  }
}

/** Confirms a validated PaymentIntent: the payment method's behaviour decides the outcome. */
function confirmWith(state: FakeState, pi: PaymentIntentObject, options: ConfirmOptions): PaymentIntentObject {
  if (options.returnUrl) state.returnUrls.set(pi.id, options.returnUrl);
  const pm = paymentMethodFor(state, pi, options);
  return attempt(state, pi, pm, options.offSession, options.returnUrl ?? null);
}

function paymentMethodFor(state: FakeState, pi: PaymentIntentObject, options: ConfirmOptions): PaymentMethodObject {
  if (options.card) {
    const { card } = options;
    const details = { ...testCard(card.last4, card.brand), exp_month: card.expMonth, exp_year: card.expYear };
    return createPaymentMethod(state, details, billingFor(state, pi), card);
  }
  if (options.sepa) {
    const { iban, billing } = options.sepa;
    const sepa = { bank_code: iban.slice(4, 9), country: iban.slice(0, 2), last4: iban.slice(-4) };
    return storePaymentMethod(state, { type: "sepa_debit", sepa_debit: sepa }, billing, { outcome: TEST_IBANS[iban] === "fail" ? "delayed_fail" : "delayed_succeed" });
  }
  const id = options.paymentMethod as string;
  const token = TEST_TOKENS[id];
  if (token) return createPaymentMethod(state, testCard(token.last4, token.brand), billingFor(state, pi), token);
  const pm = state.paymentMethods.get(id);
  if (!pm) throw noSuch("PaymentMethod", id, "payment_method");
  return pm;
}

/**
 * One payment attempt with `pm`. Off-session (the client is absent): a card that needs
 * 3-D Secure fails with 402 `authentication_required` and the intent goes back to
 * `requires_payment_method`; on-session it waits in `requires_action`. Bank debits go to
 * `processing` and settle later (`settleProcessing`).
 */
function attempt(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, offSession: boolean, returnUrl: string | null): PaymentIntentObject {
  const behaviour = state.behaviours.get(pm.id) ?? { outcome: "succeed" };
  switch (behaviour.outcome) {
    case "decline":
      return settle(state, pi, pm, "fail", behaviour.declineCode);
    case "authenticate":
      return offSession ? failAuthenticationRequired(state, pi, pm) : requireAction(state, pi, pm, returnUrl);
    case "authenticate_unless_saved":
      if (offSession && pm.customer && pm.customer === pi.customer) return settle(state, pi, pm, "succeed");
      return offSession ? failAuthenticationRequired(state, pi, pm) : requireAction(state, pi, pm, returnUrl);
    case "delayed_succeed":
    case "delayed_fail":
      return startProcessing(state, pi, pm, behaviour.outcome === "delayed_succeed" ? "succeed" : "fail");
    case "dispute": {
      settle(state, pi, pm, "succeed");
      createDispute(state, pi.latest_charge as string, { reason: "fraudulent" });
      return pi;
    }
    default:
      return settle(state, pi, pm, "succeed");
  }
}

function failAuthenticationRequired(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject): never {
  const message = "Your card was declined. This transaction requires authentication.";
  const error: LastPaymentError = {
    type: "card_error",
    code: "authentication_required",
    decline_code: "authentication_required",
    doc_url: "https://stripe.com/docs/error-codes/authentication-required",
    message,
    payment_method: structuredClone(pm),
  };
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.last_payment_error = error;
  state.emit("payment_intent.payment_failed", pi);
  throw cardError("authentication_required", message, {
    decline_code: "authentication_required",
    payment_intent: structuredClone(pi),
    payment_method: structuredClone(pm),
  });
}

function requireAction(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, returnUrl: string | null): PaymentIntentObject {
  pi.payment_method = pm.id;
  pi.status = "requires_action";
  pi.next_action = { type: "redirect_to_url", redirect_to_url: { url: state.checkoutUrl(pi.id), return_url: returnUrl } };
  state.emit("payment_intent.requires_action", pi);
  return pi;
}

/** A bank debit was submitted: `processing` with a pending charge until it settles. */
function startProcessing(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, outcome: "succeed" | "fail"): PaymentIntentObject {
  const charge = newCharge(state, pi, pm, false);
  charge.status = "pending";
  charge.failure_code = null;
  charge.failure_message = null;
  charge.outcome = { ...charge.outcome, network_status: "approved_by_network", reason: null, seller_message: "Payment pending.", type: "authorized" };
  state.charges.set(charge.id, charge);
  pi.latest_charge = charge.id;
  pi.payment_method = pm.id;
  pi.next_action = null;
  pi.last_payment_error = null;
  pi.status = "processing";
  state.pendingSettlements.set(pi.id, outcome);
  state.emit("charge.pending", charge);
  state.emit("payment_intent.processing", pi);
  state.onProcessing(pi.id);
  return pi;
}

/**
 * The bank answers for a `processing` PaymentIntent: succeeded (charge.succeeded,
 * payment_intent.succeeded) or failed (charge.failed, payment_intent.payment_failed, back
 * to `requires_payment_method`). No-op once settled.
 */
export function settleProcessing(state: FakeState, id: string): PaymentIntentObject | undefined {
  const pi = state.paymentIntents.get(id);
  const outcome = state.pendingSettlements.get(id);
  if (!pi || !outcome || pi.status !== "processing") return pi;
  state.pendingSettlements.delete(id);
  const charge = pi.latest_charge ? state.charges.get(pi.latest_charge) : undefined;
  const pm = pi.payment_method ? state.paymentMethods.get(pi.payment_method) : undefined;
  if (!charge || !pm) return pi;
  if (outcome === "succeed") {
    Object.assign(charge, { status: "succeeded", paid: true, captured: true, amount_captured: charge.amount, balance_transaction: newId("txn") });
    charge.outcome = { ...charge.outcome, seller_message: "Payment complete." };
    return succeed(state, pi, pm, charge);
  }
  Object.assign(charge, { status: "failed", failure_code: "insufficient_funds", failure_message: "The customer's account has insufficient funds to cover this payment." });
  charge.outcome = { ...charge.outcome, network_status: "declined_by_network", reason: "insufficient_funds", seller_message: "The bank returned the debit.", type: "issuer_declined" };
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.last_payment_error = {
    type: "card_error",
    code: "insufficient_funds",
    doc_url: "https://stripe.com/docs/error-codes/insufficient-funds",
    message: "The customer's account has insufficient funds to cover this payment.",
    charge: charge.id,
    payment_method: structuredClone(pm),
  };
  state.emit("charge.failed", charge);
  state.emit("payment_intent.payment_failed", pi);
  return pi;
}

/**
 * The checkout page's "Pay" / "Decline card" (and `FakeStripe.complete`). Uses the card
 * already on the PaymentIntent when there is one, else a new test card.
 */
export type CheckoutOutcome = "succeed" | "fail" | "debit_succeeds" | "debit_fails";

export function completeFromCheckout(state: FakeState, id: string, outcome: CheckoutOutcome): PaymentIntentObject {
  const pi = requirePaymentIntent(state, id);
  requireConfirmable(pi);
  if (outcome === "debit_succeeds" || outcome === "debit_fails") {
    // "Pay by Bacs Direct Debit": a bank debit that settles later (a delayed notification method).
    const bacs = storePaymentMethod(state, { type: "bacs_debit", bacs_debit: { sort_code: "108800", last4: "2345" } }, billingFor(state, pi), {
      outcome: outcome === "debit_succeeds" ? "delayed_succeed" : "delayed_fail",
    });
    return startProcessing(state, pi, bacs, outcome === "debit_succeeds" ? "succeed" : "fail");
  }
  const existing = pi.payment_method ? state.paymentMethods.get(pi.payment_method) : undefined;
  const pm = existing ?? createPaymentMethod(state, testCard(outcome === "succeed" ? "4242" : "0002"), billingFor(state, pi), { outcome: outcome === "succeed" ? "succeed" : "decline" });
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
function settle(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, outcome: "succeed" | "fail", declineCode = "generic_decline"): PaymentIntentObject {
  const charge = newCharge(state, pi, pm, outcome === "succeed", declineCode);
  state.charges.set(charge.id, charge);
  pi.latest_charge = charge.id;
  pi.next_action = null;
  if (outcome === "succeed") return succeed(state, pi, pm, charge);
  return decline(state, pi, pm, charge, declineCode);
}

function succeed(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, charge: ChargeObject): PaymentIntentObject {
  if (pi.setup_future_usage && pi.customer && !pm.customer && state.customers.has(pi.customer)) {
    attachPaymentMethod(state, pm, pi.customer);
  }
  // Used once without being saved on a customer: Stripe will not accept it again.
  if (!pm.customer) state.unusablePaymentMethods.add(pm.id);
  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  state.emit("charge.succeeded", charge);
  state.emit("payment_intent.succeeded", pi);
  return pi;
}

function decline(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, charge: ChargeObject, declineCode: string): never {
  const message = declineCode === "insufficient_funds" ? "Your card has insufficient funds." : "Your card was declined.";
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.last_payment_error = {
    type: "card_error",
    code: "card_declined",
    decline_code: declineCode,
    doc_url: "https://stripe.com/docs/error-codes/card-declined",
    message,
    charge: charge.id,
    payment_method: structuredClone(pm),
  };
  state.emit("charge.failed", charge);
  state.emit("payment_intent.payment_failed", pi);
  throw cardError("card_declined", message, {
    decline_code: declineCode,
    charge: charge.id,
    payment_intent: structuredClone(pi),
    payment_method: structuredClone(pm),
  });
}

function newCharge(state: FakeState, pi: PaymentIntentObject, pm: PaymentMethodObject, paid: boolean, declineCode = "generic_decline"): ChargeObject {
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
      reason: paid ? null : declineCode,
      risk_level: "normal",
      seller_message: paid ? "Payment complete." : "The bank did not return any further details with this decline.",
      type: paid ? "authorized" : "issuer_declined",
    },
    paid,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: {
      type: pm.type,
      ...(pm.card ? { card: structuredClone(pm.card) } : {}),
      ...(pm.sepa_debit ? { sepa_debit: structuredClone(pm.sepa_debit) } : {}),
      ...(pm.bacs_debit ? { bacs_debit: structuredClone(pm.bacs_debit) } : {}),
    },
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
