import { beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { anonymous, body, buildCourse, call, enrolIn, expectNoAnswerKeysLeaked, get, post, put, published, settle, signUp, type BuiltCourse, type TestUser, useSchedulerClock } from "./support";

/** A student's journey through a free course, with every student route tried by anonymous, another student, a plain client, and with bad input. */
useSchedulerClock();
expectNoAnswerKeysLeaked();

let owner: TestUser;
let alice: TestUser;
let bob: TestUser;
let client: TestUser;
let course: BuiltCourse;

beforeAll(async () => {
  [owner, alice, bob, client] = await Promise.all([signUp("owner"), signUp("student"), signUp("student"), signUp("client")]);
  course = await buildCourse(owner, { assessment: { timeLimitMinutes: 30, attemptLimit: 3, cooldownMinutes: 10 } });
}, 60_000);

const complete = (who: TestUser, enrollmentId: string, lessonId: string) => post(`/enrollments/${enrollmentId}/lessons/${lessonId}/complete`, {}, who);

describe("enrolment rules", () => {
  it("a client may enrol too (one account, both roles); anonymous 401; bad input 400", async () => {
    const [clientCourse, anotherClient] = await Promise.all([buildCourse(owner), signUp("client")]);
    const enrolled = await post("/enrollments", { courseId: clientCourse.courseId }, anotherClient);
    expect(enrolled.status).toBe(201);
    expect((await body(enrolled)).enrollment).toMatchObject({ userId: anotherClient.userId, status: "active" });
    expect((await post("/enrollments", { courseId: course.courseId }, anonymous)).status).toBe(401);
    expect((await post("/enrollments", { courseId: "" }, alice)).status).toBe(400);
    expect((await post("/enrollments", { courseId: course.courseId, price: 0 }, alice)).status).toBe(400);
  });

  it("an unpublished or unknown course is 404; enrolling twice is 409", async () => {
    const draft = await buildCourse(owner, { publish: false });
    expect((await post("/enrollments", { courseId: draft.courseId }, alice)).status).toBe(404);
    expect((await post("/enrollments", { courseId: "01NOSUCHCOURSE" }, alice)).status).toBe(404);
    const fresh = await buildCourse(owner);
    expect((await post("/enrollments", { courseId: fresh.courseId }, bob)).status).toBe(201);
    const twice = await post("/enrollments", { courseId: fresh.courseId }, bob);
    expect(twice.status).toBe(409);
    expect((await body(twice)).error.code).toBe("learning.already_enrolled");
  });

  it("a course that runs in cohorts needs one (422 without); another course's cohort is 404", async () => {
    const cohorted = await buildCourse(owner, { cohort: { capacity: 5 } });
    const res = await post("/enrollments", { courseId: cohorted.courseId }, bob);
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe("learning.cohort_required");
    expect((await post("/enrollments", { courseId: course.courseId, cohortId: cohorted.cohortId }, bob)).status).toBe(404);
  });

  it("prerequisites and entry requirements are checked", async () => {
    const advanced = await buildCourse(owner, { course: { prerequisiteCourseIds: [course.courseId], level: "advanced" } });
    const res = await post("/enrollments", { courseId: advanced.courseId }, bob);
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe("learning.prerequisites_missing");
    const registered = await buildCourse(owner, { course: { entryRequirement: "Your NMC, GMC or GDC registration number" } });
    expect((await body(await post("/enrollments", { courseId: registered.courseId }, bob))).error.code).toBe("learning.entry_evidence_required");
    expect((await post("/enrollments", { courseId: registered.courseId, entryEvidence: "NMC 12A3456E" }, bob)).status).toBe(201);
  });
});

describe("a free course from enrolment to certificate", () => {
  it("activates at once, tracks progress and resume, passes the final, completes, certifies", async () => {
    const { enrollment, payment } = await enrolIn(alice, course.courseId);
    expect(enrollment.status).toBe("active");
    expect(payment).toBeNull();
    await settle();
    expect(published("enrollment.activated").map((e) => e.enrollmentId)).toContain(enrollment.enrollmentId);
    const id = enrollment.enrollmentId;

    let view = await body(await get(`/enrollments/${id}`, alice));
    expect(view.progress).toMatchObject({ progressPercent: 0, nextLessonId: course.lessonIds[0], resumeLessonId: course.lessonIds[0] });

    const lesson = await get(`/enrollments/${id}/lessons/${course.lessonIds[1]}`, alice);
    expect(lesson.status).toBe(200);
    expect((await body(lesson)).lesson.embedUrl).toBe("https://video.example/embed/1");
    expect((await body(await get(`/enrollments/${id}`, alice))).progress.resumeLessonId).toBe(course.lessonIds[1]);

    expect(await body(await complete(alice, id, course.lessonIds[0]))).toEqual({ progressPercent: 50, courseCompleted: false });
    expect(await body(await complete(alice, id, course.lessonIds[0]))).toEqual({ progressPercent: 50, courseCompleted: false });
    expect(await body(await complete(alice, id, course.lessonIds[1]))).toEqual({ progressPercent: 100, courseCompleted: false });
    view = await body(await get(`/enrollments/${id}`, alice));
    expect(view.progress.outstanding).toEqual(["assessments"]);
    await settle();
    expect(published("lesson.completed").filter((e) => e.enrollmentId === id).map((e) => e.progressPercent)).toEqual([50, 100]);

    const started = await post(`/enrollments/${id}/assessments/${course.assessmentId}/attempts`, {}, alice);
    expect(started.status).toBe(201);
    const { attempt } = await body(started);
    expect(attempt.questions).toHaveLength(3);
    expect(attempt.deadline).toBe(new Date(platform().scheduler.now().getTime() + 30 * 60_000).toISOString());
    const resumed = await post(`/enrollments/${id}/assessments/${course.assessmentId}/attempts`, {}, alice);
    expect(resumed.status).toBe(200);
    expect((await body(resumed)).attempt.attemptId).toBe(attempt.attemptId);

    const answer = (questionId: string, payload: unknown, who = alice) => put(`/attempts/${attempt.attemptId}/answers/${questionId}`, payload, who);
    expect((await answer(course.questionIds.single, { optionIds: ["a"] })).status).toBe(200);
    expect((await answer(course.questionIds.multiple, { optionIds: ["a"] })).status).toBe(200);
    expect((await answer(course.questionIds.trueFalse, { optionIds: ["true"] })).status).toBe(200);
    // Bob cannot see, answer or submit Alice's attempt; bad answers are refused.
    expect((await get(`/attempts/${attempt.attemptId}`, bob)).status).toBe(404);
    expect((await answer(course.questionIds.single, { optionIds: ["b"] }, bob)).status).toBe(404);
    expect((await post(`/attempts/${attempt.attemptId}/submit`, {}, bob)).status).toBe(404);
    expect((await answer(course.questionIds.single, { optionIds: ["zz"] })).status).toBe(422);
    expect((await answer(course.questionIds.single, { optionIds: "a" })).status).toBe(400);
    expect((await answer("01NOTONPAPER", { optionIds: ["a"] })).status).toBe(404);

    const submitted = await body(await post(`/attempts/${attempt.attemptId}/submit`, {}, alice));
    // 1 + 1 (half of the 2-point multiple) + 1 of 4 = 75 %.
    expect(submitted.attempt.result).toMatchObject({ score: 3, maxScore: 4, scorePercent: 75, passed: true });
    expect((await answer(course.questionIds.single, { optionIds: ["b"] })).status).toBe(409);

    const done = await body(await get(`/enrollments/${id}`, alice));
    expect(done.enrollment.status).toBe("completed");
    expect(done.enrollment.certificateId).toBeTruthy();
    await settle();
    expect(published("assessment.passed").map((e) => e.enrollmentId)).toContain(id);
    expect(published("course.completed").map((e) => e.enrollmentId)).toContain(id);
    expect(published("certificate.issued").filter((e) => e.enrollmentId === id)).toHaveLength(1);

    const mine = await body(await get("/me/certificates", alice));
    expect(mine.certificates).toHaveLength(1);
    expect(mine.certificates[0].number).toMatch(/^MAS-2026-\d{6}$/);
    expect((await body(await get("/me/certificates", bob))).certificates).toEqual([]);
  });
});

describe("student routes × roles", () => {
  let enrollmentId: string;
  let attemptId: string;
  beforeAll(async () => {
    const c = await buildCourse(owner);
    enrollmentId = (await enrolIn(bob, c.courseId)).enrollment.enrollmentId;
    attemptId = (await body(await post(`/enrollments/${enrollmentId}/assessments/${c.assessmentId}/attempts`, {}, bob))).attempt.attemptId;
  });

  it.each([
    ["GET", () => `/enrollments/${enrollmentId}`],
    ["GET", () => `/enrollments/${enrollmentId}/assessments`],
    ["GET", () => `/enrollments/${enrollmentId}/lessons/${course.lessonIds[0]}`],
    ["POST", () => `/enrollments/${enrollmentId}/lessons/${course.lessonIds[0]}/complete`],
    ["POST", () => `/enrollments/${enrollmentId}/assessments/${course.assessmentId}/attempts`],
    ["GET", () => `/attempts/${attemptId}`],
    ["POST", () => `/attempts/${attemptId}/submit`],
  ])("%s %s: anonymous 401; another student and a client 404", async (method, path) => {
    const send = (who: { headers: Record<string, string> }) => call(path(), { method, headers: { "content-type": "application/json", ...who.headers }, ...(method === "POST" ? { body: "{}" } : {}) });
    expect((await send(anonymous)).status).toBe(401);
    expect((await send(alice)).status).toBe(404);
    expect((await send(client)).status).toBe(404);
  });

  it("the owner may read a student's enrolment and attempt, but not sit it for them", async () => {
    expect((await get(`/enrollments/${enrollmentId}`, owner)).status).toBe(200);
    expect((await get(`/attempts/${attemptId}`, owner)).status).toBe(200);
    expect((await post(`/enrollments/${enrollmentId}/assessments/${course.assessmentId}/attempts`, {}, owner)).status).toBe(404);
  });

  it("lists only the caller's own enrolments", async () => {
    const bobs = (await body(await get("/me/enrollments", bob))).enrollments.map((e: { userId: string }) => e.userId);
    expect(new Set(bobs)).toEqual(new Set([bob.userId]));
    expect((await body(await get("/me/enrollments", client))).enrollments).toEqual([]);
    expect((await get("/me/enrollments", anonymous)).status).toBe(401);
  });
});

describe("lesson media", () => {
  it("an enrolled student gets a 15-minute presigned URL for a lesson's file; keys outside courses/ are refused", async () => {
    const c = await buildCourse(owner);
    const bad = await post(`/admin/courses/${c.courseId}/modules/${c.moduleIds[1]}/lessons`, { title: "Leak", kind: "pdf", mediaKey: "photos/client.jpg" }, owner);
    expect(bad.status).toBe(400);
    const added = await post(`/admin/courses/${c.courseId}/modules/${c.moduleIds[1]}/lessons`, { title: "Dosing chart", kind: "pdf", mediaKey: "courses/anti-wrinkle/dosing.pdf" }, owner);
    const lessonId = (await body(added)).lesson.lessonId;
    const student = await signUp("student");
    const { enrollment } = await enrolIn(student, c.courseId);
    const { lesson } = await body(await get(`/enrollments/${enrollment.enrollmentId}/lessons/${lessonId}`, student));
    const url = new URL(lesson.mediaUrl);
    expect(url.pathname.endsWith("/courses/anti-wrinkle/dosing.pdf")).toBe(true);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("900");
    expect(lesson).not.toHaveProperty("mediaKey");
  });
});
