import Stripe from "stripe";

let client: Stripe | undefined;

/**
 * The Stripe client. In AWS the key comes from the SST secret (payments' env);
 * locally STRIPE_API_BASE points the real SDK at the fake Stripe.
 */
export function stripe(): Stripe {
  if (client) return client;
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) throw new Error("Missing environment variable STRIPE_SECRET_KEY");
  const base = process.env.STRIPE_API_BASE ? new URL(process.env.STRIPE_API_BASE) : undefined;
  client = new Stripe(key, {
    maxNetworkRetries: 2,
    ...(base ? { host: base.hostname, port: Number(base.port), protocol: base.protocol.replace(":", "") as "http" | "https" } : {}),
  });
  return client;
}

export function webhookSecret(): string {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error("Missing environment variable STRIPE_WEBHOOK_SECRET");
  return secret;
}
