/**
 * The merge fields a template may use, declared once: their kind decides which filters
 * apply and how a value is made safe (URLs are checked for a safe scheme, everything is
 * HTML-escaped in HTML). Each template lists the groups it can rely on; `lintTemplate`
 * reports anything else.
 */
export type FieldKind = "text" | "number" | "datetime" | "url";

export interface FieldDefinition {
  kind: FieldKind;
  description: string;
}

export const MERGE_FIELDS = {
  "client.firstName": { kind: "text", description: "Recipient's first name" },
  "client.email": { kind: "text", description: "Recipient's email address" },
  "practice.name": { kind: "text", description: "Practice name" },
  "practice.email": { kind: "text", description: "Practice contact email" },
  "practice.phone": { kind: "text", description: "Practice phone number" },
  "practice.address": { kind: "text", description: "Practice address" },
  "links.site": { kind: "url", description: "Public site" },
  "links.account": { kind: "url", description: "Client portal" },
  "links.unsubscribe": { kind: "url", description: "One-click unsubscribe (marketing mail only)" },

  "appointment.start": { kind: "datetime", description: "Appointment start (use |date, |time)" },
  "appointment.end": { kind: "datetime", description: "Appointment end" },
  "appointment.previousStart": { kind: "datetime", description: "Start before a reschedule" },
  "appointment.cancellationReason": { kind: "text", description: "Why it was cancelled" },
  "appointment.fee": { kind: "text", description: "Cancellation fee, formatted (£)" },
  "appointment.deposit": { kind: "text", description: "Deposit, formatted (£)" },
  "service.name": { kind: "text", description: "Treatment name" },
  "service.category": { kind: "text", description: "Treatment category" },
  "service.preparation": { kind: "text", description: "Preparation advice for the treatment category" },
  "links.manageBooking": { kind: "url", description: "Manage this booking" },
  "links.rebook": { kind: "url", description: "Book the treatment again" },
  "links.review": { kind: "url", description: "Leave a review" },

  "course.title": { kind: "text", description: "Course title" },
  "course.progressPercent": { kind: "number", description: "Course progress, 0–100" },
  "links.course": { kind: "url", description: "Continue the course" },

  "payment.amount": { kind: "text", description: "Amount paid, formatted (£)" },
  "payment.refunded": { kind: "text", description: "Amount refunded, formatted (£)" },
  "payment.purpose": { kind: "text", description: "What the payment was for" },
  "payment.reason": { kind: "text", description: "Why a payment failed" },
  "links.payment": { kind: "url", description: "Retry or view the payment" },

  "reset.expiresAt": { kind: "datetime", description: "When the reset link expires" },
  "links.resetPassword": { kind: "url", description: "Password reset link" },
  "signIn.failures": { kind: "text", description: "How many wrong passwords were tried on the account" },
  "signIn.since": { kind: "datetime", description: "Since when (the throttling window's start)" },
  "links.forgotPassword": { kind: "url", description: "Ask for a password reset link" },

  "waitlist.start": { kind: "datetime", description: "Offered slot start" },
  "waitlist.offerExpiresAt": { kind: "datetime", description: "When the offer lapses" },
  "links.claimOffer": { kind: "url", description: "Claim the offered slot" },

  "document.title": { kind: "text", description: "Document name" },
  "links.document": { kind: "url", description: "Open / sign the document" },

  "certificate.verificationCode": { kind: "text", description: "Certificate verification code" },
  "links.certificate": { kind: "url", description: "Verify / download the certificate" },

  "booking.clientName": { kind: "text", description: "Whom the booking is for (the owner's alerts)" },
  "links.adminAppointment": { kind: "url", description: "The appointment in the admin diary (the owner's alerts)" },

  "campaign.body": { kind: "text", description: "Campaign message (owner's text)" },
  "campaign.headline": { kind: "text", description: "Campaign headline" },
  "links.campaign": { kind: "url", description: "Campaign call to action" },
} as const satisfies Record<string, FieldDefinition>;

export type MergeField = keyof typeof MERGE_FIELDS;

/** Always available: who it is for, who it is from, and the site. */
export const COMMON_FIELDS = [
  "client.firstName",
  "client.email",
  "practice.name",
  "practice.email",
  "practice.phone",
  "practice.address",
  "links.site",
  "links.account",
] as const satisfies readonly MergeField[];

export function isMergeField(path: string): path is MergeField {
  return Object.hasOwn(MERGE_FIELDS, path);
}

/** Merge data: nested plain values, looked up by dotted path. */
export type MergeValue = string | number | null | undefined;
export interface MergeData {
  [group: string]: Record<string, MergeValue> | undefined;
}

export function lookup(data: MergeData, path: string): MergeValue {
  const [group, key, ...rest] = path.split(".");
  if (!group || !key || rest.length > 0) return undefined;
  const bag = data[group];
  if (!bag || !Object.hasOwn(bag, key)) return undefined;
  return bag[key];
}
