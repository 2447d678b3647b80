import { Entity } from "electrodb";

/**
 * Uniqueness constraint: one item per slug in use, created with `attribute_not_exists`
 * in the same transaction as the treatment that takes the slug (and deleted in the one
 * that gives it up).
 */
export const TreatmentSlug = new Entity({
  model: { entity: "treatmentSlug", version: "1", service: "mas" },
  attributes: {
    slug: { type: "string", required: true },
    serviceId: { type: "string", required: true },
  },
  indexes: {
    bySlug: {
      pk: { field: "pk", composite: ["slug"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
