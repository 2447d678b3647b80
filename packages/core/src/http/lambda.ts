import type { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { isBusEvent } from "../events/consumer";
import type { BusEvent } from "../events/define";
import { ORIGIN_REFUSED, ORIGIN_SECRET_HEADER, originSecretMatches } from "./origin";

/**
 * One Lambda per service answers both its HTTP routes (API Gateway v2 events) and the
 * EventBridge rules that target it (events carrying `detail-type`).
 *
 * HTTP requests must carry the origin secret that CloudFront (and the site server) add
 * (`ORIGIN_SECRET`, see ./origin.ts): a direct call to the API Gateway URL is refused with
 * 403 before any route runs, so nobody can reach a service with a forged viewer IP.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createLambdaHandler(app: Hono<any, any, any>, consume: (event: BusEvent) => Promise<void>) {
  const http = handle(app);
  return async (event: unknown, context: unknown) => {
    if (isBusEvent(event)) return consume(event);
    const headers = (event as { headers?: Record<string, string | undefined> }).headers ?? {};
    if (!originSecretMatches(headers[ORIGIN_SECRET_HEADER])) {
      return { statusCode: ORIGIN_REFUSED.status, headers: { "content-type": "application/json" }, body: JSON.stringify(ORIGIN_REFUSED.body) };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return http(event as any, context as any);
  };
}
