import { Entity } from "electrodb";

/**
 * The response to a request made with an `Idempotency-Key`, per user and key, written in
 * the same transaction as the effect it describes: a retry with the same key gets the
 * same answer instead of a second booking. Expires (TTL) after 24 hours.
 */
export const IdempotencyRecord = new Entity({
  model: { entity: "idempotencyRecord", version: "1", service: "mas" },
  attributes: {
    scope: { type: "string", required: true },
    key: { type: "string", required: true },
    /** A digest of the request body: the same key with a different body is refused. */
    requestHash: { type: "string", required: true },
    statusCode: { type: "number", required: true },
    /** The answer: brotli-compressed JSON (binary) since issue 20; a map in older records. */
    body: { type: "any", required: true },
    createdAt: { type: "string", required: true },
    expiresAt: { type: "number", required: true },
  },
  indexes: {
    byKey: {
      pk: { field: "pk", composite: ["scope"] },
      sk: { field: "sk", composite: ["key"] },
    },
  },
});
