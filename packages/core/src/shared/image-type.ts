/**
 * What an uploaded picture really is, from its first bytes (never from its name or the
 * declared content type): a `.exe` renamed `.jpg` starts `MZ`, not JPEG's FF D8 FF. Shared
 * by documents (clinical photos) and booking (the clinic's public pictures).
 */
export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

export function detectImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return undefined;
}

/** Why a stored upload must be refused (the S3 emulator enforces no presigned limits), or undefined. */
export type UploadRefusal = "missing" | "size_mismatch" | "too_large" | "wrong_type";

export function imageUploadRefusal(expected: { contentType: ImageType; size: number; maxBytes: number }, actual: { size: number | undefined; head: Uint8Array }): UploadRefusal | undefined {
  if (actual.size === undefined) return "missing";
  if (actual.size > expected.maxBytes) return "too_large";
  if (actual.size !== expected.size) return "size_mismatch";
  if (detectImageType(actual.head) !== expected.contentType) return "wrong_type";
  return undefined;
}
