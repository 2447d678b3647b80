/** Customers and the card PaymentMethods saved on them. */
import type { CardBehaviour } from "./cards";
import { invalidRequest, noSuch } from "./errors";
import type { FormObject } from "./form";
import type { BillingDetails, CardDetails, CustomerObject, DeletedCustomerObject, PaymentMethodObject } from "./objects";
import { applyMetadata, optEnum, optNullableString, optObject, optString, onlyParams } from "./params";
import { type FakeState, newId, nowSeconds } from "./state";

const CUSTOMER_PARAMS = ["email", "name", "phone", "description", "metadata", "address", "preferred_locales", "invoice_settings", "payment_method", "expand"];

export function createCustomer(state: FakeState, params: FormObject): CustomerObject {
  onlyParams(params, CUSTOMER_PARAMS);
  const customer: CustomerObject = {
    id: newId("cus", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: nowSeconds(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: null,
    invoice_prefix: newId("X", 8).slice(2).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: null,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
  };
  applyCustomerParams(state, customer, params);
  state.customers.set(customer.id, customer);
  state.emit("customer.created", customer);
  const pm = optString(params, "payment_method");
  if (pm) attachPaymentMethod(state, requirePaymentMethod(state, pm, "payment_method"), customer.id);
  return customer;
}

export function updateCustomer(state: FakeState, id: string, params: FormObject): CustomerObject {
  onlyParams(params, CUSTOMER_PARAMS.filter((p) => p !== "payment_method"));
  const customer = requireCustomer(state, id);
  const before = structuredClone(customer);
  applyCustomerParams(state, customer, params);
  const previous = changedFields(before, customer);
  if (Object.keys(previous).length > 0) state.emit("customer.updated", customer, previous);
  return customer;
}

/** `previous_attributes` of an update: the old value of each top-level field that changed. */
function changedFields(before: CustomerObject, after: CustomerObject): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof CustomerObject)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key];
  }
  return previous;
}

function applyCustomerParams(state: FakeState, customer: CustomerObject, params: FormObject): void {
  const email = optNullableString(params, "email");
  if (email !== undefined) customer.email = email;
  const name = optNullableString(params, "name");
  if (name !== undefined) customer.name = name;
  const phone = optNullableString(params, "phone");
  if (phone !== undefined) customer.phone = phone;
  const description = optNullableString(params, "description");
  if (description !== undefined) customer.description = description;
  const address = optObject(params, "address");
  if (address) customer.address = address;
  const locales = params["preferred_locales"];
  if (Array.isArray(locales)) customer.preferred_locales = locales.filter((l): l is string => typeof l === "string");
  customer.metadata = applyMetadata(customer.metadata, params);
  const settings = optObject(params, "invoice_settings");
  if (settings) {
    const pm = optNullableString(settings, "default_payment_method");
    if (pm) requireAttachedTo(state, pm, customer.id, "invoice_settings[default_payment_method]");
    if (pm !== undefined) customer.invoice_settings.default_payment_method = pm;
  }
}

/** `GET /v1/customers/:id`: a deleted customer answers `{ id, object, deleted: true }` like Stripe. */
export function retrieveCustomer(state: FakeState, id: string): CustomerObject | DeletedCustomerObject {
  if (state.deletedCustomers.has(id)) return { id, object: "customer", deleted: true };
  return requireCustomer(state, id);
}

export function deleteCustomer(state: FakeState, id: string): DeletedCustomerObject {
  const customer = requireCustomer(state, id);
  state.customers.delete(id);
  state.deletedCustomers.add(id);
  // Like Stripe: the customer's saved PaymentMethods are detached with it.
  for (const pm of state.paymentMethods.values()) {
    if (pm.customer === id) {
      pm.customer = null;
      state.unusablePaymentMethods.add(pm.id);
    }
  }
  state.emit("customer.deleted", customer);
  return { id, object: "customer", deleted: true };
}

export function listCustomers(state: FakeState, params: FormObject): CustomerObject[] {
  const email = optString(params, "email");
  return [...state.customers.values()].filter((c) => email === undefined || c.email === email);
}

/**
 * A tiny subset of Stripe's search query language: `field:"value"` clauses joined with
 * `AND`, for `email`, `name`, `phone` and `metadata["key"]`.
 */
export function searchCustomers(state: FakeState, query: string): CustomerObject[] {
  const clauses = query.split(/\s+AND\s+/i).map(parseClause);
  return [...state.customers.values()].filter((c) => clauses.every((clause) => clause(c)));
}

function parseClause(clause: string): (c: CustomerObject) => boolean {
  const meta = /^metadata\[["']([^"']+)["']\]\s*:\s*["']([^"']*)["']$/.exec(clause.trim());
  if (meta) return (c) => c.metadata[meta[1] ?? ""] === meta[2];
  const field = /^(email|name|phone)\s*:\s*["']([^"']*)["']$/.exec(clause.trim());
  if (!field) throw invalidRequest(`The local fake Stripe cannot search by: ${clause}`, "query");
  const key = field[1] as "email" | "name" | "phone";
  return (c) => c[key] === field[2];
}

export function requireCustomer(state: FakeState, id: string, param = "id"): CustomerObject {
  const customer = state.customers.get(id);
  if (!customer) throw noSuch("customer", id, param);
  return customer;
}

export function requirePaymentMethod(state: FakeState, id: string, param = "id"): PaymentMethodObject {
  const pm = state.paymentMethods.get(id);
  if (!pm) throw noSuch("PaymentMethod", id, param);
  return pm;
}

function requireAttachedTo(state: FakeState, pmId: string, customerId: string, param: string): void {
  const pm = requirePaymentMethod(state, pmId, param);
  if (pm.customer !== customerId) {
    throw invalidRequest(`The PaymentMethod ${pmId} is not attached to customer ${customerId}.`, param);
  }
}

/** Card details for the fake's cards: a "4242" Visa by default, "0002" for declines. */
export function testCard(last4 = "4242", brand = "visa"): CardDetails {
  return { brand, last4, exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, country: "GB", funding: "credit" };
}

export function createPaymentMethod(
  state: FakeState,
  card: CardDetails,
  billing: Partial<BillingDetails> = {},
  behaviour: CardBehaviour = { outcome: "succeed" },
): PaymentMethodObject {
  return storePaymentMethod(state, { type: "card", card }, billing, behaviour);
}

/** A PaymentMethod of any emulated type; `behaviour` says what charging it does. */
export function storePaymentMethod(
  state: FakeState,
  details: Pick<PaymentMethodObject, "type" | "card" | "sepa_debit" | "bacs_debit">,
  billing: Partial<BillingDetails>,
  behaviour: CardBehaviour,
): PaymentMethodObject {
  const pm: PaymentMethodObject = {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: { address: null, email: null, name: null, phone: null, ...billing },
    ...details,
    created: nowSeconds(),
    customer: null,
    livemode: false,
    metadata: {},
  };
  state.paymentMethods.set(pm.id, pm);
  state.behaviours.set(pm.id, behaviour);
  return pm;
}

export function attachPaymentMethod(state: FakeState, pm: PaymentMethodObject, customerId: string): PaymentMethodObject {
  requireCustomer(state, customerId, "customer");
  if (pm.customer && pm.customer !== customerId) {
    throw invalidRequest(`The payment method you provided has already been attached to a customer.`, "payment_method", "payment_method_unexpected_state");
  }
  if (!pm.customer) {
    pm.customer = customerId;
    state.emit("payment_method.attached", pm);
  }
  return pm;
}

export function detachPaymentMethod(state: FakeState, id: string): PaymentMethodObject {
  const pm = requirePaymentMethod(state, id);
  if (!pm.customer) throw invalidRequest("The payment method you provided is not attached to a customer so detachment is impossible.", undefined, "payment_method_unexpected_state");
  const customer = state.customers.get(pm.customer);
  if (customer?.invoice_settings.default_payment_method === pm.id) customer.invoice_settings.default_payment_method = null;
  pm.customer = null;
  state.unusablePaymentMethods.add(pm.id);
  state.emit("payment_method.detached", pm, { customer: customer?.id ?? null });
  return pm;
}

export function listPaymentMethods(state: FakeState, params: FormObject, customerId?: string): PaymentMethodObject[] {
  const customer = customerId ?? optString(params, "customer");
  if (customer) requireCustomer(state, customer, customerId ? "id" : "customer");
  const type = optEnum(params, "type", ["card", "sepa_debit", "bacs_debit"] as const);
  return [...state.paymentMethods.values()].filter((pm) => (customer === undefined || pm.customer === customer) && (!type || pm.type === type));
}
