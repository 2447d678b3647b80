/**
 * When a consent form may be signed. It is issued when the appointment is confirmed and
 * lapses at the appointment's start or 30 days after issue, whichever comes first: consent
 * is given for this treatment, close to it — a form signed for a booking months away
 * would describe a medical picture that may have changed.
 */
export const CONSENT_VALID_DAYS = 30;
const DAY_MS = 86_400_000;

export function consentDeadline(appointmentStart: Date, issuedAt: Date): Date {
  const thirtyDays = new Date(issuedAt.getTime() + CONSENT_VALID_DAYS * DAY_MS);
  return appointmentStart.getTime() < thirtyDays.getTime() ? appointmentStart : thirtyDays;
}

export const DOCUMENT_STATUSES = ["awaiting_signature", "signed", "expired", "issued"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/**
 * The status a reader should see: an unsigned form past its deadline is expired even
 * before the scheduled expiry has run (the schedule may be late; the deadline is not).
 */
export function effectiveStatus(document: { status: DocumentStatus; signBy?: string }, now: Date): DocumentStatus {
  if (document.status === "awaiting_signature" && document.signBy && now.getTime() >= Date.parse(document.signBy)) return "expired";
  return document.status;
}

/** Why a document cannot be signed now, or undefined when it can. */
export function signingRefusal(document: { status: DocumentStatus; signBy?: string }, now: Date): "already_signed" | "expired" | "not_signable" | undefined {
  const status = effectiveStatus(document, now);
  if (status === "signed") return "already_signed";
  if (status === "expired") return "expired";
  if (status !== "awaiting_signature") return "not_signable";
  return undefined;
}

/**
 * The statement the signer agrees to, versioned: its exact words are part of the hashed
 * inputs, so changing them later never changes what an earlier signer agreed to.
 */
export const CONSENT_STATEMENT =
  "I have read and understood this consent form, I have had the chance to ask questions, and I agree to the treatment described. I agree that my typed name and drawn signature are my electronic signature.";
