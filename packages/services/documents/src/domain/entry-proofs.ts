import { randomUUID } from "node:crypto";
import * as z from "zod";
import { conflict, notFound, unprocessable } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { deleteObject, getObjectHead, headObject, presignedDownload, presignedUpload } from "@mas/core/ports/storage";
import { db } from "../entities";
import type { StoredFileItem } from "../entities/file";
import { entryProofRefusal, ENTRY_PROOF_MAX_BYTES, ENTRY_PROOF_TYPES, type EntryProofType } from "./entry-proof-rules";

/**
 * A student's proof of a course's entry requirement (e.g. professional registration),
 * uploaded by the student for one of their enrolments: a presigned PUT with type and exact
 * length signed in, then a confirm that checks the stored object itself (size, magic bytes;
 * anything wrong is deleted). A checked proof is announced (`entry_proof.uploaded`, through
 * the outbox with the status change); learning links it to the enrolment only if the
 * enrolment is the uploader's, and the owner reviews it there. Only the owner downloads it.
 */
export const EntryProofRequest = z.strictObject({
  enrollmentId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not an id"),
  contentType: z.enum(ENTRY_PROOF_TYPES, "A PDF, JPEG or PNG file"),
  size: z.number().int().positive().max(ENTRY_PROOF_MAX_BYTES, `Proof files are limited to ${ENTRY_PROOF_MAX_BYTES / 1024 / 1024} MB`),
});
export type EntryProofRequest = z.infer<typeof EntryProofRequest>;

const EXTENSIONS: Record<EntryProofType, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };
export const PROOF_UPLOAD_SECONDS = 300;
export const PROOF_DOWNLOAD_SECONDS = 60;

export async function requestEntryProofUpload(input: EntryProofRequest, userId: string, now: Date) {
  const fileId = randomUUID();
  const key = `entry-proofs/${userId}/${randomUUID()}.${EXTENSIONS[input.contentType]}`;
  const at = now.toISOString();
  await db()
    .entities.file.create({ fileId, purpose: "entry_proof", userId, enrollmentId: input.enrollmentId, key, contentType: input.contentType, size: input.size, status: "pending", uploadedBy: userId, createdAt: at, updatedAt: at })
    .go({ response: "none" });
  const uploadUrl = await presignedUpload(key, input.contentType, PROOF_UPLOAD_SECONDS, input.size);
  return { fileId, uploadUrl, method: "PUT" as const, headers: { "content-type": input.contentType }, expiresInSeconds: PROOF_UPLOAD_SECONDS };
}

/** The proof, if it exists, is an entry proof, and (unless `anyone`) belongs to `userId`; else 404. */
export async function requireEntryProof(fileId: string, userId?: string): Promise<StoredFileItem> {
  const { data } = await db().entities.file.get({ fileId }).go({ consistent: true });
  if (!data || data.purpose !== "entry_proof" || (userId !== undefined && data.userId !== userId)) throw notFound("documents.file_not_found", "No such file");
  return data;
}

const REFUSALS = {
  missing: "Nothing was uploaded",
  size_mismatch: "The upload is not the size that was declared",
  too_large: "The upload is too large",
  wrong_type: "The upload is not the kind of file that was declared (a PDF, JPEG or PNG)",
} as const;

/** Checks the student's upload; a wrong one is deleted and refused (422). Confirming twice is harmless. */
export async function confirmEntryProof(fileId: string, userId: string, now: Date): Promise<StoredFileItem> {
  const file = await requireEntryProof(fileId, userId);
  if (file.status === "ready") return file;
  if (file.status === "rejected") throw unprocessable("documents.upload_rejected", `This upload was refused: ${file.rejectedBecause ?? "it failed the checks"}`);
  const head = await headObject(file.key);
  const bytes = head && head.size > 0 ? await getObjectHead(file.key, 16) : new Uint8Array();
  const refusal = entryProofRefusal({ contentType: file.contentType as EntryProofType, size: file.size }, { size: head?.size, head: bytes });
  if (refusal) {
    if (refusal !== "missing") {
      await deleteObject(file.key);
      await db().entities.file.patch({ fileId }).set({ status: "rejected", rejectedBecause: refusal, updatedAt: now.toISOString() }).where((a, op) => op.eq(a.status, "pending")).go({ response: "none" });
    }
    throw unprocessable(`documents.upload_${refusal}`, REFUSALS[refusal], { file: REFUSALS[refusal] });
  }
  const at = now.toISOString();
  const event = stageEvent(Events.EntryProofUploaded, { fileId, userId, enrollmentId: file.enrollmentId!, contentType: file.contentType, size: file.size, uploadedAt: at }, { occurredAt: now });
  const result = await db()
    .transaction.write(({ file: f, outboxEvent }) => [
      f.patch({ fileId }).set({ status: "ready", updatedAt: at }).where((a, op) => op.eq(a.status, "pending")).commit(),
      outboxEvent.put(event.item).commit(),
    ])
    .go();
  if (result.canceled) {
    const again = await requireEntryProof(fileId, userId);
    if (again.status === "ready") return again;
    throw conflict("documents.upload_rejected", "This upload was refused meanwhile");
  }
  await publishStaged([event]);
  return requireEntryProof(fileId, userId);
}

export const entryProofDownloadUrl = (file: StoredFileItem): Promise<string> => presignedDownload(file.key, PROOF_DOWNLOAD_SECONDS);

export const entryProofView = (f: StoredFileItem) => ({
  fileId: f.fileId,
  enrollmentId: f.enrollmentId ?? null,
  contentType: f.contentType,
  size: f.size,
  status: f.status,
  createdAt: f.createdAt,
});
