import { beforeAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { platform } from "../../../local/test/harness";
import { publish } from "../../../local/src/publish";
import { personalDataOf } from "../src/read";
import { anonymous, body, buildCourse, enrolIn, get, post, put, settle, signUp, type BuiltCourse, type TestUser, useSchedulerClock } from "./support";

/** Certificates after completion (practical day required), public verification, revocation, and the student's personal data. */
useSchedulerClock();

let owner: TestUser;
let student: TestUser;
let other: TestUser;
let course: BuiltCourse;
let enrollmentId: string;
let verificationId: string;

beforeAll(async () => {
  [owner, student, other] = await Promise.all([signUp("owner"), signUp("student", { firstName: "Hannah", lastName: "Reid" }), signUp("student")]);
  course = await buildCourse(owner, {
    course: { practicalRequired: true, certificateValidityMonths: 24, entryRequirement: "Registration number" },
    assessment: { passMarkPercent: 0 },
    cohort: { capacity: 6, sessions: [{ date: "2026-07-08", start: "09:30", end: "16:30", room: "Treatment room 1" }] },
  });
  enrollmentId = (await enrolIn(student, course.courseId, { cohortId: course.cohortId, entryEvidence: "NMC 99X9999X" })).enrollment.enrollmentId;
  for (const lessonId of course.lessonIds.slice(0, 2)) await post(`/enrollments/${enrollmentId}/lessons/${lessonId}/complete`, {}, student);
  const { attempt } = await body(await post(`/enrollments/${enrollmentId}/assessments/${course.assessmentId}/attempts`, {}, student));
  await put(`/attempts/${attempt.attemptId}/answers/${course.questionIds.single}`, { optionIds: ["b"] }, student);
  await post(`/attempts/${attempt.attemptId}/submit`, {}, student);
}, 60_000);

describe("completion needs the practical day and the confirmed entry requirement", () => {
  it("stays active until the owner confirms the entry requirement and marks attendance, then completes and certifies", async () => {
    let view = await body(await get(`/enrollments/${enrollmentId}`, student));
    expect(view.enrollment.status).toBe("active");
    expect(view.progress.outstanding).toEqual(["practical", "entry_requirement"]);
    expect((await put(`/admin/enrollments/${enrollmentId}/entry`, { confirmed: true }, student)).status).toBe(403);
    expect((await put(`/admin/enrollments/${enrollmentId}/entry`, { confirmed: "ok" }, owner)).status).toBe(400);
    const confirmed = await put(`/admin/enrollments/${enrollmentId}/entry`, { confirmed: true }, owner);
    expect((await body(confirmed)).enrollment).toMatchObject({ status: "active", entryConfirmed: true });
    expect((await body(await get(`/enrollments/${enrollmentId}`, student))).progress.outstanding).toEqual(["practical"]);
    expect((await put(`/admin/enrollments/${enrollmentId}/attendance`, { attended: true }, student)).status).toBe(403);
    expect((await put(`/admin/enrollments/${enrollmentId}/attendance`, { attended: "yes" }, owner)).status).toBe(400);
    expect((await put(`/admin/enrollments/01NOSUCHENROLMENT/attendance`, { attended: true }, owner)).status).toBe(404);
    const marked = await put(`/admin/enrollments/${enrollmentId}/attendance`, { attended: true }, owner);
    expect((await body(marked)).enrollment).toMatchObject({ status: "completed", practicalAttended: true });
    view = await body(await get(`/enrollments/${enrollmentId}`, student));
    verificationId = view.enrollment.certificateId;
    expect(verificationId).toMatch(/^[A-Za-z0-9_-]{20}$/);
  });
});

describe("public verification", () => {
  it("shows holder, course, dates and status to anyone; unknown ids are 404", async () => {
    const res = await get(`/certificates/${verificationId}`, anonymous);
    expect(res.status).toBe(200);
    const { certificate } = await body(res);
    expect(certificate).toMatchObject({ holderName: "Hannah Reid", courseTitle: expect.stringMatching(/^Course /), status: "valid", issuedAt: platform().scheduler.now().toISOString() });
    expect(certificate.number).toMatch(/^MAS-2026-\d{6}$/);
    expect(certificate.expiresAt).toBe("2028-05-31T23:00:00.000Z");
    expect(JSON.stringify(certificate)).not.toContain(student.userId);
    expect((await get("/certificates/AAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await get("/certificates/bad%20id")).status).toBe(400);
  });

  it("says expired after the validity", async () => {
    await platform().scheduler.advanceTo(new Date("2028-06-01T00:00:00Z"));
    expect((await body(await get(`/certificates/${verificationId}`))).certificate.status).toBe("expired");
  });

  it("the owner revokes with a reason (others 401/403; reason required); verify then says revoked", async () => {
    expect((await post(`/admin/certificates/${verificationId}/revoke`, { reason: "Registration lapsed" }, anonymous)).status).toBe(401);
    expect((await post(`/admin/certificates/${verificationId}/revoke`, { reason: "Registration lapsed" }, student)).status).toBe(403);
    expect((await post(`/admin/certificates/${verificationId}/revoke`, {}, owner)).status).toBe(400);
    expect((await post(`/admin/certificates/AAAAAAAAAAAAAAAAAAAA/revoke`, { reason: "Registration lapsed" }, owner)).status).toBe(404);
    const revoked = await post(`/admin/certificates/${verificationId}/revoke`, { reason: "Registration lapsed" }, owner);
    expect((await body(revoked)).certificate).toMatchObject({ status: "revoked", revokedReason: "Registration lapsed" });
    expect((await body(await get(`/certificates/${verificationId}`))).certificate).toMatchObject({ status: "revoked", revokedReason: "Registration lapsed" });
  });
});

describe("owner desk", () => {
  it("transfers a student between cohorts of the same course, within capacity", async () => {
    const second = (await body(await post(`/admin/courses/${course.courseId}/cohorts`, { name: "September", capacity: 1, published: true }, owner))).cohort.cohortId;
    const moved = await post(`/admin/enrollments/${enrollmentId}/transfer`, { cohortId: second }, owner);
    expect((await body(moved)).enrollment.cohortId).toBe(second);
    const another = (await enrolIn(other, course.courseId, { cohortId: course.cohortId, entryEvidence: "GMC 1234567" })).enrollment.enrollmentId;
    const full = await post(`/admin/enrollments/${another}/transfer`, { cohortId: second }, owner);
    expect(full.status).toBe(409);
    expect((await post(`/admin/enrollments/${another}/transfer`, { cohortId: second }, student)).status).toBe(403);
    const report = (await body(await get(`/admin/courses/${course.courseId}/report`, owner))).report;
    expect(report).toMatchObject({ completionRatePercent: 50, enrollmentsByStatus: { completed: 1, active: 1 } });
    const academy = (await body(await get("/admin/reports/courses", owner))).courses;
    expect(academy.find((r: { courseId: string }) => r.courseId === course.courseId)).toMatchObject({ status: "published", completionRatePercent: 50, averageScorePercent: expect.any(Number), feesReceivedInPence: 0 });
    expect((await get("/admin/reports/courses", student)).status).toBe(403);
  });
});

describe("personal data", () => {
  it("exports the student's enrolments, progress, attempts and certificates; erasure keeps the record but drops their words", async () => {
    const exported = await personalDataOf(student.userId);
    expect(exported.enrolments).toEqual([expect.objectContaining({ enrollmentId, entryEvidence: "NMC 99X9999X" })]);
    expect(exported.lessonProgress).toHaveLength(2);
    expect((exported.assessmentAttempts as { answers: object }[])[0]!.answers).toHaveProperty(course.questionIds.single);
    expect(exported.certificates).toHaveLength(1);

    await publish(Events.UserErased, { userId: student.userId });
    await settle();
    const after = await personalDataOf(student.userId);
    expect((after.enrolments as { entryEvidence?: string }[])[0]!.entryEvidence).toBeUndefined();
    expect((after.assessmentAttempts as { answers: object }[])[0]!.answers).toEqual({});
    expect(after.certificates).toHaveLength(1);
    expect(await personalDataOf(other.userId)).toMatchObject({ certificates: [] });
  });
});
