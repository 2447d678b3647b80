import { Entity } from "electrodb";

/** A patch test the practitioner carried out and its result (eligibility reads these). */
export const PatchTest = new Entity({
  model: { entity: "patchTest", version: "1", service: "mas" },
  attributes: {
    clientId: { type: "string", required: true },
    patchTestId: { type: "string", required: true },
    testedAt: { type: "string", required: true },
    result: { type: ["pass", "fail"] as const, required: true },
    product: { type: "string", default: "" },
    notes: { type: "string", default: "" },
    recordedBy: { type: "string", required: true },
  },
  indexes: {
    byClient: {
      collection: "clientFile",
      pk: { field: "pk", composite: ["clientId"] },
      sk: { field: "sk", composite: ["testedAt", "patchTestId"] },
    },
  },
});
