import { Entity, type EntityItem } from "electrodb";

/**
 * A password-reset link. Keyed by the SHA-256 of the emailed token; consumed with a
 * conditional update (`usedAt` absent and not expired), so it works exactly once.
 * `expiresAt` (epoch seconds) is both the checked expiry and the TTL.
 */
export const PasswordReset = new Entity({
  model: { entity: "password_reset", version: "1", service: "mas" },
  attributes: {
    tokenHash: { type: "string", required: true, readOnly: true },
    userId: { type: "string", required: true, readOnly: true },
    createdAt: { type: "string", required: true, readOnly: true },
    expiresAt: { type: "number", required: true, readOnly: true },
    usedAt: { type: "string" },
  },
  indexes: {
    /** Which reset does this link belong to? */
    byTokenHash: {
      pk: { field: "pk", composite: ["tokenHash"] },
      sk: { field: "sk", composite: [] },
    },
    /** Which resets are outstanding for user X? (void the others after a reset, erasure) */
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["userId"] },
      sk: { field: "gsi1sk", composite: ["createdAt"] },
    },
  },
});

export type PasswordResetItem = EntityItem<typeof PasswordReset>;
