import { Entity, type EntityItem } from "electrodb";

/**
 * The one signature of a document: who typed what, the drawn image (stored in S3, its
 * SHA-256 here), the consent statement agreed to, when and from where. Created with
 * `attribute_not_exists` in the signing transaction, so a document is signed once.
 */
export const Signature = new Entity({
  model: { entity: "signature", version: "1", service: "mas" },
  attributes: {
    documentId: { type: "string", required: true, readOnly: true },
    userId: { type: "string", required: true, readOnly: true },
    typedName: { type: "string", required: true, readOnly: true },
    imageKey: { type: "string", required: true, readOnly: true },
    imageSha256: { type: "string", required: true, readOnly: true },
    consentStatement: { type: "string", required: true, readOnly: true },
    signedAt: { type: "string", required: true, readOnly: true },
    ip: { type: "string", required: true, readOnly: true },
    userAgent: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byDocument: {
      pk: { field: "pk", composite: ["documentId"] },
      sk: { field: "sk", composite: [] },
    },
  },
});

export type SignatureItem = EntityItem<typeof Signature>;
