/**
 * The security headers every response carries, defined once: CloudFront's response-headers
 * policy (stacks/Web.ts) and the local gateway (packages/local/src/gateway.ts) both send
 * exactly these, and the services' own `secureHeaders()` uses the same values, so a
 * response looks the same whichever layer answered it.
 *
 * The Content-Security-Policy here is the strictest one, for JSON and anything without its
 * own: pages set theirs (a per-response script nonce, Stripe's origins only on payment
 * pages; web/src/lib/csp.ts), and the edge keeps an origin's CSP rather than replacing it.
 */
export const HSTS_MAX_AGE_SECONDS = 63_072_000; // two years, as the HSTS preload list asks

export const SECURITY_HEADERS = {
  "strict-transport-security": `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains; preload`,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  // Nothing on the site uses these; payment is left to Stripe's frame (wallets in the Payment Element).
  "permissions-policy": 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), usb=(), payment=(self "https://js.stripe.com")',
  "cross-origin-opener-policy": "same-origin",
} as const;

/** For responses that are not pages (the API's JSON, errors, files): nothing may load, nobody may frame. */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** For the few plain HTML pages a service answers itself (messaging's unsubscribe page): inline styles and a form to itself, no script. */
export const SERVICE_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Headers CloudFront replaces whatever the origin sent with (all but the CSP, which an origin may set). */
export const EDGE_OVERRIDES = Object.keys(SECURITY_HEADERS);
