import { Entity } from "electrodb";

/**
 * The clinic's one settings item (opening hours, closures, training days, booking rules).
 * The value is validated by core's `BusinessSettings` zod schema on every read and write,
 * so it is stored as one document rather than attribute by attribute.
 */
export const BusinessSettingsItem = new Entity({
  model: { entity: "businessSettings", version: "1", service: "mas" },
  attributes: {
    scope: { type: "string", required: true, default: "clinic" },
    value: { type: "any", required: true },
    updatedAt: { type: "string", required: true },
    updatedBy: { type: "string" },
  },
  indexes: {
    current: {
      pk: { field: "pk", composite: ["scope"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
