import { describe, expect, it } from "vitest";
import { DEMO_COURSES, seedLearningDemo } from "../src/seed";
import { body, get, settle, signUp, useSchedulerClock } from "./support";

useSchedulerClock();

describe("demo seed", () => {
  it("publishes two courses with curriculum, a final assessment and a cohort with a practical day next month, and puts the demo student part-way through; idempotently", async () => {
    const student = await signUp("student");
    const now = new Date("2026-06-01T09:00:00Z");
    expect(await seedLearningDemo(student.userId, now)).toEqual({ courses: 2, enrolled: true });
    expect(await seedLearningDemo(student.userId, now)).toEqual({ courses: 0, enrolled: false });
    await settle();

    const { courses } = await body(await get("/courses"));
    expect(courses.map((c: { slug: string }) => c.slug).sort()).toEqual(DEMO_COURSES.map((d) => d.course.slug).sort());
    for (const demo of DEMO_COURSES) {
      const page = await body(await get(`/courses/${demo.course.slug}`));
      expect(page.modules.length).toBeGreaterThanOrEqual(2);
      expect(page.assessments).toEqual([expect.objectContaining({ title: "Final assessment", passMarkPercent: 70, timeLimitMinutes: 30 })]);
      expect(page.cohorts).toEqual([expect.objectContaining({ capacity: 8, sessions: [expect.objectContaining({ date: "2026-07-01", start: "09:30", end: "16:30" })] })]);
    }

    const [enrollment] = (await body(await get("/me/enrollments", student))).enrollments;
    expect(enrollment).toMatchObject({ status: "active", courseTitle: "Foundation Anti-wrinkle Training" });
    const { progress } = await body(await get(`/enrollments/${enrollment.enrollmentId}`, student));
    expect(progress.progressPercent).toBe(40);
  });
});
