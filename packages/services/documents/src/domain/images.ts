/**
 * What an uploaded or drawn image really is, from its bytes (never from its name or the
 * declared content type): a `.exe` renamed `.jpg` has an `MZ` header, not JPEG's FF D8 FF.
 */
import { detectImageType, IMAGE_TYPES, imageUploadRefusal, startsWith, type ImageType, type UploadRefusal } from "@mas/core/shared/image-type";

export type DetectedType = ImageType | "application/pdf";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Images by core's detection (shared with booking's public pictures), and PDFs. */
export function detectType(bytes: Uint8Array): DetectedType | undefined {
  return detectImageType(bytes) ?? (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) ? "application/pdf" : undefined);
}

/** A drawn signature is small: a 600×200 canvas stroke compresses to a few KB. */
export const SIGNATURE_MAX_BYTES = 100 * 1024;
export const SIGNATURE_MAX_SIDE = 2000;
export const SIGNATURE_MIN_SIDE = 50;

export type SignatureProblem = "not_data_url" | "not_base64" | "too_large" | "not_png" | "bad_dimensions" | "empty";

export interface SignatureImage {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/**
 * A canvas's `toDataURL("image/png")`, checked: PNG data URL, base64, at most
 * SIGNATURE_MAX_BYTES decoded, PNG magic bytes, and an IHDR whose width and height are
 * plausible for a signature box. Returns the decoded image or what is wrong with it.
 */
export function parseSignaturePng(dataUrl: string): SignatureImage | { problem: SignatureProblem } {
  const prefix = "data:image/png;base64,";
  if (!dataUrl.startsWith(prefix)) return { problem: "not_data_url" };
  const base64 = dataUrl.slice(prefix.length);
  if (base64.length === 0) return { problem: "empty" };
  // Check the size before decoding, so a huge payload costs nothing.
  if (Math.floor((base64.length * 3) / 4) > SIGNATURE_MAX_BYTES + 3) return { problem: "too_large" };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) return { problem: "not_base64" };
  const bytes = new Uint8Array(Buffer.from(base64, "base64"));
  if (bytes.length > SIGNATURE_MAX_BYTES) return { problem: "too_large" };
  if (!startsWith(bytes, PNG)) return { problem: "not_png" };
  // IHDR is always the first chunk: length(4) "IHDR"(4) width(4) height(4), big-endian.
  if (bytes.length < 24 || !startsWith(bytes, [0x49, 0x48, 0x44, 0x52], 12)) return { problem: "not_png" };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const sides = [width, height];
  if (sides.some((side) => side < SIGNATURE_MIN_SIDE || side > SIGNATURE_MAX_SIDE)) return { problem: "bad_dimensions" };
  return { bytes, width, height };
}

export const SIGNATURE_PROBLEMS: Record<SignatureProblem, string> = {
  not_data_url: "The signature must be a PNG image from the signature pad (data:image/png;base64,…)",
  not_base64: "The signature image is not valid base64",
  too_large: `The signature image is larger than ${SIGNATURE_MAX_BYTES / 1024} KB`,
  not_png: "The signature image is not a PNG",
  bad_dimensions: `The signature image must be between ${SIGNATURE_MIN_SIDE} and ${SIGNATURE_MAX_SIDE} pixels on each side`,
  empty: "Draw your signature first",
};

/** Clinical photo uploads: what may be uploaded and how big. */
export const PHOTO_TYPES = IMAGE_TYPES;
export type PhotoType = ImageType;
export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;

/** Why an uploaded object must be refused (after the upload: the emulator does not enforce presigned limits), or undefined. */
export function uploadRefusal(expected: { contentType: PhotoType; size: number }, actual: { size: number | undefined; head: Uint8Array }): UploadRefusal | undefined {
  return imageUploadRefusal({ ...expected, maxBytes: PHOTO_MAX_BYTES }, actual);
}
