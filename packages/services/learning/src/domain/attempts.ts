import * as z from "zod";
import { ulid } from "ulid";
import type { EntityItem } from "electrodb";
import { conflict, DomainError, notFound, unprocessable } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { cancelSchedule, scheduleEvent } from "@mas/core/ports/scheduler";
import { isConditionFailure } from "@mas/core/db/conditions";
import { db } from "../entities";
import type { Attempt } from "../entities/attempt";
import { acceptsAnswers, attemptDuration, deadlineFor, decideStart, isOverdue } from "./attempt-rules";
import { drawPaper } from "./draw";
import type { EnrollmentItem } from "./enrolments";
import { completeIfDone } from "./learner";
import { questionsOf, requireAssessment, type AssessmentItem, type QuestionItem } from "./question-banks";
import { markAttempt, type GivenAnswer } from "./scoring";

/**
 * Sitting an assessment, timed by the server: `startedAt` and `deadline` are set here,
 * every answer is stamped with the time the server received it, answers after the deadline
 * are refused (and would not count anyway), and an overdue attempt is submitted by a
 * Scheduler `reminder.due` (workflow `learning-attempt`) at its deadline — or by the next
 * request that touches it, whichever comes first. Views given to students carry the right
 * answers and explanations (`review`) only after a pass or the last attempt, never before.
 */
export type AttemptItem = EntityItem<typeof Attempt>;
export const ATTEMPT_WORKFLOW = "learning-attempt";
export const attemptScheduleName = (attemptId: string) => `learn-attempt-${attemptId}`;

export const AnswerInput = z.union([
  z.strictObject({ optionIds: z.array(z.string().min(1).max(20)).max(10) }),
  z.strictObject({ text: z.string().max(5000) }),
]);

export async function getAttempt(attemptId: string): Promise<AttemptItem | undefined> {
  const { data } = await db().entities.attempt.get({ attemptId }).go({ consistent: true });
  return data ?? undefined;
}

export async function attemptsOf(enrollmentId: string, assessmentId?: string): Promise<AttemptItem[]> {
  const query = db().entities.attempt.query.byEnrollment(assessmentId ? { enrollmentId, assessmentId } : { enrollmentId });
  return (await query.go({ pages: "all" })).data;
}

export async function startAttempt(enrollment: EnrollmentItem, assessmentId: string, now: Date): Promise<{ attempt: AttemptItem; resumed: boolean }> {
  if (enrollment.status !== "active") throw conflict("learning.enrollment_not_active", "This enrolment is not active");
  const assessment = await requireAssessment(enrollment.courseId, assessmentId);
  let previous = await attemptsOf(enrollment.enrollmentId, assessmentId);
  for (const overdue of previous.filter((a) => isOverdue(a, now))) await submitAttempt(overdue.attemptId, now, true);
  previous = await attemptsOf(enrollment.enrollmentId, assessmentId);
  const decision = decideStart({ previous, attemptLimit: assessment.attemptLimit, cooldownMinutes: assessment.cooldownMinutes ?? 0, now });
  if (!decision.ok) {
    if (decision.reason === "in_progress") return { attempt: previous.find((a) => a.attemptId === decision.attemptId)!, resumed: true };
    if (decision.reason === "already_passed") throw conflict("learning.already_passed", "You have already passed this assessment");
    if (decision.reason === "attempt_limit") throw conflict("learning.attempt_limit", "You have used all your attempts");
    const retryAt = (decision as { retryAt: Date }).retryAt;
    throw new DomainError("rate_limited", "learning.cooldown", `You can try again at ${retryAt.toISOString()}`, undefined, {
      "Retry-After": String(Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
    });
  }
  const bank = await questionsOf(assessment.bankId);
  if (bank.length === 0) throw unprocessable("learning.assessment_empty", "This assessment has no questions yet");
  const seed = ulid();
  const deadline = deadlineFor(now, assessment.timeLimitMinutes);
  const attempt: AttemptItem = {
    attemptId: ulid(),
    enrollmentId: enrollment.enrollmentId,
    assessmentId,
    courseId: enrollment.courseId,
    userId: enrollment.userId,
    number: decision.number,
    seed,
    paper: drawPaper(bank.map((q) => ({ questionId: q.questionId, options: q.options ?? [] })), { seed, count: assessment.drawCount, shuffleOptions: assessment.shuffleOptions ?? true }),
    answers: "{}",
    manualMarks: "{}",
    status: "in_progress",
    startedAt: now.toISOString(),
    autoSubmitted: false,
    ...(deadline ? { deadline: deadline.toISOString() } : {}),
  };
  const result = await db()
    .transaction.write(({ attempt: a, attemptSlot }) => [
      attemptSlot.create({ enrollmentId: enrollment.enrollmentId, assessmentId, number: attempt.number, attemptId: attempt.attemptId }).commit(),
      a.create(attempt).commit(),
    ])
    .go();
  if (result.canceled) throw conflict("learning.attempt_started", "An attempt was started at the same moment; reload to continue it");
  if (deadline) {
    await scheduleEvent({
      name: attemptScheduleName(attempt.attemptId),
      at: deadline,
      event: Events.ReminderDue,
      data: { workflow: ATTEMPT_WORKFLOW, step: "deadline", subjectId: attempt.attemptId, scheduledFor: deadline.toISOString() },
    });
  }
  return { attempt, resumed: false };
}

/**
 * Where a student stands with one assessment: attempts used and left, and whether they may
 * start now — else why not, and for a cool-down when they may try again.
 */
export function assessmentStanding(assessment: Pick<AssessmentItem, "attemptLimit" | "cooldownMinutes">, previous: readonly AttemptItem[], now: Date) {
  const decision = decideStart({ previous, attemptLimit: assessment.attemptLimit, cooldownMinutes: assessment.cooldownMinutes ?? 0, now });
  return {
    attemptsUsed: previous.length,
    attemptsLeft: assessment.attemptLimit === undefined ? null : Math.max(0, assessment.attemptLimit - previous.length),
    passed: previous.some((a) => a.passed === true),
    canStart: decision.ok || decision.reason === "in_progress",
    inProgressAttemptId: !decision.ok && decision.reason === "in_progress" ? decision.attemptId : null,
    blockedBecause: decision.ok || decision.reason === "in_progress" ? null : decision.reason,
    retryAt: !decision.ok && decision.reason === "cooldown" ? decision.retryAt.toISOString() : null,
  };
}

export async function answerQuestion(attempt: AttemptItem, questionId: string, answer: z.output<typeof AnswerInput>, now: Date): Promise<AttemptItem> {
  if (!acceptsAnswers(attempt, now)) {
    if (isOverdue(attempt, now)) await submitAttempt(attempt.attemptId, now, true);
    throw conflict("learning.attempt_closed", attempt.status === "in_progress" ? "Time is up for this attempt" : "This attempt has been submitted");
  }
  const entry = attempt.paper.find((p) => p.questionId === questionId);
  if (!entry) throw notFound("learning.question_not_found", "No such question in this attempt");
  if ("optionIds" in answer && answer.optionIds.some((id) => !(entry.optionOrder ?? []).includes(id))) {
    throw unprocessable("learning.unknown_option", "Choose from the question's options", { optionIds: "Unknown option" });
  }
  // Optimistic: the write holds only if the answers are still those read, so two answers
  // sent at once (two tabs) are both kept — the loser re-reads and applies its answer again.
  let current: AttemptItem | undefined = attempt;
  for (let round = 0; round < 10 && current?.status === "in_progress"; round++) {
    const previous = current.answers ?? "{}";
    const answers = JSON.parse(previous) as Record<string, GivenAnswer>;
    answers[questionId] = { ...answer, answeredAt: now.toISOString() };
    const updated = await db()
      .entities.attempt.patch({ attemptId: attempt.attemptId })
      .set({ answers: JSON.stringify(answers) })
      .where((attr, op) => `${op.eq(attr.status, "in_progress")} AND ${op.eq(attr.answers, previous)}`)
      .go({ response: "all_new" })
      .catch((error: unknown) => {
        if (isConditionFailure(error)) return undefined;
        throw error;
      });
    if (updated) return updated.data as AttemptItem;
    current = await getAttempt(attempt.attemptId);
  }
  throw conflict("learning.attempt_closed", "This attempt has been submitted");
}

/** Marks and closes an attempt (idempotent); announces passed/failed unless short answers await the owner. */
export async function submitAttempt(attemptId: string, now: Date, auto = false): Promise<AttemptItem | undefined> {
  const attempt = await getAttempt(attemptId);
  if (!attempt || attempt.status !== "in_progress") return attempt;
  const assessment = await requireAssessment(attempt.courseId, attempt.assessmentId);
  const questions = await paperQuestions(attempt);
  const result = markAttempt({
    questions: questions.map((q) => ({ questionId: q.questionId, kind: q.kind, correctOptionIds: q.correctOptionIds ?? [], points: q.points ?? 1 })),
    answers: JSON.parse(attempt.answers ?? "{}"),
    passMarkPercent: assessment.passMarkPercent,
    ...(attempt.deadline ? { deadline: new Date(attempt.deadline) } : {}),
  });
  const late = isOverdue(attempt, now);
  const closing = {
    status: result.pending ? ("awaiting_marking" as const) : ("submitted" as const),
    submittedAt: (late ? new Date(attempt.deadline!) : now).toISOString(),
    autoSubmitted: auto || late,
    score: result.score,
    maxScore: result.maxScore,
    scorePercent: result.scorePercent,
    passed: result.passed,
    durationSeconds: attemptDuration(attempt.startedAt, now, attempt.deadline),
  };
  await finalise(attempt, closing, result.pending, now);
  if (attempt.deadline && !auto) await cancelSchedule(attemptScheduleName(attemptId));
  return getAttempt(attemptId);
}

/** The owner marks short answers of an attempt awaiting marking; the attempt is then final. */
export async function markShortAnswers(attemptId: string, marks: Record<string, number>, now: Date): Promise<AttemptItem> {
  const attempt = await getAttempt(attemptId);
  if (!attempt) throw notFound("learning.attempt_not_found", "No such attempt");
  if (attempt.status !== "awaiting_marking") throw conflict("learning.not_awaiting_marking", "This attempt is not awaiting marking");
  const assessment = await requireAssessment(attempt.courseId, attempt.assessmentId);
  const questions = await paperQuestions(attempt);
  const manualMarks = { ...JSON.parse(attempt.manualMarks ?? "{}"), ...marks } as Record<string, number>;
  const result = markAttempt({
    questions: questions.map((q) => ({ questionId: q.questionId, kind: q.kind, correctOptionIds: q.correctOptionIds ?? [], points: q.points ?? 1 })),
    answers: JSON.parse(attempt.answers ?? "{}"),
    manualMarks,
    passMarkPercent: assessment.passMarkPercent,
    ...(attempt.deadline ? { deadline: new Date(attempt.deadline) } : {}),
  });
  if (result.pending) throw unprocessable("learning.marks_missing", "Mark every short answer", { marks: "Missing marks" });
  await finalise(attempt, { status: "submitted", score: result.score, scorePercent: result.scorePercent, passed: result.passed, manualMarks: JSON.stringify(manualMarks) }, false, now, "awaiting_marking");
  return (await getAttempt(attemptId))!;
}

async function finalise(attempt: AttemptItem, changes: Partial<AttemptItem>, pending: boolean, now: Date, from: AttemptItem["status"] = "in_progress"): Promise<void> {
  const data = { enrollmentId: attempt.enrollmentId, assessmentId: attempt.assessmentId, userId: attempt.userId, scorePercent: changes.scorePercent ?? 0 };
  const events = pending ? [] : [stageEvent(changes.passed ? Events.AssessmentPassed : Events.AssessmentFailed, data, { occurredAt: now })];
  const result = await db()
    .transaction.write(({ attempt: a, outboxEvent }) => [
      a.patch({ attemptId: attempt.attemptId }).set(changes).where((attr, op) => op.eq(attr.status, from)).commit(),
      ...events.map((ev) => outboxEvent.put(ev.item).commit()),
    ])
    .go();
  if (result.canceled) return; // submitted meanwhile by the other path (student or schedule)
  await publishStaged(events);
  if (changes.passed) await completeIfDone(attempt.enrollmentId, now);
}

/** Whether this attempt used the last one allowed (numbers are consecutive from 1). */
async function isLastAttempt(attempt: AttemptItem): Promise<boolean> {
  const assessment = await requireAssessment(attempt.courseId, attempt.assessmentId);
  return assessment.attemptLimit !== undefined && attempt.number >= assessment.attemptLimit;
}

async function paperQuestions(attempt: AttemptItem): Promise<QuestionItem[]> {
  const assessment = await requireAssessment(attempt.courseId, attempt.assessmentId);
  const bank = new Map((await questionsOf(assessment.bankId)).map((q) => [q.questionId, q]));
  return attempt.paper.flatMap((p) => (bank.has(p.questionId) ? [bank.get(p.questionId)!] : []));
}

/**
 * The student's view: the paper (options in the drawn order, no answer key), their answers,
 * the seconds left by the server's clock (what the page counts down from, so a reload or a
 * wrong device clock changes nothing), and the result once submitted.
 */
export async function attemptView(attempt: AttemptItem, now: Date) {
  const bank = new Map((await paperQuestions(attempt)).map((q) => [q.questionId, q]));
  const answers = JSON.parse(attempt.answers ?? "{}") as Record<string, GivenAnswer>;
  const closed = attempt.status !== "in_progress";
  // The answers are reviewed only once nothing can be gained from them: after a pass, or after the last attempt.
  const finalAttempt = attempt.status === "submitted" && !attempt.passed && (await isLastAttempt(attempt));
  const reviewed = attempt.status === "submitted" && (attempt.passed === true || finalAttempt);
  return {
    attemptId: attempt.attemptId,
    assessmentId: attempt.assessmentId,
    enrollmentId: attempt.enrollmentId,
    number: attempt.number,
    status: attempt.status,
    startedAt: attempt.startedAt,
    deadline: attempt.deadline ?? null,
    secondsLeft: attempt.status === "in_progress" && attempt.deadline ? Math.max(0, Math.floor((Date.parse(attempt.deadline) - now.getTime()) / 1000)) : null,
    submittedAt: attempt.submittedAt ?? null,
    autoSubmitted: attempt.autoSubmitted ?? false,
    questions: attempt.paper.map((p) => {
      const q = bank.get(p.questionId);
      const options = new Map((q?.options ?? []).map((o) => [o.optionId, o.text]));
      return { questionId: p.questionId, kind: q?.kind, prompt: q?.prompt, points: q?.points ?? 1, options: (p.optionOrder ?? []).map((optionId) => ({ optionId, text: options.get(optionId) ?? "" })), answer: answers[p.questionId] ?? null };
    }),
    ...(closed ? { result: { score: attempt.score, maxScore: attempt.maxScore, scorePercent: attempt.scorePercent, passed: attempt.passed, durationSeconds: attempt.durationSeconds, finalAttempt } } : {}),
    review: reviewed
      ? attempt.paper.map((p) => {
          const q = bank.get(p.questionId);
          return { questionId: p.questionId, rightOptionIds: q?.correctOptionIds ?? [], explanation: q?.explanation ?? null };
        })
      : null,
  };
}
