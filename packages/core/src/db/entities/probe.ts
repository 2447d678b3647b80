import { Entity } from "electrodb";

/**
 * A platform probe: proves transactions and conditions against the real table (used by
 * the Foundation tests and the health check), and holds nothing a user owns.
 */
export const Probe = new Entity({
  model: { entity: "probe", version: "1", service: "mas" },
  attributes: {
    probeId: { type: "string", required: true },
    note: { type: "string", required: true },
    createdAt: { type: "string", required: true, default: () => new Date().toISOString() },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["probeId"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
