import type { EntityItem } from "electrodb";
import { ulid } from "ulid";
import * as z from "zod";
import { notFound, unprocessable } from "@mas/core/errors";
import { deleteObject, getObject, getObjectHead, headObject, presignedUpload } from "@mas/core/ports/storage";
import { IMAGE_TYPES, imageUploadRefusal, type ImageType } from "@mas/core/shared/image-type";
import { db } from "../entities";
import type { PublicMedia } from "../entities/public-media";

/**
 * The clinic's public pictures (logo, portrait, treatment images). The owner asks for an
 * upload: a presigned PUT with the type and exact size signed in (S3 refuses anything
 * else; the local emulator does not, so `confirmMediaUpload` checks the stored object's
 * size and magic bytes and deletes a wrong one). Anyone may then fetch a ready picture by
 * its name — `<ULID>.<ext>`, new for every upload, so it is served as immutable.
 *
 * 4 MB at most: the picture is served through the API (a Lambda answer is capped at 6 MB,
 * and base64 adds a third), and a web picture needs far less.
 */
export const MEDIA_MAX_BYTES = 4 * 1024 * 1024;
export const MEDIA_PURPOSES = ["logo", "portrait", "treatment"] as const;
const EXTENSIONS: Record<ImageType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
const UPLOAD_SECONDS = 300;


export const MediaRequest = z.strictObject({
  purpose: z.enum(MEDIA_PURPOSES),
  contentType: z.enum(IMAGE_TYPES, "Upload a JPEG, PNG or WebP picture"),
  size: z.number().int().positive().max(MEDIA_MAX_BYTES, `Pictures are limited to ${MEDIA_MAX_BYTES / 1024 / 1024} MB`),
});
export type MediaRequest = z.infer<typeof MediaRequest>;
type MediaItem = EntityItem<typeof PublicMedia>;

export async function requestMediaUpload(input: MediaRequest, by: string, now: Date) {
  const mediaId = ulid(now.getTime());
  const key = `media/${mediaId}.${EXTENSIONS[input.contentType]}`;
  const at = now.toISOString();
  await db()
    .entities.publicMedia.create({ mediaId, key, purpose: input.purpose, contentType: input.contentType, size: input.size, status: "pending", uploadedBy: by, createdAt: at, updatedAt: at })
    .go({ response: "none" });
  const uploadUrl = await presignedUpload(key, input.contentType, UPLOAD_SECONDS, input.size);
  return { mediaId, key, uploadUrl, method: "PUT" as const, headers: { "content-type": input.contentType }, expiresInSeconds: UPLOAD_SECONDS };
}

async function requireMedia(mediaId: string): Promise<MediaItem> {
  const { data } = await db().entities.publicMedia.get({ mediaId }).go({ consistent: true });
  if (!data) throw notFound("booking.media_not_found", "No such picture");
  return data;
}

const REFUSALS = {
  missing: "Nothing was uploaded",
  size_mismatch: "The upload is not the size that was declared",
  too_large: "The upload is too large",
  wrong_type: "The upload is not the picture type that was declared",
} as const;

/** Checks the uploaded object; a wrong one is deleted and refused (422). Confirming twice is harmless. */
export async function confirmMediaUpload(mediaId: string, now: Date) {
  const media = await requireMedia(mediaId);
  if (media.status === "ready") return mediaView(media);
  if (media.status === "rejected") throw unprocessable("booking.upload_rejected", `This upload was refused: ${media.rejectedBecause ?? "it failed the checks"}`);
  const head = await headObject(media.key);
  const bytes = head && head.size > 0 ? await getObjectHead(media.key, 16) : new Uint8Array();
  const refusal = imageUploadRefusal({ contentType: media.contentType as ImageType, size: media.size, maxBytes: MEDIA_MAX_BYTES }, { size: head?.size, head: bytes });
  if (refusal) {
    if (refusal !== "missing") {
      await deleteObject(media.key);
      await db().entities.publicMedia.patch({ mediaId }).set({ status: "rejected", rejectedBecause: refusal, updatedAt: now.toISOString() }).go({ response: "none" });
    }
    throw unprocessable(`booking.upload_${refusal}`, REFUSALS[refusal]);
  }
  await db().entities.publicMedia.patch({ mediaId }).set({ status: "ready", updatedAt: now.toISOString() }).go({ response: "none" });
  return mediaView({ ...media, status: "ready" });
}

const mediaView = (m: MediaItem) => ({ mediaId: m.mediaId, key: m.key, purpose: m.purpose, contentType: m.contentType, size: m.size, status: m.status });

const idOf = (keyOrName: string) => keyOrName.replace(/^media\//, "").replace(/\.[a-z]+$/, "");

/** Refuses (422 on `field`) a key that is not a checked upload of ours: the profile and treatments may only name those. */
export async function assertMediaReady(key: string, field: string): Promise<void> {
  const { data } = await db().entities.publicMedia.get({ mediaId: idOf(key) }).go();
  if (!data || data.key !== key || data.status !== "ready") throw unprocessable("booking.media_not_ready", "That picture has not been uploaded and checked", { [field]: "Upload the picture again" });
}

/** A ready picture's bytes and type by its public name; 404 for anything else (pending, refused, unknown). */
export async function mediaContent(name: string): Promise<{ body: Uint8Array; contentType: string }> {
  const { data } = await db().entities.publicMedia.get({ mediaId: idOf(name) }).go();
  if (!data || data.key !== `media/${name}` || data.status !== "ready") throw notFound("booking.media_not_found", "No such picture");
  return { body: await getObject(data.key), contentType: data.contentType };
}

