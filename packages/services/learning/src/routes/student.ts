import { Hono } from "hono";
import { assertOwnerOrSelf, requireAuth, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { certificatesOf, certificateView } from "../domain/certificates";
import { lessonContent } from "../domain/curriculum";
import { captionsPaths, captionsResponse } from "./captions";
import { enrol, EnrolInput, enrollmentsOf, enrollmentView, getEnrollment } from "../domain/enrolments";
import { completeLesson, openLesson, progressView, releasedLesson, standingOf } from "../domain/learner";
import { assessmentPublicView, assessmentsOf } from "../domain/question-banks";
import { assessmentStanding, attemptsOf } from "../domain/attempts";
import { id, idParam } from "./params";

/**
 * A student's own learning: enrol, their enrolments with progress and resume position,
 * lessons (released ones only), and completion. Someone else's enrolment answers 404,
 * exactly like a missing one.
 */
async function ownEnrollment(auth: Parameters<typeof assertOwnerOrSelf>[0], enrollmentId: string) {
  const enrollment = await getEnrollment(enrollmentId);
  assertOwnerOrSelf(auth, enrollment?.userId, "learning.enrollment_not_found");
  return enrollment!;
}

export const studentRoutes = new Hono<AuthEnv>()
  // Anyone signed in may enrol: a client who takes a course becomes a student too (accounts adds the role on activation).
  .post("/enrollments", requireAuth(), validate("json", EnrolInput), async (c) => {
    const enrollment = await enrol({ ...c.req.valid("json"), userId: c.var.auth.userId, now: clock.now() });
    const payment = enrollment.status === "pending_payment" ? { kind: "course_fee" as const, subjectId: enrollment.enrollmentId, amountInPence: enrollment.priceInPence } : null;
    return c.json({ enrollment: enrollmentView(enrollment), payment }, 201);
  })
  .get("/me/enrollments", requireAuth(), async (c) => {
    return c.json({ enrollments: (await enrollmentsOf(c.var.auth.userId)).map(enrollmentView) }, 200);
  })
  .get("/me/certificates", requireAuth(), async (c) => {
    const now = clock.now();
    return c.json({ certificates: (await certificatesOf(c.var.auth.userId)).map((k) => certificateView(k, now)) }, 200);
  })
  .get("/enrollments/:id", requireAuth(), validate("param", idParam), async (c) => {
    const enrollment = await ownEnrollment(c.var.auth, c.req.valid("param").id);
    const standing = await standingOf(enrollment);
    return c.json({ enrollment: enrollmentView(enrollment), progress: progressView(standing, clock.now()) }, 200);
  })
  .get("/enrollments/:id/lessons/:lessonId", requireAuth(), validate("param", idParam.extend({ lessonId: id })), async (c) => {
    const { id: enrollmentId, lessonId } = c.req.valid("param");
    const enrollment = await ownEnrollment(c.var.auth, enrollmentId);
    return c.json({ lesson: await lessonContent(await openLesson(enrollment, lessonId, clock.now()), captionsPaths.lesson(enrollmentId, lessonId)) }, 200);
  })
  .get("/enrollments/:id/lessons/:lessonId/captions", requireAuth(), validate("param", idParam.extend({ lessonId: id })), async (c) => {
    const { id: enrollmentId, lessonId } = c.req.valid("param");
    const enrollment = await ownEnrollment(c.var.auth, enrollmentId);
    return captionsResponse(c, await releasedLesson(enrollment, lessonId, clock.now()));
  })
  .post("/enrollments/:id/lessons/:lessonId/complete", requireAuth(), validate("param", idParam.extend({ lessonId: id })), async (c) => {
    const { id: enrollmentId, lessonId } = c.req.valid("param");
    const enrollment = await ownEnrollment(c.var.auth, enrollmentId);
    return c.json(await completeLesson(enrollment, lessonId, clock.now()), 200);
  })
  .get("/enrollments/:id/assessments", requireAuth(), validate("param", idParam), async (c) => {
    const enrollment = await ownEnrollment(c.var.auth, c.req.valid("param").id);
    const [assessments, attempts] = await Promise.all([assessmentsOf(enrollment.courseId), attemptsOf(enrollment.enrollmentId)]);
    const now = clock.now();
    return c.json(
      {
        assessments: assessments.map((a) => ({
          ...assessmentPublicView(a),
          standing: assessmentStanding(a, attempts.filter((t) => t.assessmentId === a.assessmentId), now),
          attempts: attempts
            .filter((t) => t.assessmentId === a.assessmentId)
            .map((t) => ({ attemptId: t.attemptId, number: t.number, status: t.status, startedAt: t.startedAt, submittedAt: t.submittedAt ?? null, scorePercent: t.scorePercent ?? null, passed: t.passed ?? null })),
        })),
      },
      200,
    );
  });

