/**
 * The HTTP surface of the fake: the `/v1/...` REST API (Bearer auth, form bodies,
 * idempotency keys, Stripe-shaped errors, CORS for browsers), the Stripe.js stand-in at
 * `/v3/` and the dev checkout pages.
 */
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import {
  createRefund,
  listCharges,
  listRefunds,
  requireCharge,
  requireDispute,
  requireRefund,
} from "./charges";
import { checkoutPage, closedPage, escapeHtml, notFoundPage, resultPage } from "./checkout-page";
import {
  attachPaymentMethod,
  createCustomer,
  deleteCustomer,
  detachPaymentMethod,
  listCustomers,
  listPaymentMethods,
  requirePaymentMethod,
  retrieveCustomer,
  searchCustomers,
  updateCustomer,
} from "./customers";
import { ApiError, idempotencyMismatch, invalidRequest, missingParam, noSuch, unauthorized } from "./errors";
import { canonicalJson, type FormObject, parseForm } from "./form";
import type { PaymentIntentObject } from "./objects";
import { expandList, onlyParams, optString, reqString } from "./params";
import {
  cancelPaymentIntent,
  type CheckoutOutcome,
  completeFromCheckout,
  confirmPaymentIntent,
  createPaymentIntent,
  formatMoney,
  isPayable,
  listPaymentIntents,
  requirePaymentIntent,
  updatePaymentIntent,
} from "./payment-intents";
import { expand, type FakeState, newId, paginate } from "./state";
import { stripeJs } from "./stripe-js";
import type { WebhookDelivery } from "./webhooks";

interface ApiRequest {
  params: FormObject;
  id: string;
  url: string;
  /** Called from a browser with the publishable key (then `client_secret` is the proof). */
  publishable: boolean;
}

/** Who may call an endpoint: the server's secret key only, or also a browser's publishable key. */
type Access = "secret" | "client";

type ApiHandler = (req: ApiRequest) => unknown;
/** A handler once the caller's key is known (authentication decided `publishable`). */
type AuthorizedHandler = (req: Omit<ApiRequest, "publishable">) => unknown;

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
  /** When the key was first used (the fake's clock, ms); Stripe forgets keys after 24 hours. */
  storedAt: number;
}

const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export interface AppDeps {
  state: FakeState;
  secretKey: string;
  publishableKey: string;
  /** Where browsers reach this fake (the API base the Stripe.js stand-in calls). */
  publicUrl: () => string;
  deliveries: readonly WebhookDelivery[];
}

const LIST_PARAMS = ["limit", "starting_after", "ending_before", "expand"];
const MAX_IDEMPOTENCY_KEYS = 10_000;
const API_VERSION_HEADER = "stripe-version";

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  // Stripe's API answers browsers from any origin (Stripe.js calls it from the shop's pages).
  app.use("/v1/*", cors({ origin: "*", allowHeaders: ["Authorization", "Content-Type", "Stripe-Version", "Idempotency-Key"], exposeHeaders: ["Request-Id"] }));
  const api = new ApiRouter(app, deps);
  registerCustomerRoutes(api, deps.state);
  registerPaymentIntentRoutes(api, deps.state);
  registerChargeRoutes(api, deps.state);
  registerPaymentMethodRoutes(api, deps.state);
  registerEventRoutes(api, deps.state);
  registerCheckoutRoutes(app, deps.state);
  const script = (c: Context) => c.body(stripeJs(deps.publicUrl()), 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" });
  app.get("/v3/", script);
  app.get("/v3", script);
  app.get("/", (c) => c.html(indexPage(deps)));
  app.all("/v1/*", (c) => api.unknownRoute(c));
  return app;
}

/** Wraps handlers with auth, parameter decoding, idempotency and error mapping. */
class ApiRouter {
  private readonly idempotent = new Map<string, StoredResponse>();

  constructor(
    private readonly app: Hono,
    private readonly deps: AppDeps,
  ) {}

  get(path: string, handler: ApiHandler, access: Access = "secret"): void {
    this.app.get(path, (c) => this.handle(c, handler, access));
  }

  post(path: string, handler: ApiHandler, access: Access = "secret"): void {
    this.app.post(path, (c) => this.handle(c, handler, access));
  }

  delete(path: string, handler: ApiHandler): void {
    this.app.delete(path, (c) => this.handle(c, handler, "secret"));
  }

  unknownRoute(c: Context): Response {
    const auth = this.authenticate(c, "secret");
    if (auth instanceof ApiError) return this.respond(c, auth.status, auth.toJSON());
    const error = invalidRequest(`Unrecognized request URL (${c.req.method}: ${new URL(c.req.url).pathname}). Not emulated by the local fake Stripe.`, undefined, undefined, 404);
    return this.respond(c, error.status, error.toJSON());
  }

  private async handle(c: Context, route: ApiHandler, access: Access): Promise<Response> {
    const auth = this.authenticate(c, access);
    if (auth instanceof ApiError) return this.respond(c, auth.status, auth.toJSON());
    const handler: AuthorizedHandler = (req) => route({ ...req, publishable: auth.publishable });
    const url = new URL(c.req.url);
    const params = c.req.method === "POST" ? parseForm(await c.req.text()) : parseForm(url.search.slice(1));
    const key = c.req.method === "POST" ? c.req.header("idempotency-key") : undefined;
    if (key) return this.handleIdempotent(c, handler, params, key, url.pathname);
    const result = this.run(handler, params, c.req.param("id") ?? "", url.pathname, null);
    return this.respond(c, result.status, result.body);
  }

  private handleIdempotent(c: Context, handler: AuthorizedHandler, params: FormObject, key: string, path: string): Response {
    const fingerprint = `${c.req.method} ${path} ${canonicalJson(params)}`;
    const now = this.deps.state.now();
    const remembered = this.idempotent.get(key);
    // After 24 hours the key is forgotten: the request runs again as new (Stripe's "keys expire").
    if (remembered && now - remembered.storedAt >= IDEMPOTENCY_KEY_TTL_MS) this.idempotent.delete(key);
    const stored = this.idempotent.get(key);
    if (stored && stored.fingerprint !== fingerprint) {
      const error = idempotencyMismatch(key);
      return this.respond(c, error.status, error.toJSON(), { "idempotency-key": key });
    }
    if (stored) return this.respond(c, stored.status, stored.body, { "idempotency-key": key, "idempotent-replayed": "true" });
    const result = this.run(handler, params, c.req.param("id") ?? "", path, key);
    // Like Stripe: a result is saved once the endpoint ran (success or card error), not for rejected input.
    if (result.status < 400 || result.status === 402) this.remember(key, { fingerprint, ...result, storedAt: now });
    return this.respond(c, result.status, result.body, { "idempotency-key": key });
  }

  private remember(key: string, response: StoredResponse): void {
    if (this.idempotent.size >= MAX_IDEMPOTENCY_KEYS) {
      const oldest = this.idempotent.keys().next().value;
      if (oldest !== undefined) this.idempotent.delete(oldest);
    }
    this.idempotent.set(key, response);
  }

  /** Runs the handler synchronously (so no two requests interleave) and maps errors. */
  private run(handler: AuthorizedHandler, params: FormObject, id: string, url: string, key: string | null): { status: number; body: unknown } {
    const state = this.deps.state;
    state.request = { id: newId("req", 14), idempotencyKey: key };
    try {
      const body = handler({ params, id, url });
      return { status: 200, body: expand(state, body, expandList(params)) };
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: error.toJSON() };
      console.error("[fake-stripe] unexpected error", error);
      return { status: 500, body: { error: { type: "api_error", message: `Fake Stripe internal error: ${String(error)}` } } };
    } finally {
      state.request = { id: null, idempotencyKey: null };
    }
  }

  private authenticate(c: Context, access: Access): ApiError | { publishable: boolean } {
    const header = c.req.header("authorization") ?? "";
    const key = bearerKey(header) ?? basicKey(header);
    if (!key) {
      return unauthorized(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      );
    }
    if (key === this.deps.secretKey) return { publishable: false };
    if (key !== this.deps.publishableKey) return unauthorized(`Invalid API Key provided: ${redactKey(key)}`);
    if (access === "client") return { publishable: true };
    return unauthorized(
      "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
    );
  }

  private respond(c: Context, status: number, body: unknown, headers: Record<string, string> = {}): Response {
    const all: Record<string, string> = {
      "content-type": "application/json",
      "request-id": newId("req", 14),
      "stripe-version": c.req.header(API_VERSION_HEADER) ?? "",
      ...headers,
    };
    return new Response(JSON.stringify(body, null, 2), { status, headers: all });
  }
}

function bearerKey(header: string): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

function basicKey(header: string): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  return decoded.split(":")[0] || undefined;
}

function redactKey(key: string): string {
  return key.length <= 12 ? `${key.slice(0, 3)}****` : `${key.slice(0, 8)}****${key.slice(-4)}`;
}

function registerCustomerRoutes(api: ApiRouter, state: FakeState): void {
  api.post("/v1/customers", ({ params }) => createCustomer(state, params));
  api.get("/v1/customers", ({ params, url }) => {
    onlyParams(params, [...LIST_PARAMS, "email"]);
    return paginate(listCustomers(state, params), params, url);
  });
  api.get("/v1/customers/search", ({ params, url }) => {
    onlyParams(params, ["query", "limit", "page", "expand"]);
    const data = searchCustomers(state, reqString(params, "query")).reverse();
    return { object: "search_result", data, has_more: false, next_page: null, url };
  });
  api.get("/v1/customers/:id", ({ params, id }) => {
    onlyParams(params, ["expand"]);
    return retrieveCustomer(state, id);
  });
  api.post("/v1/customers/:id", ({ params, id }) => updateCustomer(state, id, params));
  api.delete("/v1/customers/:id", ({ id }) => deleteCustomer(state, id));
  api.get("/v1/customers/:id/payment_methods", ({ params, id, url }) => {
    onlyParams(params, [...LIST_PARAMS, "type", "allow_redisplay"]);
    return paginate(listPaymentMethods(state, params, id), params, url);
  });
}

function registerPaymentIntentRoutes(api: ApiRouter, state: FakeState): void {
  api.post("/v1/payment_intents", ({ params }) => createPaymentIntent(state, params));
  api.get("/v1/payment_intents", ({ params, url }) => {
    onlyParams(params, [...LIST_PARAMS, "customer"]);
    return paginate(listPaymentIntents(state, params), params, url);
  });
  api.get(
    "/v1/payment_intents/:id",
    ({ params, id, publishable }) => {
      onlyParams(params, ["expand", "client_secret"]);
      const pi = requirePaymentIntent(state, id);
      requireClientSecret(pi, params, publishable);
      return publishable ? clientView(pi) : pi;
    },
    "client",
  );
  api.post("/v1/payment_intents/:id", ({ params, id }) => updatePaymentIntent(state, id, params));
  api.post(
    "/v1/payment_intents/:id/confirm",
    ({ params, id, publishable }) => {
      requireClientSecret(requirePaymentIntent(state, id), params, publishable);
      const pi = confirmPaymentIntent(state, id, params);
      return publishable ? clientView(pi) : pi;
    },
    "client",
  );
  api.post("/v1/payment_intents/:id/cancel", ({ params, id }) => cancelPaymentIntent(state, id, params));
}

/**
 * A browser (publishable key) proves it may see or pay a PaymentIntent with its client
 * secret; a server may pass one too, which must then match.
 */
function requireClientSecret(pi: PaymentIntentObject, params: FormObject, publishable: boolean): void {
  const secret = optString(params, "client_secret");
  if (secret === undefined && !publishable) return;
  if (secret === undefined) throw missingParam("client_secret");
  if (secret !== pi.client_secret) {
    throw invalidRequest(
      "The client_secret provided does not match any associated PaymentIntent on this account. Ensure the publishable key used belongs to the same account that created the PaymentIntent.",
      "client_secret",
      "payment_intent_invalid_parameter",
    );
  }
}

/** What a publishable key sees of a PaymentIntent: not the customer or the server's metadata. */
function clientView(pi: PaymentIntentObject): Omit<PaymentIntentObject, "customer" | "metadata"> {
  const { customer: _customer, metadata: _metadata, ...visible } = pi;
  return visible;
}

function registerChargeRoutes(api: ApiRouter, state: FakeState): void {
  api.get("/v1/charges", ({ params, url }) => {
    onlyParams(params, [...LIST_PARAMS, "customer", "payment_intent"]);
    return paginate(listCharges(state, params), params, url);
  });
  api.get("/v1/charges/:id", ({ params, id }) => {
    onlyParams(params, ["expand"]);
    return requireCharge(state, id);
  });
  api.post("/v1/refunds", ({ params }) => createRefund(state, params));
  api.get("/v1/refunds", ({ params, url }) => {
    onlyParams(params, [...LIST_PARAMS, "charge", "payment_intent"]);
    return paginate(listRefunds(state, params), params, url);
  });
  api.get("/v1/refunds/:id", ({ params, id }) => {
    onlyParams(params, ["expand"]);
    return requireRefund(state, id);
  });
  api.get("/v1/disputes", ({ params, url }) => {
    onlyParams(params, [...LIST_PARAMS, "charge", "payment_intent"]);
    const charge = optString(params, "charge");
    const pi = optString(params, "payment_intent");
    const all = [...state.disputes.values()].filter((d) => (!charge || d.charge === charge) && (!pi || d.payment_intent === pi));
    return paginate(all, params, url);
  });
  api.get("/v1/disputes/:id", ({ params, id }) => {
    onlyParams(params, ["expand"]);
    return requireDispute(state, id);
  });
}

function registerPaymentMethodRoutes(api: ApiRouter, state: FakeState): void {
  api.get("/v1/payment_methods", ({ params, url }) => {
    onlyParams(params, [...LIST_PARAMS, "customer", "type", "allow_redisplay"]);
    return paginate(listPaymentMethods(state, params), params, url);
  });
  api.get("/v1/payment_methods/:id", ({ params, id }) => {
    onlyParams(params, ["expand"]);
    return requirePaymentMethod(state, id);
  });
  api.post("/v1/payment_methods/:id/attach", ({ params, id }) => {
    onlyParams(params, ["customer", "expand"]);
    return attachPaymentMethod(state, requirePaymentMethod(state, id), reqString(params, "customer"));
  });
  api.post("/v1/payment_methods/:id/detach", ({ params, id }) => {
    onlyParams(params, ["expand"]);
    return detachPaymentMethod(state, id);
  });
}

function registerEventRoutes(api: ApiRouter, state: FakeState): void {
  api.get("/v1/events", ({ params, url }) => {
    onlyParams(params, [...LIST_PARAMS, "type", "types"]);
    const type = optString(params, "type");
    const types = params["types"];
    const wanted = Array.isArray(types) ? types : undefined;
    const matches = (t: string) => (type === undefined || matchesType(type, t)) && (!wanted || wanted.includes(t));
    return paginate(state.events.filter((e) => matches(e.type)), params, url);
  });
  api.get("/v1/events/:id", ({ params, id }) => {
    onlyParams(params, ["expand"]);
    const event = state.eventsById.get(id);
    if (!event) throw noSuch("event", id);
    return event;
  });
}

/** Stripe's `type` filter accepts `*` wildcards (`payment_intent.*`). */
function matchesType(pattern: string, type: string): boolean {
  if (!pattern.includes("*")) return pattern === type;
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(type);
}

function registerCheckoutRoutes(app: Hono, state: FakeState): void {
  app.get("/checkout/:id", (c) => {
    const pi = state.paymentIntents.get(c.req.param("id"));
    if (!pi) return c.html(notFoundPage(c.req.param("id")), 404);
    return c.html(isPayable(pi) ? checkoutPage(pi) : closedPage(pi));
  });
  app.post("/checkout/:id/complete", async (c) => {
    const pi = state.paymentIntents.get(c.req.param("id"));
    if (!pi) return c.html(notFoundPage(c.req.param("id")), 404);
    if (!isPayable(pi)) return c.html(closedPage(pi), 409);
    const outcome = optString(parseForm(await c.req.text()), "outcome");
    if (!isCheckoutOutcome(outcome)) return c.text("outcome must be succeed, fail, debit_succeeds or debit_fails", 400);
    completeFromCheckout(state, pi.id, outcome);
    const redirect = returnUrlFor(state, pi);
    return redirect ? c.redirect(redirect, 303) : c.html(resultPage(pi));
  });
}

const CHECKOUT_OUTCOMES: readonly string[] = ["succeed", "fail", "debit_succeeds", "debit_fails"] satisfies CheckoutOutcome[];

function isCheckoutOutcome(value: string | undefined): value is CheckoutOutcome {
  return value !== undefined && CHECKOUT_OUTCOMES.includes(value);
}

/** `metadata.return_url` (or a confirm `return_url`) + Stripe's redirect query parameters. */
function returnUrlFor(state: FakeState, pi: PaymentIntentObject): string | undefined {
  const base = pi.metadata["return_url"] ?? state.returnUrls.get(pi.id);
  if (!base) return undefined;
  try {
    const url = new URL(base);
    url.searchParams.set("payment_intent", pi.id);
    url.searchParams.set("payment_intent_client_secret", pi.client_secret);
    url.searchParams.set("redirect_status", pi.status === "succeeded" ? "succeeded" : pi.status === "processing" ? "processing" : "failed");
    return url.toString();
  } catch {
    return undefined;
  }
}

function indexPage(deps: AppDeps): string {
  const rows = [...deps.state.paymentIntents.values()]
    .reverse()
    .slice(0, 50)
    .map(
      (pi) =>
        `<tr><td><a href="checkout/${escapeHtml(pi.id)}">${escapeHtml(pi.id)}</a></td><td>${escapeHtml(formatMoney(pi.amount, pi.currency))}</td><td>${escapeHtml(pi.status)}</td><td>${escapeHtml(pi.description ?? "")}</td></tr>`,
    )
    .join("");
  const deliveries = deps.deliveries
    .slice(-50)
    .reverse()
    .map((d) => `<tr><td>${escapeHtml(d.eventId)}</td><td>${escapeHtml(d.type)}</td><td>${d.status}</td><td>${d.attempt}</td></tr>`)
    .join("");
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Local fake Stripe</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:1rem;color:#1a1f36}table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #d8dce6}</style></head>
<body><main><h1>Local fake Stripe</h1><p>Test mode only — no real money.</p>
<h2>Payment intents</h2><table><thead><tr><th scope="col">Id</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Description</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Webhook deliveries</h2><table><thead><tr><th scope="col">Event</th><th scope="col">Type</th><th scope="col">HTTP status</th><th scope="col">Attempt</th></tr></thead><tbody>${deliveries}</tbody></table>
</main></body></html>`;
}
