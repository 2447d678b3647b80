import { beforeAll, describe, expect, it } from "vitest";
import { issueCertificate } from "../src/domain/certificates";
import { db } from "../src/entities";
import { body, buildCourse, get, post, signUp, type TestUser, useSchedulerClock } from "./support";

/** The two invariants that must hold under load: a cohort never takes more than its capacity; certificate numbers have no gap and no duplicate. */
useSchedulerClock();

let owner: TestUser;
beforeAll(async () => {
  owner = await signUp("owner");
}, 60_000);

describe("cohort capacity", () => {
  it("50 students enrolling at once into a cohort of 12: exactly 12 get in, the rest are told it is full", async () => {
    const course = await buildCourse(owner, { cohort: { capacity: 12 } });
    const students = await Promise.all(Array.from({ length: 50 }, () => signUp("student")));
    const results = await Promise.all(students.map((s) => post("/enrollments", { courseId: course.courseId, cohortId: course.cohortId }, s)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(12);
    expect(statuses.filter((s) => s === 409)).toHaveLength(38);
    const codes = await Promise.all(results.filter((r) => r.status === 409).map(async (r) => (await body(r)).error.code));
    expect(new Set(codes)).toEqual(new Set(["learning.cohort_full"]));
    const { enrollments } = await body(await get(`/admin/courses/${course.courseId}/enrollments`, owner));
    expect(enrollments).toHaveLength(12);
    const detail = await body(await get(`/admin/courses/${course.courseId}`, owner));
    expect(detail.cohorts[0]).toMatchObject({ capacity: 12, seatsTaken: 12, placesLeft: 0 });
  }, 120_000);
});

describe("certificate numbers", () => {
  it("20 completions at once take 20 consecutive numbers, none twice", async () => {
    const course = await buildCourse(owner);
    const { data: before } = await db().entities.certificateCounter.get({ year: 2026 }).go({ consistent: true });
    const start = before?.value ?? 0;
    const students = await Promise.all(Array.from({ length: 20 }, () => signUp("student")));
    const enrolments = await Promise.all(students.map(async (s) => (await body(await post("/enrollments", { courseId: course.courseId }, s))).enrollment.enrollmentId as string));
    // Completed as the completion path leaves them (status completed, no certificate yet), then all certified at once.
    const now = new Date("2026-06-01T10:00:00Z");
    await Promise.all(enrolments.map((enrollmentId) => db().entities.enrollment.patch({ enrollmentId }).set({ status: "completed", completedAt: now.toISOString() }).go()));
    const issued = await Promise.all(enrolments.map((enrollmentId) => issueCertificate(enrollmentId, now)));
    const numbers = issued.map((c) => c!.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `MAS-2026-${String(start + i + 1).padStart(6, "0")}`));
    const { data: after } = await db().entities.certificateCounter.get({ year: 2026 }).go({ consistent: true });
    expect(after!.value).toBe(start + 20);
    // Asking again (a redelivered course.completed) returns the same certificate, takes no number.
    expect((await issueCertificate(enrolments[0]!, now))!.number).toBe(issued[0]!.number);
    expect(new Set(issued.map((c) => c!.certificateId)).size).toBe(20);
  }, 120_000);
});
