import { Entity, type EntityItem } from "electrodb";

/**
 * A signed-in browser. Keyed by the SHA-256 of the cookie's token (the token itself is
 * never stored). `expiresAt` is the table's TTL attribute (epoch seconds) and also the
 * idle expiry the code checks, since TTL deletion can lag by hours; `absoluteExpiresAt`
 * caps the sliding renewal.
 */
export const Session = new Entity({
  model: { entity: "session", version: "1", service: "mas" },
  attributes: {
    tokenHash: { type: "string", required: true, readOnly: true },
    sessionId: { type: "string", required: true, readOnly: true },
    userId: { type: "string", required: true, readOnly: true },
    createdAt: { type: "string", required: true, readOnly: true },
    lastSeenAt: { type: "string", required: true },
    expiresAt: { type: "number", required: true },
    absoluteExpiresAt: { type: "number", required: true, readOnly: true },
    ip: { type: "string" },
    userAgent: { type: "string" },
  },
  indexes: {
    /** Which session does this cookie belong to? */
    byTokenHash: {
      pk: { field: "pk", composite: ["tokenHash"] },
      sk: { field: "sk", composite: [] },
    },
    /** Which sessions does user X have? (revoke all on reset/erasure, export) */
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["userId"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "sessionId"] },
    },
  },
});

export type SessionItem = EntityItem<typeof Session>;
