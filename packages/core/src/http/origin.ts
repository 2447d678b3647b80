import { timingSafeEqual } from "node:crypto";

/**
 * Who is at the other end of a request, and whether it came through the front door.
 *
 * In AWS the front door is CloudFront: a viewer-request CloudFront Function sets
 * {@link VIEWER_IP_HEADER} from `event.viewer.ip` on the API and site behaviours,
 * overwriting whatever the client sent, and CloudFront adds {@link ORIGIN_SECRET_HEADER}
 * (a Secrets Manager value) to every origin request. The service functions and the site
 * server refuse HTTP requests without that secret, so a direct call to the API Gateway URL
 * or the site's function URL cannot forge the viewer IP. The site server, calling the API
 * on a visitor's behalf, passes on the viewer IP it was given and the same secret.
 *
 * Locally the gateway (packages/local/src/gateway.ts) plays CloudFront's part.
 *
 * `X-Forwarded-For` is never trusted: its first entry is whatever the client wrote.
 */
export const VIEWER_IP_HEADER = "x-mas-viewer-ip";
export const ORIGIN_SECRET_HEADER = "x-mas-origin-secret";

/** The configured origin secret (set on every function by the stacks; locally by the platform). */
export function originSecret(): string | undefined {
  return process.env.ORIGIN_SECRET || undefined;
}

/** Constant-time check of a presented secret against the configured one; true when none is configured. */
export function originSecretMatches(presented: string | null | undefined, secret = originSecret()): boolean {
  if (!secret) return true;
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The viewer's IP from the trusted header, or undefined (never from X-Forwarded-For). */
export function trustedClientIp(headerValue: string | null | undefined): string | undefined {
  const value = headerValue?.trim();
  if (!value || value.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(value)) return undefined;
  return value;
}

/** The JSON body and status a request that bypassed the front door gets. */
export const ORIGIN_REFUSED = {
  status: 403,
  body: { error: { code: "auth.origin_refused", message: "Use the site's address" } },
} as const;
