import type { MiddlewareHandler } from "hono";
import { logger, routeOf } from "../log";

/** What is kept back from the Lambda's own timeout to answer in: the 503 must be written before the runtime is stopped. */
export const DEADLINE_MARGIN_MS = 1_000;

interface LambdaEnv {
  lambdaContext?: { getRemainingTimeInMillis?: () => number };
}

/**
 * Request timeout. In Lambda a request that runs into the function's timeout is killed and
 * API Gateway answers a bare 503 with no body; here it is answered first, one second before
 * that, with the shared error shape and `Retry-After`, and logged with its route. The work
 * is not cancelled: every write is one transaction or conditional update, so it either lands
 * whole or not at all, and a retry with the same idempotency key (booking) gets the first
 * answer. Outside Lambda (the local platform, tests) there is no deadline to meet.
 */
export function deadline(): MiddlewareHandler {
  return async (c, next) => {
    const remaining = (c.env as LambdaEnv | undefined)?.lambdaContext?.getRemainingTimeInMillis?.();
    if (remaining === undefined) return next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<"expired">((resolve) => {
      timer = setTimeout(() => resolve("expired"), Math.max(0, remaining - DEADLINE_MARGIN_MS));
    });
    const work = next().then(() => "done" as const);
    // The handler may still fail after the deadline answered: its error is logged by onError's path, not raised here.
    work.catch(() => undefined);
    const outcome = await Promise.race([work, expired]).finally(() => clearTimeout(timer));
    if (outcome === "expired") {
      logger.error("request deadline", { method: c.req.method, route: routeOf(c), remainingMs: remaining });
      c.res = c.json({ error: { code: "request_timeout", message: "This took too long. Please try again in a moment." } }, 503, { "Retry-After": "5" });
    }
  };
}
