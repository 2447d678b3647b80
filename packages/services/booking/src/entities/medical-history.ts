import { Entity } from "electrodb";

/**
 * A client's medical questionnaire, versioned: every change is a new item (version 1, 2,
 * …, zero-padded in the key so they sort), never an update, so what the practitioner saw
 * before a treatment stays on record. The latest is the highest version (one query,
 * newest first, limit 1). `answers` follows core's `MedicalAnswers` schema.
 */
export const MedicalHistory = new Entity({
  model: { entity: "medicalHistory", version: "1", service: "mas" },
  attributes: {
    clientId: { type: "string", required: true },
    version: { type: "number", required: true, padding: { length: 6, char: "0" } },
    answers: { type: "any", required: true },
    /** Free text: medications, allergies, conditions, previous treatments. */
    medications: { type: "string", default: "" },
    allergies: { type: "string", default: "" },
    conditions: { type: "string", default: "" },
    previousTreatments: { type: "string", default: "" },
    /** Flags derived from `answers` when this version was recorded. */
    riskFlags: { type: "list", items: { type: "string" }, required: true, default: [] },
    recordedAt: { type: "string", required: true },
    recordedBy: { type: "string", required: true },
  },
  indexes: {
    byClient: {
      collection: "clientFile",
      pk: { field: "pk", composite: ["clientId"] },
      sk: { field: "sk", composite: ["version"] },
    },
  },
});
