import { Entity } from "electrodb";

/**
 * One item per product batch used in a treatment record, written in the record's
 * transaction: "every client treated with batch X" (a manufacturer recall) is one query.
 * Batches are stored upper-cased and trimmed, as printed on the vial.
 */
export const BatchUse = new Entity({
  model: { entity: "batchUse", version: "1", service: "mas" },
  attributes: {
    batch: { type: "string", required: true },
    clientId: { type: "string", required: true },
    treatmentId: { type: "string", required: true },
    product: { type: "string", required: true },
    expiry: { type: "string", required: true },
    performedAt: { type: "string", required: true },
  },
  indexes: {
    byBatch: {
      pk: { field: "pk", composite: ["batch"] },
      sk: { field: "sk", composite: ["clientId", "treatmentId"] },
    },
  },
});
