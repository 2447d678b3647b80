import { randomUUID } from "node:crypto";
import * as z from "zod";
import { conflict, notFound, unprocessable } from "@mas/core/errors";
import { deleteObject, getObjectHead, headObject, presignedDownload, presignedUpload } from "@mas/core/ports/storage";
import { profileOf, treatmentRecordsOf } from "@mas/booking/read";
import { db } from "../entities";
import type { StoredFileItem } from "../entities/file";
import { PHOTO_MAX_BYTES, PHOTO_TYPES, uploadRefusal, type PhotoType } from "./images";

/**
 * Clinical photos (before/after), owner only. The upload is a presigned PUT with the
 * content type and exact length signed in (S3 refuses a different one); the local emulator
 * enforces neither, and a browser could lie about the type, so `confirmPhotoUpload` checks
 * the stored object itself (size, then magic bytes) and deletes anything wrong. Only
 * photos of a client whose photo consent is granted (booking's client profile) can be
 * taken; keys are random, downloads are 60-second presigned GETs.
 */
export const PhotoRequest = z.strictObject({
  clientId: z.string().min(1).max(120),
  contentType: z.enum(PHOTO_TYPES),
  size: z.number().int().positive().max(PHOTO_MAX_BYTES, `Photos are limited to ${PHOTO_MAX_BYTES / 1024 / 1024} MB`),
  treatmentId: z.string().min(1).max(120).optional(),
  label: z.enum(["before", "after", "other"]).optional(),
});
export type PhotoRequest = z.infer<typeof PhotoRequest>;

const EXTENSIONS: Record<PhotoType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
export const UPLOAD_SECONDS = 300;
export const DOWNLOAD_SECONDS = 60;

export async function hasPhotoConsent(clientId: string): Promise<boolean> {
  return (await profileOf(clientId)).consents.photo?.granted === true;
}

/** A photo may only belong to one of its own client's treatment records (booking's), never another client's. */
async function assertTreatmentOf(clientId: string, treatmentId: string): Promise<void> {
  if (!(await treatmentRecordsOf(clientId)).some((r) => r.treatmentId === treatmentId))
    throw unprocessable("documents.treatment_not_found", "That treatment record is not this client's", { treatmentId: "Choose one of this client's treatment records" });
}

export async function requestPhotoUpload(input: PhotoRequest, by: string, now: Date) {
  if (!(await hasPhotoConsent(input.clientId))) throw conflict("documents.photo_consent_missing", "This client has not consented to clinical photos");
  if (input.treatmentId) await assertTreatmentOf(input.clientId, input.treatmentId);
  const fileId = randomUUID();
  const key = `photos/${input.clientId}/${randomUUID()}.${EXTENSIONS[input.contentType]}`;
  await db()
    .entities.file.create({
      fileId,
      purpose: "clinical_photo",
      userId: input.clientId,
      key,
      contentType: input.contentType,
      size: input.size,
      status: "pending",
      treatmentId: input.treatmentId,
      label: input.label,
      uploadedBy: by,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    })
    .go({ response: "none" });
  const uploadUrl = await presignedUpload(key, input.contentType, UPLOAD_SECONDS, input.size);
  return { fileId, uploadUrl, method: "PUT" as const, headers: { "content-type": input.contentType }, expiresInSeconds: UPLOAD_SECONDS };
}

export async function requirePhoto(fileId: string): Promise<StoredFileItem> {
  const { data } = await db().entities.file.get({ fileId }).go({ consistent: true });
  if (!data || data.purpose !== "clinical_photo") throw notFound("documents.file_not_found", "No such photo");
  return data;
}

const REFUSALS = {
  missing: "Nothing was uploaded",
  size_mismatch: "The upload is not the size that was declared",
  too_large: "The upload is too large",
  wrong_type: "The upload is not the image type that was declared",
} as const;

/** Checks the uploaded object; a wrong one is deleted and the file marked rejected (422). Confirming twice is harmless. */
export async function confirmPhotoUpload(fileId: string, now: Date): Promise<StoredFileItem> {
  const file = await requirePhoto(fileId);
  if (file.status === "ready") return file;
  if (file.status === "rejected") throw unprocessable("documents.upload_rejected", `This upload was refused: ${file.rejectedBecause ?? "it failed the checks"}`);
  const head = await headObject(file.key);
  const bytes = head && head.size > 0 ? await getObjectHead(file.key, 16) : new Uint8Array();
  const refusal = uploadRefusal({ contentType: file.contentType as PhotoType, size: file.size }, { size: head?.size, head: bytes });
  if (refusal) {
    if (refusal !== "missing") {
      await deleteObject(file.key);
      await db().entities.file.patch({ fileId }).set({ status: "rejected", rejectedBecause: refusal, updatedAt: now.toISOString() }).where((a, op) => op.eq(a.status, "pending")).go({ response: "none" });
    }
    throw unprocessable(`documents.upload_${refusal}`, REFUSALS[refusal]);
  }
  const { data } = await db().entities.file.patch({ fileId }).set({ status: "ready", updatedAt: now.toISOString() }).where((a, op) => op.eq(a.status, "pending")).go({ response: "all_new" });
  return data as StoredFileItem;
}

export async function attachToTreatment(fileId: string, treatmentId: string, now: Date): Promise<StoredFileItem> {
  const file = await requirePhoto(fileId);
  if (file.status !== "ready") throw conflict("documents.file_not_ready", "Only a checked upload can be attached to a treatment record");
  await assertTreatmentOf(file.userId, treatmentId);
  const { data } = await db().entities.file.patch({ fileId }).set({ treatmentId, updatedAt: now.toISOString() }).go({ response: "all_new" });
  return data as StoredFileItem;
}

export async function photosOf(clientId: string, treatmentId?: string): Promise<StoredFileItem[]> {
  const { data } = await db().entities.file.query.byUser({ userId: clientId }).go({ pages: "all" });
  return data.filter((f) => f.purpose === "clinical_photo" && f.status === "ready" && (treatmentId === undefined || f.treatmentId === treatmentId));
}

export const photoDownloadUrl = (file: StoredFileItem): Promise<string> => presignedDownload(file.key, DOWNLOAD_SECONDS);

export const photoView = (f: StoredFileItem) => ({
  fileId: f.fileId,
  clientId: f.userId,
  contentType: f.contentType,
  size: f.size,
  status: f.status,
  treatmentId: f.treatmentId ?? null,
  label: f.label ?? null,
  createdAt: f.createdAt,
});
