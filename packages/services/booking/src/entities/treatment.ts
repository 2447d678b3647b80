import { Entity } from "electrodb";

/**
 * A treatment on the clinic's menu (the domain's `Service`; named Treatment here so it
 * does not clash with ElectroDB's `Service`). Slugs are unique through a `TreatmentSlug`
 * claim written in the same transaction.
 */
export const Treatment = new Entity({
  model: { entity: "treatment", version: "1", service: "mas" },
  attributes: {
    serviceId: { type: "string", required: true },
    slug: { type: "string", required: true },
    name: { type: "string", required: true },
    category: { type: "string", required: true },
    description: { type: "string", default: "" },
    priceInPence: { type: "number", required: true },
    durationMinutes: { type: "number", required: true },
    bufferBeforeMinutes: { type: "number", default: 0 },
    bufferAfterMinutes: { type: "number", default: 0 },
    /** `DepositRule` (none / fixed / percent / full), validated by core's schema. */
    deposit: { type: "any", required: true },
    requiresPatchTest: { type: "boolean", default: false },
    minAge: { type: "number", default: 18 },
    requiresConsultation: { type: "boolean", default: false },
    aftercare: { type: "string", default: "" },
    /** A public picture's key (`media/…`), absent when the treatment has none. */
    image: { type: "string" },
    imageAlt: { type: "string", default: "" },
    active: { type: "boolean", default: true },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["serviceId"] },
      sk: { field: "sk", composite: [] },
    },
    /** The menu, in slug order; also "which treatment has this slug" (sk = slug). */
    catalogue: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [] },
      sk: { field: "gsi1sk", composite: ["slug"] },
    },
  },
});
