import * as z from "zod";
import { defineEvent } from "./define";

/**
 * Every event in the product, declared once: name (`domain.verb`, past tense), the
 * service that publishes it, and the zod schema of its data. Publishers validate before
 * sending and consumers validate on receipt, from these same definitions.
 */
const id = z.string().min(1);
const isoDateTime = z.iso.datetime({ offset: true });
const pence = z.number().int().nonnegative();
const consentState = z.object({ granted: z.boolean(), at: isoDateTime }).nullable();

const appointmentData = z.object({
  appointmentId: id,
  clientId: id,
  serviceId: id,
  serviceSlug: z.string(),
  serviceName: z.string(),
  category: z.string(),
  start: isoDateTime,
  end: isoDateTime,
  priceInPence: pence,
  depositInPence: pence,
});

/** Messaging's per-appointment and per-enrolment mail steps (workflows.ts says when each is due). */
export const APPOINTMENT_STEPS = ["prep", "reminder", "checkin", "aftercare", "review", "rebook"] as const;
export const COURSE_STEPS = ["day1", "day7", "day14", "day30"] as const;

const reminder = <W extends string, S extends readonly [string, ...string[]]>(workflow: W, steps: S) =>
  z.object({ workflow: z.literal(workflow), step: z.enum(steps), subjectId: id, scheduledFor: isoDateTime });

export const Events = {
  SystemPing: defineEvent("system.ping", "system", z.object({ message: z.string() })),

  UserRegistered: defineEvent(
    "user.registered",
    "accounts",
    z.object({ userId: id, email: z.email(), firstName: z.string(), roles: z.array(z.string()) }),
  ),
  PasswordResetRequested: defineEvent(
    "user.password_reset_requested",
    "accounts",
    z.object({ userId: id, email: z.email(), firstName: z.string(), resetUrl: z.url(), expiresAt: isoDateTime }),
  ),
  UserErased: defineEvent("user.erased", "accounts", z.object({ userId: id })),
  /** A burst of wrong passwords on one account (any sources) in one throttling window: messaging tells its owner, once per window. */
  SignInFailuresBurst: defineEvent(
    "user.sign_in_failures",
    "accounts",
    z.object({ userId: id, email: z.email(), firstName: z.string(), failures: z.number().int().positive(), windowStartedAt: isoDateTime }),
  ),

  /** Booked but not yet confirmed: waiting for the deposit (a hold until `holdExpiresAt`) or for the practitioner's review. */
  AppointmentRequested: defineEvent(
    "appointment.requested",
    "booking",
    appointmentData.extend({ status: z.enum(["pending_deposit", "pending_review"]), holdExpiresAt: isoDateTime.nullable() }),
  ),
  AppointmentConfirmed: defineEvent(
    "appointment.confirmed",
    "booking",
    // Whose act confirmed it: the client's (booked, or paid the deposit) or the clinic's (the owner
    // booked at the desk, approved a reviewed booking, waived a deposit). Absent on older events: the client's.
    appointmentData.extend({ confirmedBy: z.enum(["client", "clinic"]).optional() }),
  ),
  AppointmentRescheduled: defineEvent(
    "appointment.rescheduled",
    "booking",
    appointmentData.extend({ previousStart: isoDateTime, previousEnd: isoDateTime }),
  ),
  AppointmentCancelled: defineEvent(
    "appointment.cancelled",
    "booking",
    appointmentData.extend({
      cancelledBy: z.enum(["client", "owner", "system"]),
      reason: z.string().optional(),
      /** Inside the cancellation window (a late cancellation by the client). */
      late: z.boolean(),
      /** Fee the client owes under the cancellation policy; payments keeps this much of the deposit. */
      feeInPence: pence,
      /** Whether any of the deposit goes back, and how much (deposit paid − fee, never negative). */
      refundDeposit: z.boolean(),
      refundInPence: pence,
    }),
  ),
  AppointmentCompleted: defineEvent("appointment.completed", "booking", appointmentData),
  AppointmentNoShow: defineEvent("appointment.no_show", "booking", appointmentData.extend({ feeInPence: pence })),
  /** An unpaid hold lapsed: the slot went back into availability. */
  AppointmentExpired: defineEvent("appointment.expired", "booking", appointmentData),
  /**
   * A deposit arrived that booking cannot honour (the hold had lapsed and the slot was taken,
   * or the appointment was already cancelled): payments refunds it in full.
   */
  AppointmentDepositOrphaned: defineEvent(
    "appointment.deposit_orphaned",
    "booking",
    z.object({ appointmentId: id, clientId: id, paymentId: id, amountInPence: pence, reason: z.enum(["slot_taken", "appointment_closed"]) }),
  ),
  /**
   * A client's contact consents as they now stand (each granted or withdrawn, with when),
   * after any change: messaging keeps its marketing audience from it (issue 20).
   */
  ClientConsentsChanged: defineEvent(
    "client.consents_changed",
    "booking",
    z.object({
      clientId: id,
      consents: z.object({ marketingEmail: consentState, sms: consentState, marketingSms: consentState }),
    }),
  ),
  WaitlistOffered: defineEvent(
    "waitlist.offered",
    "booking",
    z.object({ waitlistId: id, clientId: id, serviceSlug: z.string(), serviceName: z.string(), start: isoDateTime, end: isoDateTime, offerExpiresAt: isoDateTime }),
  ),

  PaymentSucceeded: defineEvent(
    "payment.succeeded",
    "payments",
    z.object({ paymentId: id, kind: z.enum(["deposit", "course_fee", "fee", "balance"]), subjectId: id, userId: id, amountInPence: pence }),
  ),
  PaymentFailed: defineEvent(
    "payment.failed",
    "payments",
    z.object({ paymentId: id, kind: z.enum(["deposit", "course_fee", "fee", "balance"]), subjectId: id, userId: id, amountInPence: pence, reason: z.string().optional() }),
  ),
  /** `refundedInPence` is the payment's cumulative refunded total (take the largest seen). */
  PaymentRefunded: defineEvent(
    "payment.refunded",
    "payments",
    z.object({ paymentId: id, kind: z.enum(["deposit", "course_fee", "fee", "balance"]), subjectId: id, userId: id, amountInPence: pence, refundedInPence: pence }),
  ),
  /** A chargeback was opened: the owner must respond in Stripe before the evidence deadline. */
  PaymentDisputed: defineEvent(
    "payment.disputed",
    "payments",
    z.object({ paymentId: id, kind: z.enum(["deposit", "course_fee", "fee", "balance"]), subjectId: id, userId: id, amountInPence: pence, disputedInPence: pence }),
  ),

  EnrollmentCreated: defineEvent("enrollment.created", "learning", z.object({ enrollmentId: id, courseId: id, userId: id })),
  EnrollmentActivated: defineEvent(
    "enrollment.activated",
    "learning",
    z.object({ enrollmentId: id, courseId: id, courseTitle: z.string(), userId: id, activatedAt: isoDateTime }),
  ),
  LessonCompleted: defineEvent("lesson.completed", "learning", z.object({ enrollmentId: id, lessonId: id, userId: id, progressPercent: z.number().min(0).max(100) })),
  AssessmentPassed: defineEvent("assessment.passed", "learning", z.object({ enrollmentId: id, assessmentId: id, userId: id, scorePercent: z.number() })),
  AssessmentFailed: defineEvent("assessment.failed", "learning", z.object({ enrollmentId: id, assessmentId: id, userId: id, scorePercent: z.number() })),
  CourseCompleted: defineEvent("course.completed", "learning", z.object({ enrollmentId: id, courseId: id, courseTitle: z.string(), userId: id, completedAt: isoDateTime })),
  CertificateIssued: defineEvent(
    "certificate.issued",
    "learning",
    z.object({ certificateId: id, enrollmentId: id, userId: id, courseTitle: z.string(), verificationCode: z.string() }),
  ),
  /**
   * A cohort's in-clinic practical sessions as they now stand (the whole list: an empty list
   * means none). Booking owns the calendar and blocks these hours from client availability.
   */
  CohortSessionsChanged: defineEvent(
    "cohort.sessions_changed",
    "learning",
    z.object({
      cohortId: id,
      courseId: id,
      courseTitle: z.string(),
      sessions: z.array(z.object({ sessionId: id, start: isoDateTime, end: isoDateTime, room: z.string() })),
    }),
  ),
  /**
   * A cohort of a course was opened for enrolment (created published, or published later):
   * messaging mails each person who registered interest in the course and was not mailed before.
   */
  CohortOpened: defineEvent(
    "cohort.opened",
    "learning",
    z.object({ cohortId: id, courseId: id, courseTitle: z.string(), courseSlug: z.string(), cohortName: z.string(), firstSessionDate: z.string().nullable() }),
  ),

  DocumentGenerated: defineEvent("document.generated", "documents", z.object({ documentId: id, userId: id, kind: z.string(), subjectId: id.optional() })),
  DocumentSigned: defineEvent("document.signed", "documents", z.object({ documentId: id, userId: id, kind: z.string(), subjectId: id.optional() })),
  DocumentExpired: defineEvent("document.expired", "documents", z.object({ documentId: id, userId: id, kind: z.string(), subjectId: id.optional() })),
  /** A student's proof of a course's entry requirement passed the upload checks: learning links it to the enrolment (if it is theirs). */
  EntryProofUploaded: defineEvent(
    "entry_proof.uploaded",
    "documents",
    z.object({ fileId: id, userId: id, enrollmentId: id, contentType: z.string(), size: z.number().int().positive(), uploadedAt: isoDateTime }),
  ),

  /**
   * Fired by EventBridge Scheduler at a workflow step's time; the handler re-reads state.
   * One variant per workflow (its owner in brackets), so a handler knows its steps and a
   * schedule for an unknown workflow or step is refused when it is created.
   */
  ReminderDue: defineEvent(
    "reminder.due",
    "scheduler",
    z.discriminatedUnion("workflow", [
      reminder("booking-hold", ["expire"]), // booking: an unpaid hold lapses
      reminder("waitlist-offer", ["expire"]), // booking: an unanswered offer lapses
      reminder("appointment", APPOINTMENT_STEPS), // messaging: prep, reminder, aftercare… mails
      reminder("course", COURSE_STEPS), // messaging: course nudges
      reminder("campaign", ["send"]), // messaging: a scheduled campaign
      reminder("sms", ["send"]), // messaging: a marketing text held back by quiet hours
      reminder("deposit-nudge", ["send"]), // messaging: a text shortly before an unpaid hold lapses
      reminder("practical-day", ["send"]), // messaging: a text the day before a course's practical day
      reminder("learning-hold", ["lapse"]), // learning: an unpaid course place is released
      reminder("learning-attempt", ["deadline"]), // learning: an overdue assessment attempt is submitted
      reminder("document-expiry", ["expire"]), // documents: an unsigned consent form expires
    ]),
  ),

  /**
   * Someone replied STOP (or another opt-out keyword) to a text: the number is on the
   * opt-out list, and every user known at that number has withdrawn SMS consent (booking
   * keeps the consents). `userIds` may be empty for a number messaging never texted.
   */
  SmsOptedOut: defineEvent(
    "sms.opted_out",
    "messaging",
    z.object({ phone: z.string().regex(/^\+[1-9]\d{6,14}$/), userIds: z.array(id), keyword: z.string(), optedOutAt: isoDateTime }),
  ),
  /** A START reply from a number that had opted out: it is off the opt-out list again, and booking restores the SMS consent the STOP withdrew. */
  SmsOptedIn: defineEvent(
    "sms.opted_in",
    "messaging",
    z.object({ phone: z.string().regex(/^\+[1-9]\d{6,14}$/), userIds: z.array(id), keyword: z.string(), optedInAt: isoDateTime }),
  ),

  MessageSent: defineEvent("message.sent", "messaging", z.object({ messageId: id, userId: id.optional(), template: z.string() })),
  MessageFailed: defineEvent("message.failed", "messaging", z.object({ messageId: id, userId: id.optional(), template: z.string(), reason: z.string() })),
} as const;

export type EventName = (typeof Events)[keyof typeof Events]["name"];
export type EventOf<N extends EventName> = Extract<(typeof Events)[keyof typeof Events], { name: N }>;
export type EventData<N extends EventName> = z.infer<EventOf<N>["schema"]>;

const byName = new Map<string, (typeof Events)[keyof typeof Events]>(Object.values(Events).map((e) => [e.name, e]));

export function eventByName(name: string) {
  return byName.get(name);
}
