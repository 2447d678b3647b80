/**
 * Every address on the public site that mail, calendar invites, payment return URLs or
 * pages hand out, built in one place. A link is only added here together with the page it
 * lands on: `web/src/pages` (or an API route) — the link test in messaging resolves every
 * link every template renders against the site's routes, so a link that points nowhere
 * fails a test instead of a client.
 *
 * The site URL is a parameter (the service edge reads it from config), so domain code
 * never reads the environment; `sitePaths` gives the same paths relative, for pages.
 */
export interface SiteLinks {
  /** The site's home page (no trailing slash, so `${site}/x` stays well formed). */
  site(): string;
  account(): string;
  treatments(): string;
  treatment(slug: string): string;
  /** Book a treatment again: its booking page, or the treatment list when the slug is unknown. */
  book(treatmentSlug?: string): string;
  bookingConfirmation(appointmentId: string): string;
  /** The deposit step of a booking held for payment. */
  payDeposit(appointmentId: string): string;
  appointments(): string;
  appointment(appointmentId: string): string;
  review(appointmentId: string): string;
  waitlist(): string;
  waitlistOffer(waitlistId: string): string;
  payments(): string;
  receipt(paymentId: string): string;
  /** Pay a fee the clinic could not take off-session (a cancellation or no-show fee, a course balance). */
  payFee(kind: string, subjectId: string): string;
  resetPassword(token: string): string;
  /** Ask for a password reset link. */
  forgotPassword(): string;
  course(slug: string): string;
  /** Register interest in a full course's next dates. */
  courseInterest(slug: string): string;
  /** A student's own course (Learning's student area, issue 18). */
  enrollment(enrollmentId: string): string;
  certificate(verificationCode: string): string;
  document(documentId: string): string;
  unsubscribe(token: string): string;
  /** The owner's page of one appointment in the admin diary (her alerts link to it). */
  adminAppointment(appointmentId: string): string;
  /** One of the clinic's public pictures (logo, portrait, treatment image) by its stored key `media/<name>`, served by booking. */
  publicMedia(key: string): string;
}

const seg = encodeURIComponent;
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

export function siteLinks(siteUrl: string): SiteLinks {
  const base = siteUrl.replace(/\/+$/, "");
  const at = (path: string) => `${base}${path}`;
  return {
    site: () => base || "/",
    account: () => at("/account"),
    treatments: () => at("/treatments"),
    treatment: (slug) => at(`/treatments/${seg(slug)}`),
    book: (slug) => (slug ? at(`/book/${seg(slug)}`) : at("/treatments")),
    bookingConfirmation: (id) => at(`/book/confirmation?${query({ appointment: id })}`),
    payDeposit: (id) => at(`/book/pay?${query({ appointment: id })}`),
    appointments: () => at("/account/appointments"),
    appointment: (id) => at(`/account/appointments/${seg(id)}`),
    review: (id) => at(`/account/appointments/${seg(id)}/review`),
    waitlist: () => at("/account/waitlist"),
    waitlistOffer: (id) => at(`/account/waitlist/${seg(id)}`),
    payments: () => at("/account/payments"),
    receipt: (id) => at(`/account/payments/${seg(id)}`),
    payFee: (kind, subject) => at(`/account/payments/pay?${query({ kind, subject })}`),
    resetPassword: (token) => at(`/reset-password?${query({ token })}`),
    forgotPassword: () => at("/forgot-password"),
    course: (slug) => at(`/courses/${seg(slug)}`),
    courseInterest: (slug) => at(`/courses/${seg(slug)}/interest`),
    enrollment: (id) => at(`/learn/${seg(id)}`),
    certificate: (code) => at(`/certificates/${seg(code)}`),
    document: (id) => at(`/account/documents/${seg(id)}`),
    adminAppointment: (id) => at(`/admin/diary/appointments/${seg(id)}`),
    unsubscribe: (token) => at(`/api/messaging/unsubscribe?${query({ token })}`),
    publicMedia: (key) => at(`/api/booking/media/${seg(key.replace(/^media\//, ""))}`),
  };
}

/** The same links relative to the site, for the site's own pages. */
export const sitePaths: SiteLinks = siteLinks("");
