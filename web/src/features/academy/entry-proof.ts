/**
 * Uploading a student's proof of a course's entry requirement from the site's server (so
 * the pages work without JavaScript): ask documents for a presigned PUT, send the bytes
 * there, then ask documents to check what arrived. Documents refuses the wrong type or
 * size again from the bytes; the early check here only saves a pointless round trip.
 */
import type { AstroGlobal } from "astro";
import { api, call } from "../../lib/client";
import { NO_SCRIPT_TOO_LARGE, tooLargeWithoutScript, UPLOADED_FIELD } from "../uploads/direct-upload";

export const PROOF_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export const PROOF_MAX_BYTES = 10 * 1024 * 1024;
export const PROOF_HINT = "A PDF, JPEG or PNG of your registration (up to 10 MB).";

type ProofType = (typeof PROOF_TYPES)[number];

/** The file a form sent in `name`, or undefined when none was chosen. */
export async function chosenFile(request: Request, name: string): Promise<File | undefined> {
  const value = (await request.clone().formData().catch(() => undefined))?.get(name);
  return value instanceof File && value.size > 0 ? value : undefined;
}

/** Why this file cannot be a proof, in words for the form, or undefined. */
export function proofProblem(file: File): string | undefined {
  if (!(PROOF_TYPES as readonly string[]).includes(file.type)) return "Choose a PDF, JPEG or PNG file";
  if (file.size > PROOF_MAX_BYTES) return "The file is larger than 10 MB";
  // Through the site's server (no JavaScript) a file must fit under its request cap (4.5 MB of form).
  if (tooLargeWithoutScript(file)) return NO_SCRIPT_TOO_LARGE;
  return undefined;
}

/** The id of a proof the browser already put in storage (features/uploads), if the form sent one. */
export async function uploadedFileId(request: Request): Promise<string | undefined> {
  const value = (await request.clone().formData().catch(() => undefined))?.get(UPLOADED_FIELD);
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/** Asks documents to check a proof the browser uploaded directly; the error message for the form, or undefined when it is in. */
export async function confirmProof(astro: AstroGlobal, fileId: string): Promise<string | undefined> {
  const checked = await call(api(astro).documents.me["entry-proofs"][":fileId"].confirm.$post({ param: { fileId } }));
  return checked.ok ? undefined : checked.error.message;
}

/** Uploads and checks the proof; the error message for the form, or undefined when it is in. */
export async function uploadProof(astro: AstroGlobal, enrollmentId: string, file: File): Promise<string | undefined> {
  const early = proofProblem(file);
  if (early) return early;
  const proofs = api(astro).documents.me["entry-proofs"];
  const ticket = await call(proofs.$post({ json: { enrollmentId, contentType: file.type as ProofType, size: file.size } }));
  if (!ticket.ok) return ticket.error.fields?.contentType ?? ticket.error.fields?.size ?? ticket.error.message;
  const sent = await fetch(ticket.data.uploadUrl, { method: "PUT", headers: ticket.data.headers, body: new Uint8Array(await file.arrayBuffer()) }).catch(() => undefined);
  if (!sent?.ok) return "The upload did not go through. Please try again.";
  return confirmProof(astro, ticket.data.fileId);
}
