import type { AstroGlobal } from "astro";
import { api, call, type ApiError } from "../../lib/client";
import type { DepositPayment } from "../../lib/shapes";

export type { DepositPayment } from "../../lib/shapes";

/**
 * Paying a deposit with Stripe's Payment Element. The publishable key and where Stripe.js
 * loads from are server-side settings: Stripe's own script in AWS, the local fake Stripe's
 * stand-in offline (packages/local sets both), so the same page runs everywhere.
 */
export interface StripeSettings {
  /** Absent when the site was deployed without one: the page then offers payment by phone. */
  publishableKey?: string;
  jsUrl: string;
}

export const STRIPE_JS_URL = "https://js.stripe.com/v3/";

export function stripeSettings(env: NodeJS.ProcessEnv = process.env): StripeSettings {
  const key = env.STRIPE_PUBLISHABLE_KEY;
  return { publishableKey: key?.startsWith("pk_") ? key : undefined, jsUrl: env.STRIPE_JS_URL || STRIPE_JS_URL };
}

/** Opens the appointment's deposit payment, or returns the one already open (idempotent per appointment). */
export async function openDeposit(astro: AstroGlobal, appointmentId: string): Promise<{ payment?: DepositPayment; error?: ApiError }> {
  const res = await call(api(astro).payments.intents.$post({ json: { kind: "deposit", subjectId: appointmentId } }));
  return res.ok ? { payment: res.data } : { error: res.error };
}
