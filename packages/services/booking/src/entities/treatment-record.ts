import { Entity } from "electrodb";

/**
 * What the practitioner did at a treatment or consultation: products with batch/lot and
 * expiry (each also written as a `BatchUse` for recalls), areas and units (face-map
 * notes), aftercare given, photo file ids (files are owned by documents).
 */
export const TreatmentRecord = new Entity({
  model: { entity: "treatmentRecord", version: "1", service: "mas" },
  attributes: {
    clientId: { type: "string", required: true },
    treatmentId: { type: "string", required: true },
    kind: { type: ["treatment", "consultation"] as const, required: true },
    performedAt: { type: "string", required: true },
    appointmentId: { type: "string" },
    serviceName: { type: "string", required: true },
    products: {
      type: "list",
      items: {
        type: "map",
        properties: {
          name: { type: "string", required: true },
          batch: { type: "string", required: true },
          expiry: { type: "string", required: true },
          quantity: { type: "string" },
        },
      },
      required: true,
      default: [],
    },
    areas: {
      type: "list",
      items: {
        type: "map",
        properties: { area: { type: "string", required: true }, units: { type: "number" }, notes: { type: "string" } },
      },
      required: true,
      default: [],
    },
    aftercare: { type: "string", default: "" },
    notes: { type: "string", default: "" },
    photoFileIds: { type: "list", items: { type: "string" }, default: [] },
    recordedBy: { type: "string", required: true },
    createdAt: { type: "string", required: true },
  },
  indexes: {
    byClient: {
      collection: "clientFile",
      pk: { field: "pk", composite: ["clientId"] },
      sk: { field: "sk", composite: ["performedAt", "treatmentId"] },
    },
  },
});
