import { audit } from "@mas/core/audit/audit";
import { eraseWith } from "@mas/core/personal-data";
import { messagingPersonalData } from "./domain/personal-data";
import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";
import {
  onAppointmentCancelled,
  onAppointmentCompleted,
  onAppointmentConfirmed,
  onAppointmentNoShow,
  onAppointmentRescheduled,
  onAppointmentStepDue,
} from "./domain/booking-flow";
import { onCampaignDue } from "./domain/campaigns";
import { alertCancellation, alertNewBooking, alertReviewNeeded } from "./domain/owner-alerts";
import { syncPracticalReminders, textPracticalDay } from "./domain/sms/practical-flow";
import { recordConsents, refreshContact, refreshCourse, refreshVisits } from "./domain/audience-projection";
import { campaignPacing, smsSettings } from "./config";
import {
  onDeferredTextDue,
  scheduleDepositNudge,
  textAppointmentCancelled,
  textAppointmentConfirmed,
  textAppointmentRescheduled,
  textAppointmentStep,
  textDepositNudge,
  textWaitlistOffer,
} from "./domain/sms/flows";
import { onCohortOpened, onCourseCompleted, onCourseStepDue, onEnrollmentActivated, onLessonCompleted } from "./domain/course-flow";
import {
  onCertificateIssued,
  onDocumentGenerated,
  onDocumentSigned,
  onPasswordResetRequested, onSignInFailures,
  onUserRegistered,
  onPaymentFailed,
  onPaymentRefunded,
  onPaymentSucceeded,
  onWaitlistOffered,
} from "./domain/transactional";

/**
 * Messaging turns events into mail and texts. Every handler is idempotent: a message is
 * keyed by the event id (or the schedule and its due time) and claimed before SES or SMS
 * is called; workflow state only accepts events at least as new as the last one applied.
 * A text follows its mail (the mail's handler keeps the appointment's state first).
 */
export const handlers: EventHandlers = {
  "appointment.confirmed": async (data, envelope) => {
    await onAppointmentConfirmed(data, envelope);
    await refreshVisits(data.clientId, envelope.occurredAt);
    await textAppointmentConfirmed(data, envelope, smsSettings());
    // The owner is told of bookings clients make, not of her own (a desk booking, an approval, a waived deposit).
    if (data.confirmedBy !== "clinic") await alertNewBooking(data, envelope, smsSettings());
  },
  "appointment.rescheduled": async (data, envelope) => {
    await onAppointmentRescheduled(data, envelope);
    await refreshVisits(data.clientId, envelope.occurredAt);
    await textAppointmentRescheduled(data, envelope, smsSettings());
  },
  "appointment.cancelled": async (data, envelope) => {
    await onAppointmentCancelled(data, envelope);
    await refreshVisits(data.clientId, envelope.occurredAt);
    await textAppointmentCancelled(data, envelope, smsSettings());
    await alertCancellation(data, envelope, smsSettings());
  },
  /**
   * Not yet confirmed (the subscriptions let through pending_deposit and pending_review):
   * a deposit hold gets one nudge by text before it lapses; a booking to review alerts the owner.
   */
  "appointment.requested": async (data, envelope) => {
    await scheduleDepositNudge(data, envelope);
    await alertReviewNeeded(data, envelope, smsSettings());
  },
  "appointment.completed": async (data, envelope) => {
    await onAppointmentCompleted(data, envelope);
    await refreshVisits(data.clientId, envelope.occurredAt);
  },
  "appointment.no_show": async (data, envelope) => {
    await onAppointmentNoShow(data, envelope);
    await refreshVisits(data.clientId, envelope.occurredAt);
  },
  "enrollment.activated": async (data, envelope) => {
    await onEnrollmentActivated(data, envelope);
    await refreshCourse(data.userId, envelope.occurredAt);
    await refreshContact(data.userId, envelope.occurredAt); // accounts made them a student too
  },
  "lesson.completed": onLessonCompleted,
  "course.completed": async (data, envelope) => {
    await onCourseCompleted(data);
    await refreshCourse(data.userId, envelope.occurredAt);
  },
  "certificate.issued": onCertificateIssued,
  "cohort.opened": onCohortOpened,
  "user.registered": async (data, envelope) => {
    await onUserRegistered(data, envelope);
    await refreshContact(data.userId, envelope.occurredAt);
  },
  /** Booking's consents as they now stand: the marketing audience follows (and the account's mobile, read again). */
  "client.consents_changed": async (data, envelope) => {
    await recordConsents(data.clientId, data.consents, envelope.occurredAt);
    await refreshContact(data.clientId, envelope.occurredAt);
  },
  "user.password_reset_requested": onPasswordResetRequested,
  "user.sign_in_failures": onSignInFailures,
  /** Erase this service's part of the user's personal data (accounts erased its own and announced it). */
  "user.erased": async (data) => {
    const erased = await eraseWith(messagingPersonalData, data.userId);
    await audit({ actor: "system", action: "messaging.personal_data_erased", subject: data.userId, detail: { parts: erased } });
  },
  "payment.succeeded": onPaymentSucceeded,
  "payment.failed": onPaymentFailed,
  "payment.refunded": onPaymentRefunded,
  /** Time-critical: the text goes first, then the mail. */
  "waitlist.offered": async (data, envelope) => {
    await textWaitlistOffer(data, envelope, smsSettings());
    await onWaitlistOffered(data, envelope);
  },
  "document.generated": onDocumentGenerated,
  "document.signed": onDocumentSigned,
  /** A cohort's practical days changed: the texts the day before each are planned again from learning's cohort. */
  "cohort.sessions_changed": async (data) => {
    await syncPracticalReminders(data.cohortId);
  },
  "reminder.due": async ({ workflow, step, subjectId, scheduledFor }) => {
    if (workflow === "appointment") {
      await onAppointmentStepDue(step, subjectId, scheduledFor);
      await textAppointmentStep(step, subjectId, scheduledFor, smsSettings());
    } else if (workflow === "sms") await onDeferredTextDue(subjectId, smsSettings());
    else if (workflow === "deposit-nudge") await textDepositNudge(subjectId, scheduledFor, smsSettings());
    else if (workflow === "practical-day") await textPracticalDay(subjectId, scheduledFor, smsSettings());
    else if (workflow === "course") await onCourseStepDue(step, subjectId, scheduledFor);
    else if (workflow === "campaign") await onCampaignDue(subjectId, campaignPacing(), smsSettings());
  },
};

export const consume = createEventConsumer("messaging", handlers);
