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
    await textAppointmentConfirmed(data, envelope, smsSettings());
    await alertNewBooking(data, envelope, smsSettings());
  },
  "appointment.rescheduled": async (data, envelope) => {
    await onAppointmentRescheduled(data, envelope);
    await textAppointmentRescheduled(data, envelope, smsSettings());
  },
  "appointment.cancelled": async (data, envelope) => {
    await onAppointmentCancelled(data, envelope);
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
  "appointment.completed": onAppointmentCompleted,
  "appointment.no_show": onAppointmentNoShow,
  "enrollment.activated": onEnrollmentActivated,
  "lesson.completed": onLessonCompleted,
  "course.completed": onCourseCompleted,
  "certificate.issued": onCertificateIssued,
  "cohort.opened": onCohortOpened,
  "user.registered": onUserRegistered,
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
    else if (workflow === "campaign") await onCampaignDue(subjectId, campaignPacing());
  },
};

export const consume = createEventConsumer("messaging", handlers);
