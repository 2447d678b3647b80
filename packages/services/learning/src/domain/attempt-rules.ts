/**
 * When may a student start an attempt, and until when does it take answers? Pure.
 *
 * Start rules, in the order they are reported:
 * 1. `in_progress` — an unsubmitted attempt whose deadline has not passed is resumed, not
 *    doubled (an overdue one is auto-submitted first by the caller);
 * 2. `already_passed` — a passed assessment is not sat again;
 * 3. `attempt_limit` — at most `attemptLimit` attempts (none: unlimited);
 * 4. `cooldown` — `cooldownMinutes` after the previous attempt was submitted (`retryAt` says when).
 */
export interface PastAttempt {
  attemptId: string;
  number: number;
  status: "in_progress" | "submitted" | "awaiting_marking";
  deadline?: string;
  submittedAt?: string;
  passed?: boolean;
}

export type StartDecision =
  | { ok: true; number: number }
  | { ok: false; reason: "in_progress"; attemptId: string }
  | { ok: false; reason: "already_passed" | "attempt_limit" }
  | { ok: false; reason: "cooldown"; retryAt: Date };

const MINUTE_MS = 60_000;

export function isOverdue(attempt: Pick<PastAttempt, "status" | "deadline">, now: Date): boolean {
  return attempt.status === "in_progress" && attempt.deadline !== undefined && Date.parse(attempt.deadline) < now.getTime();
}

export function decideStart(input: { previous: readonly PastAttempt[]; attemptLimit?: number; cooldownMinutes: number; now: Date }): StartDecision {
  const { previous, now } = input;
  const open = previous.find((a) => a.status === "in_progress" && !isOverdue(a, now));
  if (open) return { ok: false, reason: "in_progress", attemptId: open.attemptId };
  if (previous.some((a) => a.passed)) return { ok: false, reason: "already_passed" };
  if (input.attemptLimit !== undefined && previous.length >= input.attemptLimit) return { ok: false, reason: "attempt_limit" };
  const last = [...previous].sort((a, b) => b.number - a.number)[0];
  if (last?.submittedAt && input.cooldownMinutes > 0) {
    const retryAt = new Date(Date.parse(last.submittedAt) + input.cooldownMinutes * MINUTE_MS);
    if (retryAt.getTime() > now.getTime()) return { ok: false, reason: "cooldown", retryAt };
  }
  return { ok: true, number: previous.reduce((max, a) => Math.max(max, a.number), 0) + 1 };
}

export function deadlineFor(startedAt: Date, timeLimitMinutes: number | undefined): Date | undefined {
  return timeLimitMinutes === undefined ? undefined : new Date(startedAt.getTime() + timeLimitMinutes * MINUTE_MS);
}

/** Whether an answer arriving at `now` still counts: in progress and not after the deadline. */
export function acceptsAnswers(attempt: Pick<PastAttempt, "status" | "deadline">, now: Date): boolean {
  return attempt.status === "in_progress" && !isOverdue(attempt, now);
}

/** Seconds from start to submission, capped at the time limit (an overdue attempt took exactly its allowance). */
export function attemptDuration(startedAt: string, submittedAt: Date, deadline?: string): number {
  const end = deadline ? Math.min(submittedAt.getTime(), Date.parse(deadline)) : submittedAt.getTime();
  return Math.max(0, Math.round((end - Date.parse(startedAt)) / 1000));
}
