import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeStripe, startFakeStripe } from "./fake-stripe";
import { canonicalJson, parseForm } from "./form";

interface Received {
  body: string;
  signature: string;
}

/** A tiny webhook endpoint: records raw bodies; can be told to fail the next N requests. */
class Receiver {
  readonly received: Received[] = [];
  failNext = 0;
  private server!: Server;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(500).end("boom");
          return;
        }
        this.received.push({ body, signature: String(req.headers["stripe-signature"]) });
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => resolve(body));
  });
}

let fake: FakeStripe;
let stripe: Stripe;
const receiver = new Receiver();

/** Verified webhook events about one object (by `data.object.id`). */
function webhooksFor(objectId: string): Stripe.Event[] {
  return receiver.received
    .map((r) => stripe.webhooks.constructEvent(r.body, r.signature, fake.webhookSecret))
    .filter((e) => (e.data.object as { id?: string }).id === objectId);
}

async function paidIntent(params: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<Stripe.PaymentIntent> {
  const pi = await stripe.paymentIntents.create({ amount: 1234, currency: "gbp", ...params });
  await fake.complete(pi.id, "succeed");
  return stripe.paymentIntents.retrieve(pi.id);
}

async function expectStripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

beforeAll(async () => {
  await receiver.start();
  fake = await startFakeStripe({ webhookUrl: () => receiver.url, webhookRetryDelaysMs: [10, 20, 40] });
  stripe = fake.client();
});

afterAll(async () => {
  await fake.stop();
  await receiver.stop();
});

beforeEach(() => {
  receiver.failNext = 0;
});

describe("form decoding", () => {
  it("decodes nested keys and indexed arrays like Stripe", () => {
    expect(parseForm("amount=100&metadata[a]=1&metadata[b]=x%20y&expand[0]=latest_charge&expand[1]=customer&list[]=p&list[]=q")).toEqual({
      amount: "100",
      metadata: { a: "1", b: "x y" },
      expand: ["latest_charge", "customer"],
      list: ["p", "q"],
    });
    expect(parseForm("a[b][c]=d&metadata=")).toEqual({ a: { b: { c: "d" } }, metadata: "" });
    expect(canonicalJson({ b: "1", a: ["x"] })).toBe(canonicalJson({ a: ["x"], b: "1" }));
  });
});

describe("happy path: deposit paid on the checkout page", () => {
  it("creates customer + PaymentIntent, pays via the checkout endpoint, delivers signed webhooks", async () => {
    const customer = await stripe.customers.create({ email: "ana@example.com", name: "Ana", metadata: { userId: "u_1" } });
    expect(customer.id).toMatch(/^cus_/);
    const pi = await stripe.paymentIntents.create({
      amount: 1234,
      currency: "GBP",
      customer: customer.id,
      description: "Deposit: Lip filler consultation",
      automatic_payment_methods: { enabled: true },
      metadata: { kind: "deposit", appointmentId: "appt_1", return_url: "http://localhost:4321/book/done?x=1" },
    });
    expect(pi).toMatchObject({ object: "payment_intent", status: "requires_payment_method", currency: "gbp", amount: 1234, customer: customer.id });
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));

    const retrieved = await stripe.paymentIntents.retrieve(pi.id);
    expect(retrieved.metadata).toEqual({ kind: "deposit", appointmentId: "appt_1", return_url: "http://localhost:4321/book/done?x=1" });

    const page = await fetch(fake.checkoutUrl(pi.id));
    const html = await page.text();
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(html).toContain("Local test checkout — no real money");
    expect(html).toContain("Pay £12.34</button>");
    expect(html).toContain("Decline card</button>");
    expect(html).toContain("Deposit: Lip filler consultation");
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('name="viewport"');

    const post = await fetch(`${fake.checkoutUrl(pi.id)}/complete`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "outcome=succeed",
      redirect: "manual",
    });
    expect(post.status).toBe(303);
    const location = new URL(post.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("http://localhost:4321/book/done");
    expect(location.searchParams.get("x")).toBe("1");
    expect(location.searchParams.get("payment_intent")).toBe(pi.id);
    expect(location.searchParams.get("redirect_status")).toBe("succeeded");

    const paid = await stripe.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] });
    expect(paid.status).toBe("succeeded");
    expect(paid.amount_received).toBe(1234);
    const charge = paid.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: "charge", amount: 1234, paid: true, status: "succeeded", amount_refunded: 0, refunded: false, payment_intent: pi.id });
    expect(charge.metadata["appointmentId"]).toBe("appt_1");

    await fake.flushWebhooks();
    const types = webhooksFor(pi.id).map((e) => e.type);
    expect(types).toEqual(["payment_intent.created", "payment_intent.succeeded"]);
    expect(webhooksFor(charge.id).map((e) => e.type)).toEqual(["charge.succeeded"]);
    const event = webhooksFor(pi.id)[1] as Stripe.Event;
    expect(event).toMatchObject({ object: "event", livemode: false, api_version: Stripe.API_VERSION });
    expect(event.id).toMatch(/^evt_/);
    expect((event.data.object as Stripe.PaymentIntent).metadata["kind"]).toBe("deposit");
    expect(fake.webhookDeliveries.filter((d) => d.eventId === event.id)).toEqual([{ eventId: event.id, type: "payment_intent.succeeded", status: 200, attempt: 1 }]);
  });

  it("webhook signatures are rejected when the body is altered", async () => {
    const pi = await paidIntent();
    await fake.flushWebhooks();
    const raw = receiver.received.find((r) => r.body.includes(pi.id) && r.body.includes("payment_intent.succeeded"));
    expect(raw).toBeDefined();
    const { body, signature } = raw as Received;
    expect(stripe.webhooks.constructEvent(body, signature, fake.webhookSecret).type).toBe("payment_intent.succeeded");
    const altered = body.replace('"amount": 1234', '"amount": 1');
    expect(altered).not.toBe(body);
    expect(() => stripe.webhooks.constructEvent(altered, signature, fake.webhookSecret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => stripe.webhooks.constructEvent(body, signature, "whsec_other")).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it("shows a result page when there is no return_url, and a closed page afterwards", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "gbp", description: "Course fee" });
    const post = await fetch(`${fake.checkoutUrl(pi.id)}/complete`, { method: "POST", body: new URLSearchParams({ outcome: "succeed" }) });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain("Payment successful");
    const again = await fetch(fake.checkoutUrl(pi.id));
    expect(await again.text()).toContain("This payment is already complete.");
    await expect(fake.complete(pi.id, "succeed")).rejects.toThrow(/409/);
  });

  it("serves an index page and 404 for unknown checkout ids", async () => {
    expect((await fetch(`${fake.url}/`)).status).toBe(200);
    expect((await fetch(fake.checkoutUrl("pi_nope"))).status).toBe(404);
  });
});

describe("idempotency", () => {
  it("replays the stored response for the same key and params", async () => {
    const params = { amount: 2000, currency: "gbp", metadata: { kind: "course_fee" } };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: "course-fee-1" });
    const second = await stripe.paymentIntents.create({ metadata: { kind: "course_fee" }, currency: "gbp", amount: 2000 }, { idempotencyKey: "course-fee-1" });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(fake.events.filter((e) => e.type === "payment_intent.created" && (e.data.object as Stripe.PaymentIntent).id === first.id)).toHaveLength(1);
  });

  it("rejects the same key with different params (idempotency_error)", async () => {
    await stripe.paymentIntents.create({ amount: 2000, currency: "gbp" }, { idempotencyKey: "course-fee-2" });
    const error = await expectStripeError(stripe.paymentIntents.create({ amount: 2100, currency: "gbp" }, { idempotencyKey: "course-fee-2" }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.type).toBe("StripeIdempotencyError");
    expect(error.statusCode).toBe(400);
  });

  it("does not store rejected input, so the key can be reused once fixed", async () => {
    await expectStripeError(stripe.paymentIntents.create({ amount: 5, currency: "gbp" }, { idempotencyKey: "course-fee-3" }));
    const ok = await stripe.paymentIntents.create({ amount: 500, currency: "gbp" }, { idempotencyKey: "course-fee-3" });
    expect(ok.amount).toBe(500);
  });
});

describe("refunds", () => {
  it("refunds partially, then the rest, and rejects an over-refund", async () => {
    const pi = await paidIntent({ amount: 3000 });
    const chargeId = pi.latest_charge as string;

    const partial = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000, reason: "requested_by_customer", metadata: { by: "staff_1" } });
    expect(partial).toMatchObject({ object: "refund", amount: 1000, status: "succeeded", charge: chargeId, payment_intent: pi.id, reason: "requested_by_customer", metadata: { by: "staff_1" } });
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 1000, refunded: false });

    const tooMuch = await expectStripeError(stripe.refunds.create({ charge: chargeId, amount: 2001 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: "amount_too_large", param: "amount" });
    expect(tooMuch.message).toContain("£20.00");

    const rest = await stripe.refunds.create({ charge: chargeId });
    expect(rest.amount).toBe(2000);
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 3000, refunded: true });

    const again = await expectStripeError(stripe.refunds.create({ payment_intent: pi.id, amount: 1 }));
    expect(again).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });

    expect((await stripe.refunds.retrieve(partial.id)).amount).toBe(1000);
    const list = await stripe.refunds.list({ payment_intent: pi.id });
    expect(list.data.map((r) => r.id)).toEqual([rest.id, partial.id]);

    await fake.flushWebhooks();
    expect(webhooksFor(partial.id).map((e) => e.type)).toEqual(["refund.created"]);
    const refunded = webhooksFor(chargeId).filter((e) => e.type === "charge.refunded");
    expect(refunded.map((e) => (e.data.object as Stripe.Charge).amount_refunded)).toEqual([1000, 3000]);
  });

  it("cannot refund an unpaid PaymentIntent", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 3000, currency: "gbp" });
    const error = await expectStripeError(stripe.refunds.create({ payment_intent: pi.id }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});

describe("failed payments and cancellation", () => {
  it("a declined card leaves the PaymentIntent payable with last_payment_error", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 4500, currency: "gbp", metadata: { kind: "deposit" } });
    await fake.complete(pi.id, "fail");
    const failed = await stripe.paymentIntents.retrieve(pi.id);
    expect(failed.status).toBe("requires_payment_method");
    expect(failed.last_payment_error).toMatchObject({ type: "card_error", code: "card_declined", decline_code: "generic_decline" });
    expect(webhooksFor(pi.id).map((e) => e.type)).toEqual(["payment_intent.created", "payment_intent.payment_failed"]);
    expect(await (await fetch(fake.checkoutUrl(pi.id))).text()).toContain("Previous attempt failed");

    const declinePage = await fetch(`${fake.checkoutUrl(pi.id)}/complete`, { method: "POST", body: new URLSearchParams({ outcome: "fail" }) });
    expect(await declinePage.text()).toContain("Your card was declined");

    await fake.complete(pi.id, "succeed");
    const paid = await stripe.paymentIntents.retrieve(pi.id);
    expect(paid.status).toBe("succeeded");
    expect(paid.last_payment_error).toBeNull();
  });

  it("redirects a declined payment with redirect_status=failed", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 4500, currency: "gbp", metadata: { return_url: "http://localhost:4321/pay/return" } });
    const post = await fetch(`${fake.checkoutUrl(pi.id)}/complete`, { method: "POST", body: new URLSearchParams({ outcome: "fail" }), redirect: "manual" });
    expect(new URL(post.headers.get("location") ?? "").searchParams.get("redirect_status")).toBe("failed");
  });

  it("updates amount/metadata before payment, cancels, and refuses changes afterwards", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 4500, currency: "gbp", metadata: { a: "1", b: "2" } });
    const updated = await stripe.paymentIntents.update(pi.id, { amount: 5000, metadata: { a: "", c: "3" } });
    expect(updated).toMatchObject({ amount: 5000, metadata: { b: "2", c: "3" } });
    const canceled = await stripe.paymentIntents.cancel(pi.id, { cancellation_reason: "abandoned" });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    expect(canceled.canceled_at).toEqual(expect.any(Number));
    const error = await expectStripeError(stripe.paymentIntents.update(pi.id, { amount: 6000 }));
    expect(error).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    const paid = await paidIntent();
    const cancelPaid = await expectStripeError(stripe.paymentIntents.cancel(paid.id));
    expect(cancelPaid).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await fake.flushWebhooks();
    expect(webhooksFor(pi.id).map((e) => e.type)).toContain("payment_intent.canceled");
  });
});

/** What Stripe.js sends to confirm a PaymentIntent from the browser (publishable key + client secret). */
async function confirmFromBrowser(pi: { id: string; client_secret: string | null }, number: string, clientSecret = pi.client_secret ?? "") {
  const card = { number, exp_month: "12", exp_year: "34", cvc: "123" };
  const body = new URLSearchParams({ client_secret: clientSecret, "payment_method_data[type]": "card", return_url: "http://localhost:4321/book/confirmation?appointment=a_1" });
  for (const [name, value] of Object.entries(card)) body.set(`payment_method_data[card][${name}]`, value);
  if (!clientSecret) body.delete("client_secret");
  const res = await fetch(`${fake.url}/v1/payment_intents/${pi.id}/confirm`, {
    method: "POST",
    headers: { authorization: `Bearer ${fake.publishableKey}`, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:4321" },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: Record<string, unknown> }, cors: res.headers.get("access-control-allow-origin") };
}

describe("Stripe.js stand-in: confirming from the browser with the publishable key", () => {
  it("pays with the test card and the client secret, settling exactly as the checkout does (signed webhooks, card saved)", async () => {
    const customer = await stripe.customers.create({ email: "browser@example.com" });
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "gbp", customer: customer.id, setup_future_usage: "off_session", metadata: { kind: "deposit", userId: "u_9" } });
    const paid = await confirmFromBrowser(pi, "4242 4242 4242 4242");
    expect(paid.status).toBe(200);
    expect(paid.cors).toBe("*");
    expect(paid.body).toMatchObject({ id: pi.id, status: "succeeded", amount_received: 5000 });
    // A publishable key does not see the server's customer or metadata.
    expect(paid.body).not.toHaveProperty("metadata");
    expect(paid.body).not.toHaveProperty("customer");

    await fake.flushWebhooks();
    expect(webhooksFor(pi.id).map((e) => e.type)).toEqual(["payment_intent.created", "payment_intent.succeeded"]);
    const settled = await stripe.paymentIntents.retrieve(pi.id, { expand: ["payment_method"] });
    expect(settled.payment_method).toMatchObject({ customer: customer.id, card: { last4: "4242", brand: "visa", exp_month: 12, exp_year: 2034 } });
  });

  it("declines 4000 0000 0000 0002 with Stripe's card error; the intent stays payable and can be paid on retry", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 4500, currency: "gbp" });
    const declined = await confirmFromBrowser(pi, "4000000000000002");
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ type: "card_error", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." });
    await fake.flushWebhooks();
    expect(webhooksFor(pi.id).map((e) => e.type)).toEqual(["payment_intent.created", "payment_intent.payment_failed"]);
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe("requires_payment_method");

    const mistyped = await confirmFromBrowser(pi, "4242 4242 4242 4241");
    expect(mistyped.status).toBe(402);
    expect(mistyped.body.error).toMatchObject({ type: "card_error", code: "incorrect_number" });

    expect((await confirmFromBrowser(pi, "4242424242424242")).body).toMatchObject({ status: "succeeded" });
  });

  it("asks for 3-D Secure with 4000 0025 0000 3155: a redirect to the fake's authentication page", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 4500, currency: "gbp" });
    const confirmed = await confirmFromBrowser(pi, "4000002500003155");
    expect(confirmed.body).toMatchObject({ status: "requires_action", next_action: { type: "redirect_to_url", redirect_to_url: { url: fake.checkoutUrl(pi.id) } } });
  });

  it("rejects a wrong or missing client secret with Stripe's error shape and changes nothing", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 4500, currency: "gbp", metadata: { userId: "u_1" } });
    const other = await stripe.paymentIntents.create({ amount: 4500, currency: "gbp" });
    const wrong = await confirmFromBrowser(pi, "4242424242424242", other.client_secret!);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ type: "invalid_request_error", code: "payment_intent_invalid_parameter", param: "client_secret" });
    expect(String(wrong.body.error?.message)).toContain("does not match");
    const missing = await confirmFromBrowser(pi, "4242424242424242", "");
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ type: "invalid_request_error", code: "parameter_missing", param: "client_secret" });
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe("requires_payment_method");

    const asBrowser = (path: string, init: RequestInit = {}) => fetch(`${fake.url}${path}`, { ...init, headers: { authorization: `Bearer ${fake.publishableKey}`, ...init.headers } });
    const retrieved = await asBrowser(`/v1/payment_intents/${pi.id}?client_secret=${pi.client_secret}`);
    expect(retrieved.status).toBe(200);
    expect(await retrieved.json()).not.toHaveProperty("metadata");
    expect((await asBrowser(`/v1/payment_intents/${pi.id}?client_secret=${other.client_secret}`)).status).toBe(400);
    // Everything else stays server-only.
    for (const [path, method] of [["/v1/customers", "GET"], ["/v1/payment_intents", "POST"], [`/v1/payment_intents/${pi.id}`, "POST"]] as const) {
      const res = await asBrowser(path, { method, headers: { "content-type": "application/x-www-form-urlencoded" }, body: method === "POST" ? "amount=1" : undefined });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain("publishable API key");
    }
  });

  it("serves the Stripe.js stand-in as JavaScript at /v3/, calling this fake's API; the API answers CORS preflights", async () => {
    for (const path of ["/v3/", "/v3"]) {
      const res = await fetch(`${fake.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
      const source = await res.text();
      expect(source).toContain(`var API = ${JSON.stringify(fake.url)};`);
      expect(source).toContain("window.Stripe = function Stripe(key)");
      expect(source).toContain("Local test card — no real money.");
      expect(() => new Function(source)).not.toThrow();
    }
    expect(fake.jsUrl).toBe(`${fake.url}/v3/`);
    const preflight = await fetch(`${fake.url}/v1/payment_intents/pi_x/confirm`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:4321", "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });
});

describe("off-session charges (no-show fees)", () => {
  it("charges a card saved with setup_future_usage=off_session, and fails without one", async () => {
    const customer = await stripe.customers.create({ email: "noshow@example.com" });
    await paidIntent({ customer: customer.id, setup_future_usage: "off_session", metadata: { kind: "deposit" } });
    const methods = await stripe.paymentMethods.list({ customer: customer.id, type: "card" });
    expect(methods.data).toHaveLength(1);
    const pm = methods.data[0] as Stripe.PaymentMethod;
    expect(pm).toMatchObject({ object: "payment_method", type: "card", customer: customer.id, card: { last4: "4242", brand: "visa" } });
    expect((await stripe.customers.listPaymentMethods(customer.id)).data.map((m) => m.id)).toEqual([pm.id]);

    const fee = await stripe.paymentIntents.create({
      amount: 2500,
      currency: "gbp",
      customer: customer.id,
      payment_method: pm.id,
      confirm: true,
      off_session: true,
      metadata: { kind: "no_show_fee" },
    });
    expect(fee.status).toBe("succeeded");
    expect(fee.latest_charge).toMatch(/^ch_/);
    await fake.flushWebhooks();
    expect(webhooksFor(fee.id).map((e) => e.type)).toEqual(["payment_intent.created", "payment_intent.succeeded"]);

    // Like Stripe: no payment method, an unknown one or a detached one is a 400 (invalid
    // request), not a card error; nothing is created.
    const before = fake.events.filter((e) => e.type === "payment_intent.created").length;
    const missing = await expectStripeError(
      stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer: customer.id, confirm: true, off_session: true }),
    );
    expect(missing).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", code: "payment_intent_unexpected_state" });

    const unknown = await expectStripeError(
      stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer: customer.id, payment_method: "pm_doesnotexist", confirm: true, off_session: true }),
    );
    expect(unknown).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", code: "resource_missing", param: "payment_method" });

    await stripe.paymentMethods.detach(pm.id);
    const detached = await expectStripeError(
      stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true }),
    );
    expect(detached).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", param: "payment_method" });
    expect(detached.message).toMatch(/detached from a Customer/);
    expect(fake.events.filter((e) => e.type === "payment_intent.created")).toHaveLength(before);
  });

  it("declines off-session with 402 authentication_required when the saved card needs 3-D Secure", async () => {
    const customer = await stripe.customers.create({ email: "3ds@example.com" });
    const pm = await stripe.paymentMethods.attach("pm_card_authenticationRequired", { customer: customer.id }).catch(() => undefined);
    expect(pm).toBeUndefined(); // tokens are not stored objects: attach a real one instead
    const setup = await stripe.paymentIntents.create({
      amount: 1000, currency: "gbp", customer: customer.id, setup_future_usage: "off_session",
      payment_method: "pm_card_authenticationRequired", confirm: true, return_url: "http://localhost:4321/r",
    });
    expect(setup.status).toBe("requires_action");
    await fake.complete(setup.id, "succeed");
    const saved = (await stripe.paymentMethods.list({ customer: customer.id, type: "card" })).data[0] as Stripe.PaymentMethod;
    const error = await expectStripeError(
      stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer: customer.id, payment_method: saved.id, confirm: true, off_session: true }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: "authentication_required" });
    const failedIntent = (error.raw as { payment_intent?: Stripe.PaymentIntent }).payment_intent;
    expect(failedIntent?.status).toBe("requires_payment_method");
    expect(failedIntent?.last_payment_error?.code).toBe("authentication_required");
  });

  it("does not save the card without setup_future_usage", async () => {
    const customer = await stripe.customers.create({ email: "once@example.com" });
    const pi = await paidIntent({ customer: customer.id });
    expect(pi.payment_method).toMatch(/^pm_/);
    expect((await stripe.paymentMethods.list({ customer: customer.id, type: "card" })).data).toHaveLength(0);
    const error = await expectStripeError(
      stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer: customer.id, payment_method: pi.payment_method as string, confirm: true, off_session: true }),
    );
    expect(error).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
    expect(error.message).toMatch(/may not be used again/);
  });

  it("understands Stripe's test payment method tokens on-session", async () => {
    const ok = await stripe.paymentIntents.create({ amount: 1000, currency: "gbp", payment_method: "pm_card_visa", confirm: true, return_url: "http://localhost:4321/r" });
    expect(ok.status).toBe("succeeded");
    const declined = await expectStripeError(
      stripe.paymentIntents.create({ amount: 1000, currency: "gbp", payment_method: "pm_card_chargeDeclined", confirm: true, allowed_payment_method_types: ["card"] }),
    );
    expect(declined).toMatchObject({ statusCode: 402, code: "card_declined" });

    const threeDs = await stripe.paymentIntents.create({ amount: 1000, currency: "gbp", payment_method: "pm_card_authenticationRequired", confirm: true, return_url: "http://localhost:4321/r" });
    expect(threeDs.status).toBe("requires_action");
    expect(threeDs.next_action?.redirect_to_url?.url).toBe(fake.checkoutUrl(threeDs.id));
    await fake.complete(threeDs.id, "succeed");
    expect((await stripe.paymentIntents.retrieve(threeDs.id)).status).toBe("succeeded");

    const later = await stripe.paymentIntents.create({ amount: 1000, currency: "gbp" });
    const confirmed = await stripe.paymentIntents.confirm(later.id, { payment_method: "pm_card_mastercard", return_url: "http://localhost:4321/r" });
    expect(confirmed.status).toBe("succeeded");
  });
});

describe("errors", () => {
  it("rejects a wrong or missing API key with 401", async () => {
    const wrong = new Stripe("sk_test_wrong_key_123456", { host: fake.host, port: fake.port, protocol: "http", maxNetworkRetries: 0 });
    const error = await expectStripeError(wrong.customers.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
    const raw = await fetch(`${fake.url}/v1/customers`);
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ error: { type: "invalid_request_error", message: expect.stringContaining("API key") } });
  });

  it("maps bad params to StripeInvalidRequestError without crashing", async () => {
    const missing = await expectStripeError(stripe.paymentIntents.create({ currency: "gbp" } as Stripe.PaymentIntentCreateParams));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "amount" });

    const tooSmall = await expectStripeError(stripe.paymentIntents.create({ amount: 10, currency: "gbp" }));
    expect(tooSmall).toMatchObject({ code: "amount_too_small", param: "amount" });

    const badCurrency = await expectStripeError(stripe.paymentIntents.create({ amount: 1000, currency: "pounds" }));
    expect(badCurrency).toMatchObject({ param: "currency" });

    const unknownParam = await expectStripeError(stripe.customers.create({ favourite_colour: "blue" } as Stripe.CustomerCreateParams));
    expect(unknownParam).toMatchObject({ code: "parameter_unknown", param: "favourite_colour" });

    const notFound = await expectStripeError(stripe.paymentIntents.retrieve("pi_missing"));
    expect(notFound).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(notFound).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });

    const noCustomer = await expectStripeError(stripe.paymentIntents.create({ amount: 1000, currency: "gbp", customer: "cus_missing" }));
    expect(noCustomer).toMatchObject({ statusCode: 400, code: "resource_missing", param: "customer" });

    const badRoute = await fetch(`${fake.url}/v1/subscriptions`, { headers: { authorization: `Bearer ${fake.secretKey}` } });
    expect(badRoute.status).toBe(404);

    expect((await stripe.paymentIntents.create({ amount: 1000, currency: "gbp" })).status).toBe("requires_payment_method");
  });
});

describe("customers, events and disputes", () => {
  it("creates, updates, lists by email, searches and deletes customers", async () => {
    const a = await stripe.customers.create({ email: "list@example.com", metadata: { userId: "u_9", tier: "gold" } });
    await stripe.customers.create({ email: "other@example.com" });
    const updated = await stripe.customers.update(a.id, { name: "Bea", metadata: { tier: "" } });
    expect(updated).toMatchObject({ name: "Bea", metadata: { userId: "u_9" } });
    const list = await stripe.customers.list({ email: "list@example.com" });
    expect(list.data.map((c) => c.id)).toEqual([a.id]);
    const found = await stripe.customers.search({ query: 'metadata["userId"]:"u_9"' });
    expect(found.data.map((c) => c.id)).toEqual([a.id]);
    await stripe.customers.del(a.id);
    expect(await stripe.customers.retrieve(a.id)).toMatchObject({ id: a.id, deleted: true });
  });

  it("paginates lists newest first", async () => {
    const customer = await stripe.customers.create({ email: "pages@example.com" });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await stripe.paymentIntents.create({ amount: 1000 + i, currency: "gbp", customer: customer.id })).id);
    const page1 = await stripe.paymentIntents.list({ customer: customer.id, limit: 2 });
    expect(page1.data.map((p) => p.id)).toEqual([ids[2], ids[1]]);
    expect(page1.has_more).toBe(true);
    const all: string[] = [];
    for await (const pi of stripe.paymentIntents.list({ customer: customer.id, limit: 1 })) all.push(pi.id);
    expect(all).toEqual([...ids].reverse());
  });

  it("serves events by id and by type", async () => {
    const pi = await paidIntent();
    const recorded = fake.events.find((e) => e.type === "payment_intent.succeeded" && (e.data.object as Stripe.PaymentIntent).id === pi.id);
    expect(recorded).toBeDefined();
    const event = await stripe.events.retrieve((recorded as Stripe.Event).id);
    expect(event).toMatchObject({ type: "payment_intent.succeeded", object: "event", livemode: false });
    const list = await stripe.events.list({ type: "payment_intent.*", limit: 100 });
    expect(list.data.every((e) => e.type.startsWith("payment_intent."))).toBe(true);
    expect(list.data[0]?.created).toBeGreaterThanOrEqual(list.data[list.data.length - 1]?.created ?? 0);
  });

  it("emits charge.dispute.created from the dispute() helper and blocks refunds", async () => {
    const pi = await paidIntent({ amount: 8000, metadata: { kind: "course_fee" } });
    const chargeId = pi.latest_charge as string;
    const dispute = await fake.dispute(chargeId);
    expect(dispute).toMatchObject({ object: "dispute", charge: chargeId, payment_intent: pi.id, amount: 8000, status: "needs_response" });
    const events = webhooksFor(dispute.id);
    expect(events.map((e) => e.type)).toEqual(["charge.dispute.created"]);
    expect((await stripe.charges.retrieve(chargeId)).disputed).toBe(true);
    expect((await stripe.disputes.retrieve(dispute.id)).id).toBe(dispute.id);
    const refund = await expectStripeError(stripe.refunds.create({ charge: chargeId }));
    expect(refund.code).toBe("charge_disputed");
  });
});

describe("webhook delivery", () => {
  it("retries on non-2xx and records each attempt", async () => {
    receiver.failNext = 2;
    const pi = await stripe.paymentIntents.create({ amount: 700, currency: "gbp" });
    await fake.flushWebhooks();
    const created = fake.events.find((e) => e.type === "payment_intent.created" && (e.data.object as Stripe.PaymentIntent).id === pi.id) as Stripe.Event;
    expect(fake.webhookDeliveries.filter((d) => d.eventId === created.id).map((d) => d.status)).toEqual([500, 500, 200]);
    expect(webhooksFor(pi.id).map((e) => e.type)).toEqual(["payment_intent.created"]);
  });

  it("records status 0 for an unreachable endpoint and can switch URL", async () => {
    const other = await startFakeStripe({ webhookUrl: "http://127.0.0.1:1/nowhere", webhookRetryDelaysMs: [5] });
    try {
      const client = other.client();
      await client.paymentIntents.create({ amount: 700, currency: "gbp" });
      await other.flushWebhooks();
      expect(other.webhookDeliveries.map((d) => d.status)).toEqual([0, 0]);
      other.setWebhookUrl(receiver.url);
      const pi = await client.paymentIntents.create({ amount: 800, currency: "gbp" });
      await other.flushWebhooks();
      expect(other.webhookDeliveries.at(-1)).toMatchObject({ status: 200, type: "payment_intent.created" });
      const raw = receiver.received.find((r) => r.body.includes(pi.id)) as Received;
      expect(client.webhooks.constructEvent(raw.body, raw.signature, other.webhookSecret).type).toBe("payment_intent.created");
    } finally {
      await other.stop();
    }
  });
});

describe("fidelity details", () => {
  it("forgets idempotency keys after 24 hours, as Stripe does", async () => {
    const key = `expiring-${Date.now()}`;
    const first = await stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, { idempotencyKey: key });
    fake.advanceTime(23 * 3600_000);
    expect((await stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, { idempotencyKey: key })).id).toBe(first.id);
    fake.advanceTime(3600_000);
    const later = await stripe.paymentIntents.create({ amount: 1000, currency: "gbp" }, { idempotencyKey: key });
    expect(later.id).not.toBe(first.id);
  });

  it("records customer.created / updated (with previous_attributes) / deleted", async () => {
    const customer = await stripe.customers.create({ email: "events@example.com" });
    await stripe.customers.update(customer.id, { name: "Events" });
    await stripe.customers.update(customer.id, { name: "Events" }); // no change: no event
    await stripe.customers.del(customer.id);
    const mine = fake.events.filter((e) => (e.data.object as { id?: string }).id === customer.id);
    expect(mine.map((e) => e.type)).toEqual(["customer.created", "customer.updated", "customer.deleted"]);
    expect(mine[1]?.data.previous_attributes).toEqual({ name: null });
  });

  it("accepts only Stripe's currencies and allows one of automatic_payment_methods / allowed types", async () => {
    expect((await expectStripeError(stripe.paymentIntents.create({ amount: 1000, currency: "xxx" }))).param).toBe("currency");
    expect((await stripe.paymentIntents.create({ amount: 1000, currency: "jpy" })).currency).toBe("jpy");
    const both = await expectStripeError(
      stripe.paymentIntents.create({ amount: 1000, currency: "gbp", automatic_payment_methods: { enabled: true }, allowed_payment_method_types: ["card"] }),
    );
    expect(both.type).toBe("StripeInvalidRequestError");
    const cards = await stripe.paymentIntents.create({ amount: 1000, currency: "gbp", allowed_payment_method_types: ["card"] });
    expect(cards).toMatchObject({ automatic_payment_methods: null, payment_method_types: ["card"] });
    // Card-only intents need no return_url on confirm.
    expect((await stripe.paymentIntents.confirm(cards.id, { payment_method: "pm_card_visa" })).status).toBe("succeeded");
  });

  it("pays by Bacs Direct Debit on the checkout page: processing, then the bank's answer", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "gbp" });
    expect(await (await fetch(fake.checkoutUrl(pi.id))).text()).toContain("Bacs Direct Debit");
    await fake.complete(pi.id, "debit_succeeds");
    const processing = await stripe.paymentIntents.retrieve(pi.id);
    expect(processing.status).toBe("processing");
    expect((await stripe.charges.retrieve(processing.latest_charge as string)).status).toBe("pending");
    await fake.settleProcessing(pi.id);
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe("succeeded");
    expect(webhooksFor(pi.id).map((e) => e.type)).toEqual(["payment_intent.created", "payment_intent.processing", "payment_intent.succeeded"]);

    const bounced = await stripe.paymentIntents.create({ amount: 5000, currency: "gbp" });
    await fake.complete(bounced.id, "debit_fails");
    await fake.settleProcessing(bounced.id);
    const failed = await stripe.paymentIntents.retrieve(bounced.id);
    expect(failed).toMatchObject({ status: "requires_payment_method", last_payment_error: { code: "insufficient_funds" } });
    expect(webhooksFor(bounced.id).map((e) => e.type)).toEqual(["payment_intent.created", "payment_intent.processing", "payment_intent.payment_failed"]);
  });

  it("a card saved after 3-D Secure 'on setup' is charged off-session; one needing it always is not", async () => {
    const customer = await stripe.customers.create({ email: "onsetup@example.com" });
    const deposit = await stripe.paymentIntents.create({
      amount: 1000, currency: "gbp", customer: customer.id, setup_future_usage: "off_session",
      payment_method: "pm_card_authenticationRequiredOnSetup", confirm: true, return_url: "http://localhost:4321/r",
    });
    expect(deposit.status).toBe("requires_action");
    await fake.complete(deposit.id, "succeed");
    const saved = (await stripe.paymentIntents.retrieve(deposit.id)).payment_method as string;
    const fee = await stripe.paymentIntents.create({ amount: 2500, currency: "gbp", customer: customer.id, payment_method: saved, confirm: true, off_session: true });
    expect(fee.status).toBe("succeeded");
  });
});
