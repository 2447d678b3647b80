import { Entity, type EntityItem } from "electrodb";

/**
 * Append-only record of who did what to whom: sign-ins, role changes, exports, erasures,
 * reads of medical data. Written with create() (never overwritten, never updated). Holds
 * ids, not names or addresses, so it survives erasure without keeping personal details;
 * `detail` is for small non-personal facts (e.g. the roles before and after).
 */
export const AuditLog = new Entity({
  model: { entity: "audit_log", version: "1", service: "mas" },
  attributes: {
    auditId: { type: "string", required: true, readOnly: true },
    /** userId of whoever acted, or `anonymous`. */
    actor: { type: "string", required: true, readOnly: true },
    /** `<domain>.<verb>`, e.g. `accounts.login_succeeded`, `booking.medical_history_read`. */
    action: { type: "string", required: true, readOnly: true },
    /** What was acted on: a userId, or `<kind>:<id>` for other objects. */
    subject: { type: "string", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
    ip: { type: "string", readOnly: true },
    userAgent: { type: "string", readOnly: true },
    detail: { type: "any", readOnly: true },
  },
  indexes: {
    /** What happened to subject X? */
    bySubject: {
      pk: { field: "pk", composite: ["subject"] },
      sk: { field: "sk", composite: ["at", "auditId"] },
    },
    /** What did actor X do? */
    byActor: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["actor"] },
      sk: { field: "gsi1sk", composite: ["at", "auditId"] },
    },
  },
});

export type AuditLogItem = EntityItem<typeof AuditLog>;
