import { Entity } from "electrodb";

/**
 * An address's marketing preference and the token in its one-click unsubscribe links.
 * Created with the first marketing mail; `unsubscribedAt` set means no marketing mail
 * goes to that address again (transactional mail still does).
 */
export const Unsubscribe = new Entity({
  model: { entity: "unsubscribe", version: "1", service: "mas" },
  attributes: {
    /** Lower-cased. */
    email: { type: "string", required: true },
    userId: { type: "string" },
    token: { type: "string", required: true },
    unsubscribedAt: { type: "string" },
    via: { type: ["one-click", "link", "owner"] as const },
    createdAt: { type: "string", required: true },
  },
  indexes: {
    byEmail: {
      pk: { field: "pk", composite: ["email"] },
      sk: { field: "sk", composite: [] },
    },
    /** The unsubscribe endpoint resolves the token from the link. */
    byToken: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["token"] },
      sk: { field: "gsi1sk", composite: [] },
    },
  },
});
