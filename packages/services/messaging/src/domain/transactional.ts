import type { EventData } from "@mas/core/events/catalogue";
import type { Envelope } from "@mas/core/events/define";
import { formatGBP } from "@mas/core/shared/money";
import { deliver } from "./delivery";
import type { MergeData } from "./fields";
import { deleteMessagesOf } from "./history";
import { practiceDetails } from "@mas/core/practice";
import { siteLinks } from "@mas/core/links";
import { recipientFor, type Recipient } from "./recipients";
import { declineReasonInWords } from "./decline-reasons";

/**
 * Mail that follows directly from one event and always sends (no consent needed): it is
 * about something the recipient did or asked for. One message per event id and template.
 */
async function mailUser(
  userId: string | Recipient,
  template: string,
  envelope: Envelope,
  data: MergeData,
  related: { type: string; id: string },
): Promise<void> {
  const recipient = typeof userId === "string" ? await recipientFor(userId) : userId;
  if (!recipient) return;
  await deliver({ messageId: `${envelope.id}.${template}`, template, recipient, data, related });
}

/** The site's links for this practice (its URL is config, read at the edge of each handler). */
const links = () => siteLinks(practiceDetails().siteUrl);

/** Every new account, self-registered or added by the clinic (that one learns how to choose a password). */
export async function onUserRegistered(data: EventData<"user.registered">, envelope: Envelope): Promise<void> {
  // By id, not from the event: an account erased before the mail goes out gets none.
  await mailUser(data.userId, "account.welcome", envelope, { links: { forgotPassword: links().forgotPassword() } }, { type: "user", id: data.userId });
}

export async function onPasswordResetRequested(data: EventData<"user.password_reset_requested">, envelope: Envelope): Promise<void> {
  const recipient = { userId: data.userId, email: data.email, firstName: data.firstName };
  await mailUser(recipient, "account.password-reset", envelope, { reset: { expiresAt: data.expiresAt }, links: { resetPassword: data.resetUrl } }, { type: "user", id: data.userId });
}

export async function onSignInFailures(data: EventData<"user.sign_in_failures">, envelope: Envelope): Promise<void> {
  const recipient = { userId: data.userId, email: data.email, firstName: data.firstName };
  const merge = { signIn: { failures: String(data.failures), since: data.windowStartedAt }, links: { forgotPassword: links().forgotPassword() } };
  await mailUser(recipient, "account.sign-in-attempts", envelope, merge, { type: "user", id: data.userId });
}

type PaymentKind = EventData<"payment.succeeded">["kind"];
const PURPOSE: Record<PaymentKind, string> = { deposit: "your appointment deposit", course_fee: "your course", fee: "a cancellation or missed-appointment fee", balance: "your treatment" };

function paymentData(data: { kind: PaymentKind; amountInPence: number }, extra: Record<string, string> = {}): MergeData {
  return { payment: { amount: formatGBP(data.amountInPence), purpose: PURPOSE[data.kind], ...extra }, links: { payment: links().payments() } };
}

export async function onPaymentSucceeded(data: EventData<"payment.succeeded">, envelope: Envelope): Promise<void> {
  await mailUser(data.userId, "payment.receipt", envelope, paymentData(data), { type: "payment", id: data.paymentId });
}

/** Where the client tries again: a held booking's deposit step, or the pay page for a fee the clinic could not take. */
function payLink(data: { kind: PaymentKind; subjectId: string }): string {
  return data.kind === "deposit" ? links().payDeposit(data.subjectId) : links().payFee(data.kind, data.subjectId);
}

export async function onPaymentFailed(data: EventData<"payment.failed">, envelope: Envelope): Promise<void> {
  const merge = paymentData(data, { reason: declineReasonInWords(data.reason) });
  await mailUser(data.userId, "payment.failed", envelope, { ...merge, links: { payment: payLink(data) } }, { type: "payment", id: data.paymentId });
}

export async function onPaymentRefunded(data: EventData<"payment.refunded">, envelope: Envelope): Promise<void> {
  await mailUser(data.userId, "payment.refunded", envelope, paymentData(data, { refunded: formatGBP(data.refundedInPence) }), { type: "payment", id: data.paymentId });
}

export async function onWaitlistOffered(data: EventData<"waitlist.offered">, envelope: Envelope): Promise<void> {
  const merge: MergeData = {
    service: { name: data.serviceName },
    waitlist: { start: data.start, offerExpiresAt: data.offerExpiresAt },
    links: { claimOffer: links().waitlistOffer(data.waitlistId) },
  };
  await mailUser(data.clientId, "waitlist.offer", envelope, merge, { type: "waitlist", id: data.waitlistId });
}

/** Document kinds are documents' vocabulary (`consent-form`); mail shows them as words. */
export function documentTitle(kind: string): string {
  return kind.replace(/[-_]+/g, " ").trim() || "document";
}

/** Generated documents the client is asked to sign; others (receipts, certificates) need no mail. */
const NOT_FOR_SIGNING = /certificate|receipt|invoice|record/i;

export async function onDocumentGenerated(data: EventData<"document.generated">, envelope: Envelope): Promise<void> {
  if (NOT_FOR_SIGNING.test(data.kind)) return;
  const merge = { document: { title: documentTitle(data.kind) }, links: { document: links().document(data.documentId) } };
  await mailUser(data.userId, "document.to-sign", envelope, merge, { type: "document", id: data.documentId });
}

export async function onDocumentSigned(data: EventData<"document.signed">, envelope: Envelope): Promise<void> {
  const merge = { document: { title: documentTitle(data.kind) }, links: { document: links().document(data.documentId) } };
  await mailUser(data.userId, "document.signed", envelope, merge, { type: "document", id: data.documentId });
}

export async function onCertificateIssued(data: EventData<"certificate.issued">, envelope: Envelope): Promise<void> {
  const merge: MergeData = {
    course: { title: data.courseTitle },
    certificate: { verificationCode: data.verificationCode },
    links: { certificate: links().certificate(data.verificationCode) },
  };
  await mailUser(data.userId, "certificate.issued", envelope, merge, { type: "certificate", id: data.certificateId });
}
