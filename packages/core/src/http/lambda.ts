import type { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { isBusEvent } from "../events/consumer";
import type { BusEvent } from "../events/define";
import { errorFacts, logger } from "../log";
import { ORIGIN_REFUSED, ORIGIN_SECRET_HEADER, originSecretMatches } from "./origin";

/**
 * One Lambda per service answers both its HTTP routes (API Gateway v2 events) and the
 * EventBridge rules that target it (events carrying `detail-type`).
 *
 * HTTP requests must carry the origin secret that CloudFront (and the site server) add
 * (`ORIGIN_SECRET`, see ./origin.ts): a direct call to the API Gateway URL is refused with
 * 403 before any route runs, so nobody can reach a service with a forged viewer IP.
 *
 * Every invocation's log lines (../log.ts) carry the Lambda request id and cold-start flag;
 * an HTTP request adds API Gateway's request id (the request's own line is written by the
 * app, ./app.ts), a bus event its event id, and gets one line here with how it ended.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createLambdaHandler(app: Hono<any, any, any>, consume: (event: BusEvent) => Promise<void>) {
  const http = handle(app);
  return async (event: unknown, context: unknown) => {
    logger.resetKeys();
    if (context && typeof context === "object" && "awsRequestId" in context) logger.addContext(context as Parameters<typeof logger.addContext>[0]);
    if (isBusEvent(event)) return consumeLogged(consume, event);
    const requestId = (event as { requestContext?: { requestId?: string } }).requestContext?.requestId;
    if (requestId) logger.appendKeys({ request_id: requestId });
    const headers = (event as { headers?: Record<string, string | undefined> }).headers ?? {};
    if (!originSecretMatches(headers[ORIGIN_SECRET_HEADER])) {
      return { statusCode: ORIGIN_REFUSED.status, headers: { "content-type": "application/json" }, body: JSON.stringify(ORIGIN_REFUSED.body) };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return http(event as any, context as any);
  };
}

/** Runs a bus event's handler with its ids in every log line, and one line saying how it ended. */
async function consumeLogged(consume: (event: BusEvent) => Promise<void>, event: BusEvent): Promise<void> {
  const detail = event.detail as { id?: unknown } | undefined;
  logger.appendKeys({ event_id: typeof detail?.id === "string" ? detail.id : undefined, eventName: event["detail-type"], eventSource: event.source });
  const started = performance.now();
  try {
    await consume(event);
    logger.info("event handled", { durationMs: Math.round(performance.now() - started) });
  } catch (error) {
    // Thrown again: EventBridge retries the event, then dead-letters it.
    logger.error("event failed", { durationMs: Math.round(performance.now() - started), ...errorFacts(error) });
    throw error;
  }
}
