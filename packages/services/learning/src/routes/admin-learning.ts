import { Hono } from "hono";
import * as z from "zod";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { attemptsOf, markShortAnswers } from "../domain/attempts";
import { certificateView, revokeCertificate } from "../domain/certificates";
import { enrol, enrollmentsOfCourse, enrollmentView, transferEnrollment } from "../domain/enrolments";
import { confirmEntry, markAttendance } from "../domain/learner";
import { academyReport, courseReport } from "../domain/reports";
import { addQuestion, AssessmentInput, assessmentsOf, BankInput, banksOf, createAssessment, createBank, deleteQuestion, QuestionInput, questionsOf } from "../domain/question-banks";
import { id, idParam } from "./params";

/** The practitioner's academy desk: assessments and banks, enrolments (enrol, transfer, attendance), marking, certificates, reports. */
const courseParam = z.object({ courseId: id });
const bankParam = courseParam.extend({ bankId: id });

export const adminLearningRoutes = new Hono<AuthEnv>()
  .use("/admin/*", requireRole("owner"))
  .post("/admin/courses/:courseId/banks", validate("param", courseParam), validate("json", BankInput), async (c) =>
    c.json({ bank: await createBank(c.req.valid("param").courseId, c.req.valid("json")) }, 201),
  )
  .get("/admin/courses/:courseId/banks", validate("param", courseParam), async (c) => {
    const banks = await banksOf(c.req.valid("param").courseId);
    return c.json({ banks: await Promise.all(banks.map(async (b) => ({ ...b, questions: await questionsOf(b.bankId) }))) }, 200);
  })
  .post("/admin/courses/:courseId/banks/:bankId/questions", validate("param", bankParam), validate("json", QuestionInput), async (c) => {
    const { courseId, bankId } = c.req.valid("param");
    return c.json({ question: await addQuestion(courseId, bankId, c.req.valid("json")) }, 201);
  })
  .delete("/admin/courses/:courseId/banks/:bankId/questions/:questionId", validate("param", bankParam.extend({ questionId: id })), async (c) => {
    const { courseId, bankId, questionId } = c.req.valid("param");
    await deleteQuestion(courseId, bankId, questionId);
    return c.body(null, 204);
  })
  .post("/admin/courses/:courseId/assessments", validate("param", courseParam), validate("json", AssessmentInput), async (c) =>
    c.json({ assessment: await createAssessment(c.req.valid("param").courseId, c.req.valid("json"), clock.now()) }, 201),
  )
  .get("/admin/courses/:courseId/assessments", validate("param", courseParam), async (c) => c.json({ assessments: await assessmentsOf(c.req.valid("param").courseId) }, 200))
  .get("/admin/courses/:courseId/enrollments", validate("param", courseParam), async (c) =>
    c.json({ enrollments: (await enrollmentsOfCourse(c.req.valid("param").courseId)).map(enrollmentView) }, 200),
  )
  .get("/admin/reports/courses", async (c) => c.json({ courses: await academyReport() }, 200))
  .get("/admin/courses/:courseId/report", validate("param", courseParam), async (c) => c.json({ report: await courseReport(c.req.valid("param").courseId) }, 200))
  .post("/admin/enrollments", validate("json", z.strictObject({ courseId: id, userId: id, cohortId: id.optional() })), async (c) => {
    const enrollment = await enrol({ ...c.req.valid("json"), now: clock.now(), byOwner: true });
    return c.json({ enrollment: enrollmentView(enrollment) }, 201);
  })
  .post("/admin/enrollments/:id/transfer", validate("param", idParam), validate("json", z.strictObject({ cohortId: id })), async (c) =>
    c.json({ enrollment: enrollmentView(await transferEnrollment(c.req.valid("param").id, c.req.valid("json").cohortId, clock.now())) }, 200),
  )
  .put("/admin/enrollments/:id/attendance", validate("param", idParam), validate("json", z.strictObject({ attended: z.boolean() })), async (c) =>
    c.json({ enrollment: enrollmentView(await markAttendance(c.req.valid("param").id, c.req.valid("json").attended, clock.now())) }, 200),
  )
  .put("/admin/enrollments/:id/entry", validate("param", idParam), validate("json", z.strictObject({ confirmed: z.boolean() })), async (c) =>
    c.json({ enrollment: enrollmentView(await confirmEntry(c.req.valid("param").id, c.req.valid("json").confirmed, clock.now())) }, 200),
  )
  .get("/admin/enrollments/:id/attempts", validate("param", idParam), async (c) => c.json({ attempts: await attemptsOf(c.req.valid("param").id) }, 200))
  .put("/admin/attempts/:id/marks", validate("param", idParam), validate("json", z.strictObject({ marks: z.record(id, z.number().min(0).max(100)) })), async (c) =>
    c.json({ attempt: await markShortAnswers(c.req.valid("param").id, c.req.valid("json").marks, clock.now()) }, 200),
  )
  .post("/admin/certificates/:id/revoke", validate("param", idParam), validate("json", z.strictObject({ reason: z.string().trim().min(3).max(500) })), async (c) =>
    c.json({ certificate: certificateView(await revokeCertificate(c.req.valid("param").id, c.req.valid("json").reason, clock.now()), clock.now()) }, 200),
  );
