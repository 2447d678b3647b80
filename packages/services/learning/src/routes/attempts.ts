import { Hono } from "hono";
import { notFound } from "@mas/core/errors";
import { assertOwnerOrSelf, requireAuth, type Auth, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { AnswerInput, answerQuestion, attemptView, getAttempt, startAttempt, submitAttempt } from "../domain/attempts";
import { getEnrollment } from "../domain/enrolments";
import { id, idParam } from "./params";

/**
 * Sitting assessments. Only the student who owns the attempt sees or changes it (the
 * practitioner too); anyone else gets the same 404 as for a missing attempt. Each request
 * that finds an attempt past its deadline submits it first.
 */
async function ownAttempt(auth: Auth | undefined, attemptId: string) {
  const attempt = await getAttempt(attemptId);
  assertOwnerOrSelf(auth, attempt?.userId, "learning.attempt_not_found");
  return attempt!;
}

export const attemptRoutes = new Hono<AuthEnv>()
  .post("/enrollments/:id/assessments/:assessmentId/attempts", requireAuth(), validate("param", idParam.extend({ assessmentId: id })), async (c) => {
    const { id: enrollmentId, assessmentId } = c.req.valid("param");
    const enrollment = await getEnrollment(enrollmentId);
    // Only the student themselves sits an assessment (not even the practitioner on their behalf).
    if (!enrollment || enrollment.userId !== c.var.auth.userId) throw notFound("learning.enrollment_not_found");
    const now = clock.now();
    const { attempt, resumed } = await startAttempt(enrollment, assessmentId, now);
    return c.json({ attempt: await attemptView(attempt, now), resumed }, resumed ? 200 : 201);
  })
  .get("/attempts/:id", requireAuth(), validate("param", idParam), async (c) => {
    const now = clock.now();
    let attempt = await ownAttempt(c.var.auth, c.req.valid("param").id);
    if (attempt.status === "in_progress" && attempt.deadline && Date.parse(attempt.deadline) < now.getTime()) attempt = (await submitAttempt(attempt.attemptId, now, true)) ?? attempt;
    return c.json({ attempt: await attemptView(attempt, now) }, 200);
  })
  .put("/attempts/:id/answers/:questionId", requireAuth(), validate("param", idParam.extend({ questionId: id })), validate("json", AnswerInput), async (c) => {
    const { id: attemptId, questionId } = c.req.valid("param");
    const attempt = await ownAttempt(c.var.auth, attemptId);
    if (attempt.userId !== c.var.auth.userId) throw notFound("learning.attempt_not_found");
    const now = clock.now();
    const updated = await answerQuestion(attempt, questionId, c.req.valid("json"), now);
    return c.json({ attempt: await attemptView(updated, now) }, 200);
  })
  .post("/attempts/:id/submit", requireAuth(), validate("param", idParam), async (c) => {
    const attempt = await ownAttempt(c.var.auth, c.req.valid("param").id);
    if (attempt.userId !== c.var.auth.userId) throw notFound("learning.attempt_not_found");
    const now = clock.now();
    const submitted = await submitAttempt(attempt.attemptId, now);
    return c.json({ attempt: await attemptView(submitted!, now) }, 200);
  });
