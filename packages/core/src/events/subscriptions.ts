import type { ServiceName } from "./define";
import { eventByName, type EventName } from "./catalogue";

/**
 * Who listens to what. Each entry becomes one EventBridge rule (stacks/Events.ts) and one
 * rule on the local bus, targeting the listening service's function, which dispatches on
 * `detail-type` to the handler registered in that service's `src/events.ts`.
 */
export interface Subscription {
  /** Stable rule id: `<service>-<purpose>`. */
  id: string;
  service: ServiceName;
  events: EventName[];
  /** Optional extra constraints on the event's `detail` (AWS event-pattern syntax). */
  detail?: Record<string, unknown>;
}

export const subscriptions: Subscription[] = [
  { id: "accounts-ping", service: "accounts", events: ["system.ping"] },
  /** A confirmed course place makes its holder a student too (one account, client and student). */
  { id: "accounts-students", service: "accounts", events: ["enrollment.activated"] },
  /** A paid deposit confirms the appointment it holds. */
  { id: "booking-deposits", service: "booking", events: ["payment.succeeded"], detail: { data: { kind: ["deposit"] } } },
  /** Booking's own timers: unpaid holds and waitlist offers lapsing. */
  { id: "booking-timers", service: "booking", events: ["reminder.due"], detail: { data: { workflow: ["booking-hold", "waitlist-offer"] } } },
  /** A paid course fee activates the enrolment it holds. */
  { id: "learning-course-fees", service: "learning", events: ["payment.succeeded"], detail: { data: { kind: ["course_fee"] } } },
  /** Learning's own timers: unpaid enrolment holds lapsing, timed attempts reaching their deadline. */
  { id: "learning-timers", service: "learning", events: ["reminder.due"], detail: { data: { workflow: ["learning-hold", "learning-attempt"] } } },
  /** Issues the certificate if the request that completed the course could not. */
  { id: "learning-certificates", service: "learning", events: ["course.completed"] },
  /** Learning's practical days: booking keeps them as training blocks in its calendar. */
  { id: "booking-training", service: "booking", events: ["cohort.sessions_changed"] },
  /** Refund (or close) the deposit on cancellation, refund deposits booking cannot honour, charge no-show fees. */
  { id: "payments-appointment-outcomes", service: "payments", events: ["appointment.cancelled", "appointment.deposit_orphaned", "appointment.no_show"] },
  {
    id: "messaging-appointments",
    service: "messaging",
    events: ["appointment.confirmed", "appointment.rescheduled", "appointment.cancelled", "appointment.completed", "appointment.no_show"],
  },
  /** Only messaging's workflows: other services may schedule reminder.due for their own. */
  { id: "messaging-reminders", service: "messaging", events: ["reminder.due"], detail: { data: { workflow: ["appointment", "course", "campaign", "sms", "deposit-nudge", "practical-day"] } } },
  /** A cohort's practical days changed: messaging re-plans the texts the day before each. */
  { id: "messaging-practical-days", service: "messaging", events: ["cohort.sessions_changed"] },
  /** A booking held for its deposit: messaging schedules one text before the hold lapses. */
  { id: "messaging-deposit-holds", service: "messaging", events: ["appointment.requested"], detail: { data: { status: ["pending_deposit"] } } },
  /** A booking waiting for the owner's review: messaging alerts her (mail or text, her choice). */
  { id: "messaging-review-requests", service: "messaging", events: ["appointment.requested"], detail: { data: { status: ["pending_review"] } } },
  { id: "messaging-courses", service: "messaging", events: ["enrollment.activated", "lesson.completed", "course.completed", "certificate.issued", "cohort.opened"] },
  {
    id: "messaging-transactional",
    service: "messaging",
    events: ["user.registered", "user.password_reset_requested", "user.sign_in_failures", "payment.succeeded", "payment.failed", "payment.refunded", "waitlist.offered", "document.generated", "document.signed"],
  },
  /** Messaging's marketing audience (a read model per client) follows consent changes. */
  { id: "messaging-audience", service: "messaging", events: ["client.consents_changed"] },
  /** A STOP reply withdraws the client's SMS consents, which booking keeps on the client profile. */
  { id: "booking-sms-opt-outs", service: "booking", events: ["sms.opted_out"] },
  /** A START reply restores the SMS consent a STOP withdrew. */
  { id: "booking-sms-opt-ins", service: "booking", events: ["sms.opted_in"] },
  /** Booking shows the consent form's state on the appointment. */
  { id: "booking-consent", service: "booking", events: ["document.generated", "document.signed", "document.expired"], detail: { data: { kind: ["consent-form"] } } },
  /** A confirmed appointment gets its consent form; an issued certificate its PDF. */
  { id: "documents-generation", service: "documents", events: ["appointment.confirmed", "certificate.issued"] },
  /** A student's uploaded entry proof: learning links it to their enrolment for the owner to review. */
  { id: "learning-entry-proofs", service: "learning", events: ["entry_proof.uploaded"] },
  /** Documents' own timers: an unsigned consent form lapsing at its deadline. */
  { id: "documents-timers", service: "documents", events: ["reminder.due"], detail: { data: { workflow: ["document-expiry"] } } },
  /** Erasure: accounts erased its own items; every other service erases its own on this event. */
  { id: "booking-erasure", service: "booking", events: ["user.erased"] },
  { id: "learning-erasure", service: "learning", events: ["user.erased"] },
  { id: "payments-erasure", service: "payments", events: ["user.erased"] },
  { id: "messaging-erasure", service: "messaging", events: ["user.erased"] },
  { id: "documents-erasure", service: "documents", events: ["user.erased"] },
];

/** The AWS event pattern for a subscription, derived from the catalogue. */
export function patternFor(subscription: Subscription): Record<string, unknown> {
  const sources = new Set<string>();
  for (const name of subscription.events) {
    const definition = eventByName(name);
    if (!definition) throw new Error(`Subscription ${subscription.id} names unknown event ${name}`);
    sources.add(definition.source);
  }
  return {
    source: [...sources].sort(),
    "detail-type": [...subscription.events],
    ...(subscription.detail ? { detail: subscription.detail } : {}),
  };
}
