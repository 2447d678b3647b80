/**
 * An in-repo fake Stripe for offline development and tests. The real `stripe` SDK talks to
 * it over HTTP (`new Stripe(key, { host, port, protocol: "http" })`, or `fake.client()`).
 *
 * Emulated (API version of the installed SDK, test mode only):
 * - Auth: `Authorization: Bearer sk_test_local` (or Basic); anything else → 401. The
 *   publishable key `pk_test_local` may only retrieve and confirm a PaymentIntent, with its
 *   `client_secret` (a wrong one → 400 `payment_intent_invalid_parameter`); it sees no
 *   `customer` or `metadata`. `/v1/*` answers CORS (any origin), as Stripe's API does.
 * - Stripe.js stand-in at `GET /v3/` (stripe-js.ts): `Stripe(pk).elements({ clientSecret })`,
 *   `create("payment").mount(...)` (test card fields), `confirmPayment(...)` → the REST
 *   confirm with `payment_method_data[card]` (test numbers 4242… pays, 4000 0000 0000 0002
 *   declines, 4000 0025 0000 3155 asks for 3-D Secure; see cards.ts).
 * - Form-encoded bodies and query strings with nested keys (`metadata[k]`, `expand[0]`),
 *   unknown parameters rejected (`parameter_unknown`), `expand[]` on any id field.
 * - `Idempotency-Key` on POSTs: same key + same params replays the stored response
 *   (`Idempotent-Replayed: true`); same key + other params → 400 `idempotency_error`;
 *   keys are forgotten after 24 hours of the fake's clock (`advanceTime`).
 *   Like Stripe, rejected input (400) is not stored; successes and 402s are.
 * - Stripe-shaped errors `{ error: { type, code, message, param } }` with real statuses.
 * - Customers: create / retrieve / update / delete / list (`email`) / search (`email:"x"`,
 *   `name:`, `phone:`, `metadata["k"]:` joined by AND).
 * - PaymentIntents: create / retrieve / update / confirm / cancel / list (`customer`), statuses
 *   requires_payment_method → requires_confirmation → requires_action | processing →
 *   succeeded | canceled, `latest_charge`, `last_payment_error`, `client_secret`,
 *   `setup_future_usage` (saves the card on the customer). Automatic payment methods are on
 *   unless `allowed_payment_method_types` (or the older `payment_method_types`) is given, and
 *   then an on-session confirm needs `return_url` unless `allow_redirects=never`, as Stripe.
 *   Only Stripe's currencies. A payment method that is unknown → 400 `resource_missing`;
 *   detached, or spent (used once without a customer) → 400 invalid_request_error; attached
 *   to another customer → 400. Test tokens: `pm_card_visa`, `_mastercard`, `_amex`,
 *   `pm_card_chargeDeclined`, `pm_card_chargeDeclinedInsufficientFunds`,
 *   `pm_card_authenticationRequired` (3-D Secure always: on-session requires_action with a
 *   redirect to the dev checkout page, off-session 402 `authentication_required`),
 *   `pm_card_authenticationRequiredOnSetup` (off-session fine once saved),
 *   `pm_card_createDispute` (succeeds, then `charge.dispute.created`); the same as card
 *   numbers through Stripe.js (cards.ts). Delayed notification: SEPA Direct Debit test IBANs
 *   (`payment_method_data[type]=sepa_debit`, eur, `mandate_data`) and the checkout page's
 *   Bacs Direct Debit buttons go to `processing` (charge.pending, payment_intent.processing)
 *   and settle after `processingSettlesAfterMs` or `settleProcessing(id)`.
 * - Charges (retrieve / list), Refunds (create partial/full, retrieve, list; over-refund,
 *   refund of a disputed charge rejected), Disputes (`dispute()` helper, retrieve, list),
 *   PaymentMethods (retrieve, list by customer, attach, detach).
 * - Events (`GET /v1/events[/:id]`, `type` filter with `*`) for customer.created / updated /
 *   deleted, payment_intent.created / requires_action / processing / succeeded /
 *   payment_failed / canceled, charge.pending / succeeded / failed / refunded,
 *   refund.created, charge.dispute.created, payment_method.attached / detached.
 * - Webhooks: each event POSTed, raw JSON, signed with the SDK's
 *   `webhooks.generateTestHeaderString` (verify with `constructEvent`), in order, retried
 *   3 times (100/300/900 ms) on non-2xx or network errors; attempts in `webhookDeliveries`.
 * - Dev checkout page `GET /checkout/:id` ("Pay £x" / "Decline card"), redirecting to
 *   `metadata.return_url` (or confirm's `return_url`) with `payment_intent`,
 *   `payment_intent_client_secret` and `redirect_status`. `GET /` lists recent payments.
 *
 * Known gaps: no Checkout Sessions, SetupIntents, manual capture, Connect, invoices /
 * subscriptions, balance transactions (ids only), 3-D Secure beyond the one redirect,
 * asynchronous refunds or dispute evidence; state is in memory and lost on stop; pagination
 * ignores `created` filters; search supports only the clauses above; amounts are shown
 * assuming two-decimal currencies; API version is fixed (the `Stripe-Version` header is
 * echoed but not honoured); Stripe does not promise webhook order, the fake delivers in
 * creation order. contract.test.ts is the specification shared with Stripe test mode.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import Stripe from "stripe";
import { createDispute, type DisputeOptions } from "./charges";
import type { DisputeObject, EventObject } from "./objects";
import { type CheckoutOutcome, settleProcessing } from "./payment-intents";
import { createApp } from "./routes";
import { FakeState } from "./state";
import { type WebhookDelivery, WebhookDispatcher } from "./webhooks";

export type { WebhookDelivery } from "./webhooks";
export type { CheckoutOutcome } from "./payment-intents";

export const FAKE_STRIPE_SECRET_KEY = "sk_test_local";
export const FAKE_STRIPE_PUBLISHABLE_KEY = "pk_test_local";
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_local_fake_stripe_webhook_secret";

export interface FakeStripeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  hostname?: string;
  /** Default `FAKE_STRIPE_WEBHOOK_SECRET` ("whsec_local_..."). */
  webhookSecret?: string;
  /** Where events are POSTed; a function is read at each delivery. No URL → no delivery. */
  webhookUrl?: string | (() => string | undefined);
  /** Base URL where the checkout pages are reachable; default the server's own URL. */
  publicUrl?: string;
  /** Waits between webhook attempts (default [100, 300, 900] ms → 4 attempts). */
  webhookRetryDelaysMs?: readonly number[];
  /**
   * How long a bank debit stays `processing` before the bank answers (default 2000 ms);
   * `null` = only when `settleProcessing()` is called (tests that want full control).
   */
  processingSettlesAfterMs?: number | null;
}

export interface FakeStripe {
  url: string;
  host: string;
  port: number;
  protocol: "http";
  secretKey: string;
  /** For browsers (the Stripe.js stand-in): retrieve and confirm with a client secret only. */
  publishableKey: string;
  /** The Stripe.js stand-in (`${publicUrl}/v3/`), where a site loads `https://js.stripe.com/v3/` in production. */
  jsUrl: string;
  webhookSecret: string;
  /** A real SDK client configured for this fake. */
  client(): Stripe;
  /** The dev checkout page of a PaymentIntent (`${publicUrl}/checkout/<id>`). */
  checkoutUrl(paymentIntentId: string): string;
  /**
   * Same as clicking "Pay" / "Decline card" on the checkout page (an HTTP POST to it);
   * resolves once the resulting webhooks have been delivered (or given up on).
   */
  complete(paymentIntentId: string, outcome: CheckoutOutcome): Promise<void>;
  /**
   * The bank answers now for a `processing` PaymentIntent (a Direct Debit): succeeded or
   * failed as the method decided; resolves once the webhooks have been delivered.
   */
  settleProcessing(paymentIntentId: string): Promise<void>;
  /** Moves the fake's clock forward (idempotency keys are forgotten after 24 hours). */
  advanceTime(ms: number): void;
  /** Test helper: the cardholder disputes the charge (`charge.dispute.created`); waits for webhooks. */
  dispute(chargeId: string, options?: DisputeOptions): Promise<Stripe.Dispute>;
  /** Resolves once every webhook queued so far has been delivered (or given up on). */
  flushWebhooks(): Promise<void>;
  /** One entry per delivery attempt. */
  webhookDeliveries: WebhookDelivery[];
  /** Every event, oldest first. */
  events: Stripe.Event[];
  setWebhookUrl(url: string): void;
  stop(): Promise<void>;
}

export async function startFakeStripe(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  let webhookUrl: string | (() => string | undefined) | undefined = opts.webhookUrl;
  const resolveWebhookUrl = () => (typeof webhookUrl === "function" ? webhookUrl() : webhookUrl);
  const webhookSecret = opts.webhookSecret ?? FAKE_STRIPE_WEBHOOK_SECRET;
  const dispatcher = new WebhookDispatcher({ secret: webhookSecret, url: resolveWebhookUrl, retryDelaysMs: opts.webhookRetryDelaysMs });
  let publicUrl = "";
  const checkoutUrl = (id: string) => `${publicUrl}/checkout/${encodeURIComponent(id)}`;
  const state = new FakeState((event) => dispatcher.enqueue(event), () => Boolean(resolveWebhookUrl()), checkoutUrl);
  const settleAfter = opts.processingSettlesAfterMs === undefined ? 2_000 : opts.processingSettlesAfterMs;
  const settlementTimers = new Map<string, NodeJS.Timeout>();
  state.onProcessing = (id) => {
    if (settleAfter === null) return;
    const timer = setTimeout(() => {
      settlementTimers.delete(id);
      settleProcessing(state, id);
    }, settleAfter);
    timer.unref();
    settlementTimers.set(id, timer);
  };
  const app = createApp({
    state,
    secretKey: FAKE_STRIPE_SECRET_KEY,
    publishableKey: FAKE_STRIPE_PUBLISHABLE_KEY,
    publicUrl: () => publicUrl,
    deliveries: dispatcher.deliveries,
  });
  const host = opts.hostname ?? "127.0.0.1";
  const server = await listen(app.fetch, host, opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  publicUrl = (opts.publicUrl ?? url).replace(/\/+$/, "");

  const fake: FakeStripe = {
    url,
    host,
    port,
    protocol: "http",
    secretKey: FAKE_STRIPE_SECRET_KEY,
    publishableKey: FAKE_STRIPE_PUBLISHABLE_KEY,
    jsUrl: `${publicUrl}/v3/`,
    webhookSecret,
    client: () => new Stripe(FAKE_STRIPE_SECRET_KEY, { host, port, protocol: "http", telemetry: false }),
    checkoutUrl,
    complete: async (id, outcome) => {
      await postCheckout(url, id, outcome);
      await dispatcher.idle();
    },
    dispute: async (chargeId, options) => {
      const dispute = createDispute(state, chargeId, options);
      await dispatcher.idle();
      return asStripe<Stripe.Dispute, DisputeObject>(structuredClone(dispute));
    },
    settleProcessing: async (id) => {
      clearTimeout(settlementTimers.get(id));
      settlementTimers.delete(id);
      settleProcessing(state, id);
      await dispatcher.idle();
    },
    advanceTime: (ms) => {
      state.clockOffsetMs += ms;
    },
    flushWebhooks: () => dispatcher.idle(),
    webhookDeliveries: dispatcher.deliveries,
    events: asStripe<Stripe.Event[], EventObject[]>(state.events),
    setWebhookUrl: (next) => {
      webhookUrl = next;
    },
    stop: async () => {
      for (const timer of settlementTimers.values()) clearTimeout(timer);
      dispatcher.stop();
      await closeServer(server);
    },
  };
  return fake;
}

/** The fake's objects carry the fields it emulates, not every field of the SDK's types. */
function asStripe<T, S>(value: S): T {
  return value as unknown as T;
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

function listen(fetchHandler: FetchHandler, hostname: string, port: number): Promise<Server> {
  const server = createAdaptorServer({ fetch: fetchHandler, hostname, port, overrideGlobalObjects: false }) as Server;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function postCheckout(baseUrl: string, id: string, outcome: CheckoutOutcome): Promise<void> {
  const response = await fetch(`${baseUrl}/checkout/${encodeURIComponent(id)}/complete`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ outcome }).toString(),
    redirect: "manual",
  });
  await response.arrayBuffer();
  if (response.status >= 400) throw new Error(`Fake Stripe checkout of ${id} failed with HTTP ${response.status}`);
}
