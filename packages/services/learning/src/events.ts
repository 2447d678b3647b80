import { audit } from "@mas/core/audit/audit";
import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";
import { eraseWith } from "@mas/core/personal-data";
import { clock } from "@mas/core/shared/clock";
import { ATTEMPT_WORKFLOW, submitAttempt } from "./domain/attempts";
import { activateOnPayment, expireHold, HOLD_WORKFLOW } from "./domain/enrolments";
import { issueCertificate } from "./domain/certificates";
import { learningPersonalData } from "./domain/personal-data";
import { linkEntryProof } from "./domain/entry-proof";

/**
 * What learning reacts to: the course fee paid (activate), its own timers (an unpaid hold
 * lapsing, a timed attempt's deadline), its own `course.completed` (issue the certificate
 * if the request that completed the course died before it could), a student's checked entry
 * proof (link it to their enrolment), and erasure. Each
 * handler re-reads state, so redelivery is harmless.
 */
export const handlers: EventHandlers = {
  "payment.succeeded": async (data) => {
    if (data.kind !== "course_fee") return;
    const outcome = await activateOnPayment({ enrollmentId: data.subjectId, paymentId: data.paymentId, amountInPence: data.amountInPence, now: clock.now() });
    // Paid after the hold lapsed and the cohort filled meanwhile: the owner must place or refund them.
    if (outcome === "no_seat") await audit({ actor: "system", action: "learning.fee_without_place", subject: data.subjectId, detail: { paymentId: data.paymentId } });
  },
  "reminder.due": async (data) => {
    if (data.workflow === HOLD_WORKFLOW) await expireHold(data.subjectId, clock.now());
    else if (data.workflow === ATTEMPT_WORKFLOW) await submitAttempt(data.subjectId, clock.now(), true);
  },
  "course.completed": async (data) => {
    await issueCertificate(data.enrollmentId, clock.now());
  },
  "entry_proof.uploaded": async (data) => {
    const outcome = await linkEntryProof(data);
    if (outcome === "not_theirs") await audit({ actor: "system", action: "learning.entry_proof_refused", subject: data.enrollmentId, detail: { fileId: data.fileId, userId: data.userId } });
  },
  "user.erased": async (data) => {
    const erased = await eraseWith(learningPersonalData, data.userId);
    await audit({ actor: "system", action: "learning.personal_data_erased", subject: data.userId, detail: { parts: erased } });
  },
};

export const consume = createEventConsumer("learning", handlers);
