import type Stripe from "stripe";

/**
 * The Stripe port: one real SDK client per process, and the webhook signing secret.
 *
 * Where the secrets come from:
 * - locally and in tests, env `STRIPE_SECRET_KEY` / `STRIPE_WEBHOOK_SECRET` (set by
 *   packages/local to the fake Stripe's), with `STRIPE_API_BASE` pointing the SDK at the
 *   fake and `STRIPE_CHECKOUT_BASE` at its dev checkout pages;
 * - in AWS, the SST `Config.Secret`s of the same names, which the stacks bind to the
 *   payments function only. SST puts them in env as `SST_Secret_value_<name>` (fetched
 *   from SSM by `sst/node/config` when first imported), so when the plain env variable is
 *   absent we import that module — dynamically, so no other code path loads it.
 *
 * The SDK itself (~250 KB of the payments bundle) is imported on the first Stripe call too,
 * so a cold start that only reads payments does not parse it (`npm run bench`).
 */
let client: Promise<Stripe> | undefined;
let secrets: Promise<{ secretKey: string; webhookSecret: string }> | undefined;

async function loadSecrets(): Promise<{ secretKey: string; webhookSecret: string }> {
  let secretKey = process.env.STRIPE_SECRET_KEY;
  let webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secretKey || !webhookSecret) {
    const { Config } = (await import("sst/node/config")) as unknown as { Config: Record<string, string | undefined> };
    secretKey ||= Config.STRIPE_SECRET_KEY;
    webhookSecret ||= Config.STRIPE_WEBHOOK_SECRET;
  }
  if (!secretKey) throw new Error("Missing STRIPE_SECRET_KEY (env or SST secret)");
  if (!webhookSecret) throw new Error("Missing STRIPE_WEBHOOK_SECRET (env or SST secret)");
  return { secretKey, webhookSecret };
}

function stripeSecrets() {
  secrets ??= loadSecrets().catch((error) => {
    secrets = undefined;
    throw error;
  });
  return secrets;
}

export function stripe(): Promise<Stripe> {
  client ??= Promise.all([stripeSecrets(), import("stripe")]).then(([{ secretKey }, { default: Stripe }]) => {
    const base = process.env.STRIPE_API_BASE ? new URL(process.env.STRIPE_API_BASE) : undefined;
    return new Stripe(secretKey, {
      // The SDK retries network failures and 409s with the same idempotency key.
      maxNetworkRetries: 2,
      telemetry: false,
      ...(base ? { host: base.hostname, port: Number(base.port), protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
    });
  });
  return client;
}

export async function webhookSecret(): Promise<string> {
  return (await stripeSecrets()).webhookSecret;
}

/** The local fake's checkout page for a PaymentIntent; undefined in AWS (the site uses Stripe Elements). */
export function checkoutUrl(paymentIntentId: string): string | undefined {
  const base = process.env.STRIPE_CHECKOUT_BASE;
  return base ? `${base.replace(/\/+$/, "")}/checkout/${encodeURIComponent(paymentIntentId)}` : undefined;
}
