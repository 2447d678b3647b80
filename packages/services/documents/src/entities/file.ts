import { Entity, type EntityItem } from "electrodb";

/**
 * A file in the private bucket that documents answers for: clinical photos (uploaded by the
 * owner through a presigned PUT, `pending` until the upload is checked, then `ready` or
 * `rejected`), a student's proof of a course's entry requirement (uploaded the same way by
 * the student, for one enrolment), signature images and generated PDFs. Keys carry a random id, never a name.
 */
export const FILE_PURPOSES = ["clinical_photo", "signature", "document_pdf", "certificate_pdf", "entry_proof"] as const;
export const FILE_STATUSES = ["pending", "ready", "rejected"] as const;

export const StoredFile = new Entity({
  model: { entity: "file", version: "1", service: "mas" },
  attributes: {
    fileId: { type: "string", required: true, readOnly: true },
    purpose: { type: FILE_PURPOSES, required: true, readOnly: true },
    /** Whose record it is (the client in the photo). */
    userId: { type: "string", required: true, readOnly: true },
    key: { type: "string", required: true, readOnly: true },
    contentType: { type: "string", required: true, readOnly: true },
    size: { type: "number", required: true, readOnly: true },
    status: { type: FILE_STATUSES, required: true },
    /** Booking's treatment record the photo belongs to (by id; booking keeps its own list). */
    treatmentId: { type: "string" },
    label: { type: ["before", "after", "other"] as const },
    /** Learning's enrolment an entry proof is for (by id; learning keeps the link). */
    enrollmentId: { type: "string", readOnly: true },
    rejectedBecause: { type: "string" },
    uploadedBy: { type: "string", required: true, readOnly: true },
    createdAt: { type: "string", required: true, readOnly: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["fileId"] },
      sk: { field: "sk", composite: [] },
    },
    /** A person's files, oldest first. */
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["userId"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "fileId"] },
    },
  },
});

export type StoredFileItem = EntityItem<typeof StoredFile>;
