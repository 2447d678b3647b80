import { audit } from "@mas/core/audit/audit";
import { eraseWith } from "@mas/core/personal-data";
import { bookingPersonalData } from "./domain/personal-data";
import { depositPaid, expireHold } from "./domain/appointment-lifecycle";
import { clock } from "@mas/core/shared/clock";
import { expireOffer } from "./domain/waitlist";
import { recordTrainingBlock } from "./domain/training-blocks";
import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";
import { recordConsent } from "./domain/consent-status";
import { restoreSmsConsent, withdrawSmsConsents } from "./domain/sms-consent";

/**
 * What booking reacts to: deposits paid (confirm the appointment) and its own timers
 * (an unpaid hold lapsing, a waitlist offer lapsing). `payment.failed` needs no handler:
 * the hold simply lapses. Each handler re-reads state, so redelivery is harmless.
 */
export const handlers: EventHandlers = {
  /** Erase this service's part of the user's personal data (accounts erased its own and announced it). */
  "user.erased": async (data) => {
    const erased = await eraseWith(bookingPersonalData, data.userId);
    await audit({ actor: "system", action: "booking.personal_data_erased", subject: data.userId, detail: { parts: erased } });
  },
  "payment.succeeded": async (data) => {
    if (data.kind !== "deposit") return;
    await depositPaid({ appointmentId: data.subjectId, paymentId: data.paymentId, amountInPence: data.amountInPence, now: clock.now() });
  },
  /** Learning's practical sessions: booking keeps its own copy and blocks those hours. */
  "cohort.sessions_changed": async (data, envelope) => {
    await recordTrainingBlock(data, envelope.occurredAt);
  },
  /** Documents' consent forms: booking shows their state on the appointment. */
  "document.generated": async (data, envelope) => {
    if (data.kind === "consent-form" && data.subjectId) await recordConsent({ appointmentId: data.subjectId, documentId: data.documentId, status: "awaiting_signature", at: envelope.occurredAt });
  },
  "document.signed": async (data, envelope) => {
    if (data.kind === "consent-form" && data.subjectId) await recordConsent({ appointmentId: data.subjectId, documentId: data.documentId, status: "signed", at: envelope.occurredAt });
  },
  "document.expired": async (data, envelope) => {
    if (data.kind === "consent-form" && data.subjectId) await recordConsent({ appointmentId: data.subjectId, documentId: data.documentId, status: "expired", at: envelope.occurredAt });
  },
  /** A STOP reply to a text: the SMS consents on the client's profile are withdrawn. */
  "sms.opted_out": async (data) => {
    await withdrawSmsConsents(data);
  },
  /** A START reply from an opted-out number: the appointment-texts consent comes back. */
  "sms.opted_in": async (data) => {
    await restoreSmsConsent(data);
  },
  "reminder.due": async (data) => {
    if (data.workflow === "booking-hold") await expireHold({ appointmentId: data.subjectId, now: clock.now() });
    else if (data.workflow === "waitlist-offer") await expireOffer(data.subjectId, clock.now());
  },
};

export const consume = createEventConsumer("booking", handlers);
