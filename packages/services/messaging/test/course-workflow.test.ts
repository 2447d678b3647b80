import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { messagesOf } from "../src/domain/history";
import { publish } from "../../../local/src/publish";
import { listSchedules } from "@mas/core/ports/scheduler";
import { platform } from "../../../local/test/harness";
import { signUp } from "../../accounts/test/support";
import { advanceDayByDay, advanceTo, firedFor, followSchedulerClock, mailTo, settle } from "./support";

/** The course workflow through the real bus, scheduler (manual clock) and SES emulator. */
const restore = followSchedulerClock();
afterAll(restore);

const DAY = 86_400_000;
const courseTitle = "Foundation Anti-wrinkle Training";

async function enrol() {
  const student = await signUp("student", { firstName: "Jo" });
  const enrollmentId = randomUUID();
  const at = platform().scheduler.now();
  await publish(Events.EnrollmentActivated, { enrollmentId, courseId: "course-1", courseTitle, userId: student.userId, activatedAt: at.toISOString() }, { occurredAt: at });
  await settle();
  return { student, enrollmentId, activatedAt: at };
}

async function lessonDone(userId: string, enrollmentId: string, progressPercent: number) {
  await publish(Events.LessonCompleted, { enrollmentId, lessonId: randomUUID(), userId, progressPercent }, { occurredAt: platform().scheduler.now() });
  await settle();
}

describe("course workflow", () => {
  it("a student who completes a lesson on day 0 gets no day-1 check; the nudges carry the current progress", async () => {
    const { student, enrollmentId, activatedAt } = await enrol();
    expect((await mailTo(student.email)).map((m) => m.subject)).toEqual([`Welcome to ${courseTitle}`]);
    expect((await listSchedules(`course-${enrollmentId}-`)).sort()).toEqual(["day1", "day14", "day30", "day7"].map((s) => `course-${enrollmentId}-${s}`));

    await lessonDone(student.userId, enrollmentId, 10);
    await advanceDayByDay(student.email, new Date(activatedAt.getTime() + 3 * DAY).toISOString());
    await lessonDone(student.userId, enrollmentId, 25);
    await advanceDayByDay(student.email, new Date(activatedAt.getTime() + 31 * DAY).toISOString());

    expect(firedFor(`course-${enrollmentId}-`)).toEqual([
      ["day1", "Tuesday 2 June 2026 10:00"],
      ["day7", "Monday 8 June 2026 10:00"],
      ["day14", "Monday 15 June 2026 10:00"],
      ["day30", "Wednesday 1 July 2026 10:00"],
    ]);
    expect((await mailTo(student.email)).map((m) => m.subject)).toEqual([
      `Welcome to ${courseTitle}`,
      `You are 25% through ${courseTitle}`,
      `Two weeks in: 25% of ${courseTitle}`,
      `How is ${courseTitle} going?`,
    ]);
    expect((await messagesOf(student.userId)).items.map((m) => m.template)).not.toContain("course.day1");
  });

  it("a student who completes the course on day 10 gets nothing after it", async () => {
    const { student, enrollmentId, activatedAt } = await enrol();
    await advanceDayByDay(student.email, new Date(activatedAt.getTime() + 9 * DAY).toISOString());
    expect((await mailTo(student.email)).map((m) => m.subject)).toEqual([`Welcome to ${courseTitle}`, `Ready to start ${courseTitle}?`, `You are 0% through ${courseTitle}`]);

    await advanceTo(new Date(activatedAt.getTime() + 10 * DAY));
    await publish(Events.CourseCompleted, { enrollmentId, courseId: "course-1", courseTitle, userId: student.userId, completedAt: platform().scheduler.now().toISOString() }, { occurredAt: platform().scheduler.now() });
    await settle();
    expect(await listSchedules(`course-${enrollmentId}-`)).toEqual([]);

    await advanceDayByDay(student.email, new Date(activatedAt.getTime() + 40 * DAY).toISOString());
    expect(await mailTo(student.email)).toHaveLength(3);
    expect(firedFor(`course-${enrollmentId}-`).map(([step]) => step)).toEqual(["day1", "day7"]);
  });

  it("sends the certificate mail once per event", async () => {
    const student = await signUp("student", { firstName: "Kim" });
    const data = { certificateId: randomUUID(), enrollmentId: randomUUID(), userId: student.userId, courseTitle, verificationCode: "MAS-TEST-0001" };
    const id = randomUUID();
    await publish(Events.CertificateIssued, data, { id });
    await publish(Events.CertificateIssued, data, { id });
    await settle();
    const mails = await mailTo(student.email);
    expect(mails.map((m) => m.subject)).toEqual([`Your certificate for ${courseTitle}`]);
    expect(mails[0]?.body.text).toContain("/certificates/MAS-TEST-0001");
  });
});
