import type { EventData } from "@mas/core/events/catalogue";
import { db } from "../entities";
import { getEnrollment } from "./enrolments";

/**
 * Proof of a course's entry requirement (e.g. professional registration). The student
 * uploads it through documents; documents announces a checked upload and this links it to
 * the enrolment — only when the enrolment is the uploader's (documents takes the enrolment
 * id from the student as given). A newer upload replaces an older one; an older event
 * arriving late does not.
 *
 * Payment does not wait for the owner's review: a place is held for 30 minutes while the
 * student pays, and a review can take days. The student pays and starts the online theory;
 * the certificate is issued only once the owner confirms the entry requirement (learner.ts,
 * `entryUnconfirmed`), and a student whose proof is refused is refunded by the owner.
 */
export async function linkEntryProof(data: EventData<"entry_proof.uploaded">): Promise<"linked" | "not_theirs" | "stale"> {
  const enrollment = await getEnrollment(data.enrollmentId);
  if (!enrollment || enrollment.userId !== data.userId) return "not_theirs";
  if (enrollment.entryProofUploadedAt && enrollment.entryProofUploadedAt > data.uploadedAt) return "stale";
  await db()
    .entities.enrollment.patch({ enrollmentId: data.enrollmentId })
    .set({ entryProofFileId: data.fileId, entryProofContentType: data.contentType, entryProofUploadedAt: data.uploadedAt, updatedAt: data.uploadedAt })
    .go({ response: "none" });
  return "linked";
}
