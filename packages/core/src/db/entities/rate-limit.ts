import { Entity, type EntityItem } from "electrodb";

/**
 * One fixed-window counter, a kernel item every service may write (../../http/rate-limit.ts):
 * `key` names the rule and who it counts (`booking:user:<id>`, `signin:account:<sha256>`),
 * `windowStart` the window (epoch seconds). Incremented with an atomic ADD, so every Lambda
 * instance shares it; removed by TTL after the window.
 */
export const RateLimit = new Entity({
  model: { entity: "rate_limit", version: "1", service: "mas" },
  attributes: {
    key: { type: "string", required: true, readOnly: true },
    windowStart: { type: "number", required: true, readOnly: true },
    count: { type: "number", required: true, default: 0 },
    /** When the latest counted event happened (epoch ms): sign-in throttling waits from it. */
    lastAt: { type: "number" },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    /** How many hits has this key had in this window? */
    byKeyAndWindow: {
      pk: { field: "pk", composite: ["key", "windowStart"] },
      sk: { field: "sk", composite: [] },
    },
  },
});

export type RateLimitItem = EntityItem<typeof RateLimit>;
