import type { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { isBusEvent } from "../events/consumer";
import type { BusEvent } from "../events/define";

/**
 * One Lambda per service answers both its HTTP routes (API Gateway v2 events) and the
 * EventBridge rules that target it (events carrying `detail-type`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createLambdaHandler(app: Hono<any, any, any>, consume: (event: BusEvent) => Promise<void>) {
  const http = handle(app);
  return async (event: unknown, context: unknown) => {
    if (isBusEvent(event)) return consume(event);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return http(event as any, context as any);
  };
}
