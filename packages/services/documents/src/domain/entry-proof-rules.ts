/**
 * What a student may upload as proof of a course's entry requirement (a registration
 * certificate, a screenshot of the register): a PDF or a picture of it, at most 10 MB, and
 * the stored bytes must be what was declared (a renamed `.exe` or an HTML page is refused).
 */
export const ENTRY_PROOF_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type EntryProofType = (typeof ENTRY_PROOF_TYPES)[number];
export const ENTRY_PROOF_MAX_BYTES = 10 * 1024 * 1024;

const SIGNATURES: Record<EntryProofType, readonly number[]> = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export function isEntryProofType(head: Uint8Array, type: EntryProofType): boolean {
  const signature = SIGNATURES[type];
  return head.length >= signature.length && signature.every((b, i) => head[i] === b);
}

/** Why a stored proof must be refused (after the upload: the S3 emulator enforces no presigned limits), or undefined. */
export function entryProofRefusal(expected: { contentType: EntryProofType; size: number }, actual: { size: number | undefined; head: Uint8Array }): "missing" | "size_mismatch" | "too_large" | "wrong_type" | undefined {
  if (actual.size === undefined) return "missing";
  if (actual.size > ENTRY_PROOF_MAX_BYTES) return "too_large";
  if (actual.size !== expected.size) return "size_mismatch";
  if (!isEntryProofType(actual.head, expected.contentType)) return "wrong_type";
  return undefined;
}
