import { beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { getAttempt } from "../src/domain/attempts";
import { body, buildCourse, enrolIn, expectNoAnswerKeysLeaked, get, KEY_MARKER, post, put, published, settle, signUp, type BuiltCourse, type TestUser, useSchedulerClock } from "./support";

/** Server-timed attempts: the deadline cut-off, auto-submission by the scheduler, attempt limits, cool-down, banks drawn at random, owner marking. */
useSchedulerClock();
expectNoAnswerKeysLeaked();

let owner: TestUser;
beforeAll(async () => {
  owner = await signUp("owner");
}, 60_000);

async function sitting(course: BuiltCourse) {
  const student = await signUp("student");
  const { enrollment } = await enrolIn(student, course.courseId);
  const start = () => post(`/enrollments/${enrollment.enrollmentId}/assessments/${course.assessmentId}/attempts`, {}, student);
  return { student, enrollmentId: enrollment.enrollmentId, start };
}

describe("time limit", () => {
  let course: BuiltCourse;
  beforeAll(async () => {
    course = await buildCourse(owner, { assessment: { timeLimitMinutes: 10 } });
  });

  it("refuses answers after the deadline and the scheduler submits the attempt at it", async () => {
    const { student, start } = await sitting(course);
    const { attempt } = await body(await start());
    const answer = (q: string, options: string[]) => put(`/attempts/${attempt.attemptId}/answers/${q}`, { optionIds: options }, student);
    expect((await answer(course.questionIds.single, ["a"])).status).toBe(200);
    await platform().scheduler.advanceBy(9 * 60_000);
    expect((await answer(course.questionIds.trueFalse, ["true"])).status).toBe(200);
    await platform().scheduler.advanceBy(61_000);
    await settle();
    // Submitted by the deadline's schedule, before any request touched it.
    expect(await getAttempt(attempt.attemptId)).toMatchObject({ status: "submitted", autoSubmitted: true });
    const late = await answer(course.questionIds.multiple, ["a", "b"]);
    expect(late.status).toBe(409);
    expect((await body(late)).error.code).toBe("learning.attempt_closed");
    const view = (await body(await get(`/attempts/${attempt.attemptId}`, student))).attempt;
    expect(view).toMatchObject({ status: "submitted", autoSubmitted: true, submittedAt: attempt.deadline });
    expect(view.result).toMatchObject({ score: 2, maxScore: 4, scorePercent: 50, passed: false, durationSeconds: 600 });
    expect(published("assessment.failed").filter((e) => e.enrollmentId === view.enrollmentId)).toHaveLength(1);
  });
});

describe("server-driven countdown", () => {
  it("every view carries the seconds left by the server's clock, so a reload resumes the same countdown; closed attempts have none", async () => {
    const course = await buildCourse(owner, { assessment: { timeLimitMinutes: 10 } });
    const { student, start } = await sitting(course);
    const { attempt } = await body(await start());
    expect(attempt.secondsLeft).toBe(600);
    await platform().scheduler.advanceBy(125_000);
    // The page reloaded two minutes in: the same attempt, five seconds into its third minute.
    const resumed = await body(await start());
    expect(resumed).toMatchObject({ resumed: true, attempt: { attemptId: attempt.attemptId, secondsLeft: 475 } });
    expect((await body(await get(`/attempts/${attempt.attemptId}`, student))).attempt.secondsLeft).toBe(475);
    const saved = await put(`/attempts/${attempt.attemptId}/answers/${course.questionIds.single}`, { optionIds: ["a"] }, student);
    expect((await body(saved)).attempt.secondsLeft).toBe(475);
    const submitted = (await body(await post(`/attempts/${attempt.attemptId}/submit`, {}, student))).attempt;
    expect(submitted.secondsLeft).toBeNull();
  });

  it("an untimed attempt has no countdown", async () => {
    const course = await buildCourse(owner);
    const { start } = await sitting(course);
    expect((await body(await start())).attempt).toMatchObject({ deadline: null, secondsLeft: null });
  });
});

describe("standing with an assessment", () => {
  it("says how many attempts are left, when the cool-down ends, and when none are left or it is passed", async () => {
    const course = await buildCourse(owner, { assessment: { attemptLimit: 2, cooldownMinutes: 30 } });
    const { student, start, enrollmentId } = await sitting(course);
    const standing = async () => (await body(await get(`/enrollments/${enrollmentId}/assessments`, student))).assessments[0].standing;
    expect(await standing()).toEqual({ attemptsUsed: 0, attemptsLeft: 2, passed: false, canStart: true, inProgressAttemptId: null, blockedBecause: null, retryAt: null });
    const first = (await body(await start())).attempt;
    expect(await standing()).toMatchObject({ attemptsUsed: 1, attemptsLeft: 1, canStart: true, inProgressAttemptId: first.attemptId });
    await post(`/attempts/${first.attemptId}/submit`, {}, student);
    const submittedAt = (await body(await get(`/attempts/${first.attemptId}`, student))).attempt.submittedAt;
    expect(await standing()).toMatchObject({ attemptsLeft: 1, passed: false, canStart: false, blockedBecause: "cooldown", retryAt: new Date(Date.parse(submittedAt) + 30 * 60_000).toISOString() });
    await platform().scheduler.advanceBy(30 * 60_000);
    expect(await standing()).toMatchObject({ canStart: true, blockedBecause: null, retryAt: null });
    const second = (await body(await start())).attempt;
    await post(`/attempts/${second.attemptId}/submit`, {}, student);
    await platform().scheduler.advanceBy(31 * 60_000);
    expect(await standing()).toMatchObject({ attemptsUsed: 2, attemptsLeft: 0, canStart: false, blockedBecause: "attempt_limit" });
  });

  it("a passed assessment says so", async () => {
    const course = await buildCourse(owner, { assessment: { passMarkPercent: 0 } });
    const { student, start, enrollmentId } = await sitting(course);
    await post(`/attempts/${(await body(await start())).attempt.attemptId}/submit`, {}, student);
    const [assessment] = (await body(await get(`/enrollments/${enrollmentId}/assessments`, student))).assessments;
    expect(assessment.standing).toMatchObject({ passed: true, canStart: false, blockedBecause: "already_passed", attemptsLeft: null });
  });
});

describe("review of answers", () => {
  it("shows the right answers and explanations only after a pass or the last attempt", async () => {
    const course = await buildCourse(owner, { assessment: { attemptLimit: 2, cooldownMinutes: 0 } });
    const { student, start } = await sitting(course);
    const first = (await body(await start())).attempt;
    const failed = (await body(await post(`/attempts/${first.attemptId}/submit`, {}, student))).attempt;
    expect(failed).toMatchObject({ review: null, result: { passed: false, finalAttempt: false } });
    expect(JSON.stringify(failed)).not.toContain(KEY_MARKER);
    const second = (await body(await start())).attempt;
    const last = (await body(await post(`/attempts/${second.attemptId}/submit`, {}, student))).attempt;
    expect(last.result).toMatchObject({ passed: false, finalAttempt: true });
    expect(last.review).toEqual(expect.arrayContaining([{ questionId: course.questionIds.single, rightOptionIds: ["a"], explanation: KEY_MARKER }]));
    // The earlier attempt's view stays closed: it was not the last.
    expect((await body(await get(`/attempts/${first.attemptId}`, student))).attempt.review).toBeNull();
  });

  it("a pass shows the review at once", async () => {
    const course = await buildCourse(owner, { assessment: { passMarkPercent: 0 } });
    const { student, start } = await sitting(course);
    const { attempt } = await body(await start());
    const passed = (await body(await post(`/attempts/${attempt.attemptId}/submit`, {}, student))).attempt;
    expect(passed.result.passed).toBe(true);
    expect(passed.review).toHaveLength(3);
  });
});

describe("answers", () => {
  it("keeps every answer sent at once (no lost update)", async () => {
    const course = await buildCourse(owner);
    const { student, start } = await sitting(course);
    const { attempt } = await body(await start());
    const sends = [
      [course.questionIds.single, { optionIds: ["a"] }],
      [course.questionIds.multiple, { optionIds: ["a", "b"] }],
      [course.questionIds.trueFalse, { optionIds: ["true"] }],
    ] as const;
    const results = await Promise.all(sends.map(([q, a]) => put(`/attempts/${attempt.attemptId}/answers/${q}`, a, student)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const view = (await body(await get(`/attempts/${attempt.attemptId}`, student))).attempt;
    expect(view.questions.map((q: { answer: unknown }) => q.answer).filter(Boolean)).toHaveLength(3);
    const submitted = (await body(await post(`/attempts/${attempt.attemptId}/submit`, {}, student))).attempt;
    expect(submitted.result).toMatchObject({ score: 4, maxScore: 4, passed: true });
  });
});

describe("attempt limit and cool-down", () => {
  it("waits out the cool-down (429 with Retry-After), then stops at the limit (409)", async () => {
    const course = await buildCourse(owner, { assessment: { attemptLimit: 2, cooldownMinutes: 60 } });
    const { student, start } = await sitting(course);
    const first = (await body(await start())).attempt;
    expect((await post(`/attempts/${first.attemptId}/submit`, {}, student)).status).toBe(200);
    const cooling = await start();
    expect(cooling.status).toBe(429);
    expect(cooling.headers.get("retry-after")).toBe("3600");
    expect((await body(cooling)).error.code).toBe("learning.cooldown");
    await platform().scheduler.advanceBy(60 * 60_000);
    const second = await start();
    expect(second.status).toBe(201);
    expect((await body(second)).attempt.number).toBe(2);
    await post(`/attempts/${(await body(await start())).attempt.attemptId}/submit`, {}, student);
    await platform().scheduler.advanceBy(61 * 60_000);
    const third = await start();
    expect(third.status).toBe(409);
    expect((await body(third)).error.code).toBe("learning.attempt_limit");
  });

  it("a passed assessment is not sat again", async () => {
    const course = await buildCourse(owner, { assessment: { passMarkPercent: 0 } });
    const { student, start } = await sitting(course);
    const { attempt } = await body(await start());
    await post(`/attempts/${attempt.attemptId}/submit`, {}, student);
    expect((await body(await start())).error.code).toBe("learning.already_passed");
  });
});

describe("banks", () => {
  it("draws N questions per attempt from the bank; a student never sees the key", async () => {
    const course = await buildCourse(owner, { assessment: { drawCount: 2, attemptLimit: 5 } });
    const { student, start } = await sitting(course);
    const { attempt } = await body(await start());
    expect(attempt.questions).toHaveLength(2);
    for (const q of attempt.questions) expect(Object.keys(q).sort()).toEqual(["answer", "kind", "options", "points", "prompt", "questionId"]);
    const admin = await body(await get(`/admin/courses/${course.courseId}/banks`, owner));
    expect(admin.banks[0].questions[0].correctOptionIds).toBeDefined();
    expect((await get(`/admin/courses/${course.courseId}/banks`, student)).status).toBe(403);
  });

  it("short answers wait for the owner's marks, then the result is final", async () => {
    const course = await buildCourse(owner, { assessment: { passMarkPercent: 50 } });
    await post(`/admin/courses/${course.courseId}/banks/${course.bankId}/questions`, { kind: "short_answer", prompt: "Describe the danger zones", points: 4 }, owner);
    const { student, start, enrollmentId } = await sitting(course);
    const { attempt } = await body(await start());
    const shortQ = attempt.questions.find((q: { kind: string }) => q.kind === "short_answer").questionId;
    await put(`/attempts/${attempt.attemptId}/answers/${shortQ}`, { text: "Around the angular artery" }, student);
    const submitted = (await body(await post(`/attempts/${attempt.attemptId}/submit`, {}, student))).attempt;
    expect(submitted.status).toBe("awaiting_marking");
    expect((await put(`/admin/attempts/${attempt.attemptId}/marks`, { marks: { [shortQ]: 4 } }, student)).status).toBe(403);
    expect((await put(`/admin/attempts/${attempt.attemptId}/marks`, { marks: {} }, owner)).status).toBe(422);
    const marked = await put(`/admin/attempts/${attempt.attemptId}/marks`, { marks: { [shortQ]: 4 } }, owner);
    expect(marked.status).toBe(200);
    expect((await body(marked)).attempt).toMatchObject({ status: "submitted", score: 4, passed: true });
    await settle();
    expect(published("assessment.passed").map((e) => e.enrollmentId)).toContain(enrollmentId);
  });
});

describe("concurrent starts", () => {
  it("two starts at once make one attempt: the other resumes it or is told it just started", async () => {
    const course = await buildCourse(owner, { assessment: { attemptLimit: 1 } });
    const { start } = await sitting(course);
    const results = await Promise.all([start(), start(), start()]);
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201)) expect([200, 409]).toContain(r.status);
    const ids = new Set(await Promise.all(results.filter((r) => r.status !== 409).map(async (r) => (await body(r)).attempt.attemptId)));
    expect(ids.size).toBe(1);
  });
});
