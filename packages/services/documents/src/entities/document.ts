import { Entity, type EntityItem } from "electrodb";
import { DOCUMENT_STATUSES } from "../domain/consent-rules";

/**
 * A generated document for one person: a consent form for an appointment, or a course
 * certificate. `content` is the merged text exactly as shown (JSON), with the template id
 * and version it came from. Once signed, every write to it is conditional on
 * `status = awaiting_signature`, so a signed document cannot change; what was signed is
 * pinned by `inputsSha256`, `pdfSha256` and the trail head `trailHead`.
 *
 * The deadline is `signBy` (not `expiresAt`, the table's TTL attribute: a document must
 * never be deleted by TTL).
 */
export const Document = new Entity({
  model: { entity: "document", version: "1", service: "mas" },
  attributes: {
    documentId: { type: "string", required: true, readOnly: true },
    kind: { type: ["consent-form", "certificate"] as const, required: true, readOnly: true },
    userId: { type: "string", required: true, readOnly: true },
    /** The appointment (consent) or certificate it is about. */
    subjectId: { type: "string", required: true, readOnly: true },
    templateId: { type: "string", required: true, readOnly: true },
    templateVersion: { type: "number", required: true, readOnly: true },
    title: { type: "string", required: true },
    content: { type: "string", required: true },
    status: { type: DOCUMENT_STATUSES, required: true },
    signBy: { type: "string" },
    appointmentStart: { type: "string" },
    /** The current PDF: unsigned when generated, replaced by the signed one at signing. */
    pdfKey: { type: "string", required: true },
    pdfSha256: { type: "string", required: true },
    inputsSha256: { type: "string" },
    trailHead: { type: "string", required: true },
    trailLength: { type: "number", required: true },
    signedAt: { type: "string" },
    expiredAt: { type: "string" },
    createdAt: { type: "string", required: true, readOnly: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["documentId"] },
      sk: { field: "sk", composite: [] },
    },
    /** A person's documents, oldest first (their account, the owner's client view, export). */
    byUser: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["userId"] },
      sk: { field: "gsi1sk", composite: ["createdAt", "documentId"] },
    },
    /** An appointment's (or certificate's) documents. */
    bySubject: {
      index: "gsi2",
      pk: { field: "gsi2pk", composite: ["subjectId"] },
      sk: { field: "gsi2sk", composite: ["kind", "documentId"] },
    },
  },
});

export type DocumentItem = EntityItem<typeof Document>;
