import { Entity } from "electrodb";

/**
 * A picture the owner uploaded for the public site — the clinic's logo, the practitioner's
 * portrait, a treatment's image — under the bucket's own `media/` prefix (clinical photos
 * live under `photos/` and are never served publicly). `pending` until the upload is
 * checked (size, then magic bytes), then `ready`; only ready pictures are served or may be
 * named by the business profile or a treatment.
 */
export const PublicMedia = new Entity({
  model: { entity: "publicMedia", version: "1", service: "mas" },
  attributes: {
    /** A ULID: also the object's name, so every upload has a new address (served as immutable). */
    mediaId: { type: "string", required: true, readOnly: true },
    key: { type: "string", required: true, readOnly: true },
    purpose: { type: ["logo", "portrait", "treatment"] as const, required: true, readOnly: true },
    contentType: { type: "string", required: true, readOnly: true },
    size: { type: "number", required: true, readOnly: true },
    status: { type: ["pending", "ready", "rejected"] as const, required: true },
    rejectedBecause: { type: "string" },
    uploadedBy: { type: "string", required: true, readOnly: true },
    createdAt: { type: "string", required: true, readOnly: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["mediaId"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
