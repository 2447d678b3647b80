/**
 * Every page's Content-Security-Policy, set per response by the middleware: scripts only
 * from the site itself or carrying this response's nonce (Astro's island loader and
 * hydration scripts are inline; each gets the nonce as the page goes out), no plugins, no
 * framing, forms only to the site. Stripe's origins are allowed only on the pages that
 * mount its Payment Element; locally Stripe.js is the fake Stripe's stand-in, so its
 * origin comes from STRIPE_JS_URL like the page's script tag does.
 *
 * The other security headers (HSTS, nosniff, Referrer-Policy, Permissions-Policy,
 * X-Frame-Options) are the edge's: CloudFront's response-headers policy in AWS, the local
 * gateway here (@mas/core/http/security-headers).
 */
import { STRIPE_JS_URL } from "../features/booking/payment";

/** Pages that mount Stripe's Payment Element (features/payments/payment-element.ts), the owner's desk balance page among them. */
const PAYMENT_PAGES = [/^\/book\/pay\/?$/, /^\/account\/payments\/pay\/?$/, /^\/learn\/[^/]+\/pay\/?$/, /^\/admin\/diary\/appointments\/[^/]+\/pay\/?$/];

export function isPaymentPage(pathname: string): boolean {
  return PAYMENT_PAGES.some((pattern) => pattern.test(pathname));
}

/** A fresh nonce per response (128 bits). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function pageCsp(options: { nonce: string; pathname: string; secure: boolean }, env: NodeJS.ProcessEnv = process.env): string {
  const stripe = isPaymentPage(options.pathname);
  const stripeJs = new URL(env.STRIPE_JS_URL || STRIPE_JS_URL).origin;
  // Real Stripe: the script and its frames on js.stripe.com, 3-D Secure on hooks.stripe.com, calls to api.stripe.com.
  const stripeFrames = stripeJs === "https://js.stripe.com" ? ["https://js.stripe.com", "https://hooks.stripe.com"] : [stripeJs];
  const stripeApi = stripeJs === "https://js.stripe.com" ? ["https://api.stripe.com"] : [stripeJs];
  // Presigned file links (photos, course media): the S3 endpoint locally, the regional S3 hosts in AWS.
  const files = env.AWS_ENDPOINT_URL_S3 ? [new URL(env.AWS_ENDPOINT_URL_S3).origin] : [`https://*.s3.${env.AWS_REGION ?? "eu-west-2"}.amazonaws.com`];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${options.nonce}'`, ...(stripe ? [stripeJs] : [])],
    ["script-src-attr", "'none'"],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", ...files],
    ["media-src", "'self'", ...files],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...files, ...(stripe ? stripeApi : [])],
    ["frame-src", ...(stripe ? stripeFrames : ["'none'"])],
    ["worker-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(options.secure ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/** Gives every `<script>` in a page this response's nonce. */
export function addNonce(html: string, nonce: string): string {
  return html.replace(/<script\b(?![^>]*\snonce=)/gi, `<script nonce="${nonce}"`);
}

/** The page response with its CSP (HTML only; other answers from pages keep their own headers). */
export async function withCsp(response: Response, pathname: string, secure: boolean): Promise<Response> {
  if (!response.headers.get("content-type")?.startsWith("text/html")) return response;
  const nonce = newNonce();
  const html = addNonce(await response.text(), nonce);
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("content-security-policy", pageCsp({ nonce, pathname, secure }));
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
}
