import { beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { call as paymentsCall } from "../../payments/test/support";
import { mailTo } from "../../messaging/test/support";
import { body, buildCourse, enrolIn, get, json, post, published, signUp, type BuiltCourse, type TestUser, useSchedulerClock } from "./support";

/**
 * A paid course end to end through the real local bus, scheduler, fake Stripe and SES
 * emulator: enrol (pending payment, seat held) → payments prices the fee from learning →
 * the student pays in the local checkout → Stripe's webhook → `payment.succeeded` →
 * learning activates → messaging's welcome mail → the day-1 nudge on the test clock.
 * An unpaid hold lapses and gives the seat back.
 */
useSchedulerClock();

let owner: TestUser;
let course: BuiltCourse;
beforeAll(async () => {
  owner = await signUp("owner");
  course = await buildCourse(owner, { priceInPence: 45_000, cohort: { capacity: 1 } });
}, 60_000);

async function settleAll(): Promise<void> {
  for (let round = 0; round < 6; round++) {
    await platform().bus.idle();
    await platform().stripe.flushWebhooks();
  }
  await platform().bus.idle();
}

const seats = async () => (await body(await get(`/admin/courses/${course.courseId}`, owner))).cohorts[0].seatsTaken;

describe("paid enrolment", () => {
  it("an unpaid hold lapses after 30 minutes: the enrolment expires, the seat is free again, the fee is no longer payable", async () => {
    const student = await signUp("student");
    const { enrollment, payment } = await enrolIn(student, course.courseId, { cohortId: course.cohortId });
    expect(enrollment).toMatchObject({ status: "pending_payment", priceInPence: 45_000 });
    expect(payment).toEqual({ kind: "course_fee", subjectId: enrollment.enrollmentId, amountInPence: 45_000 });
    expect(await seats()).toBe(1);
    const other = await signUp("student");
    expect((await post("/enrollments", { courseId: course.courseId, cohortId: course.cohortId }, other)).status).toBe(409);

    await platform().scheduler.advanceBy(30 * 60_000);
    await settleAll();
    expect((await body(await get(`/enrollments/${enrollment.enrollmentId}`, student))).enrollment.status).toBe("expired");
    expect(await seats()).toBe(0);
    const late = await paymentsCall("/intents", json("POST", { kind: "course_fee", subjectId: enrollment.enrollmentId }, student));
    expect(late.status).toBe(409);
    expect((await body(late)).error.code).toBe("payments.subject_not_payable");
  });

  it("pays through the fake Stripe checkout → active → welcome mail → day-1 nudge", async () => {
    const student = await signUp("student", { firstName: "Priya" });
    const { enrollment } = await enrolIn(student, course.courseId, { cohortId: course.cohortId });
    // Nobody else may pay for it, and the amount is the server's.
    const stranger = await signUp("student");
    expect((await paymentsCall("/intents", json("POST", { kind: "course_fee", subjectId: enrollment.enrollmentId }, stranger))).status).toBe(404);
    expect((await paymentsCall("/intents", json("POST", { kind: "course_fee", subjectId: enrollment.enrollmentId, amountInPence: 1 }, student))).status).toBe(400);
    const started = await paymentsCall("/intents", json("POST", { kind: "course_fee", subjectId: enrollment.enrollmentId }, student));
    expect(started.status).toBe(200);
    const intent = await body(started);
    expect(intent.amountInPence).toBe(45_000);

    const paid = await fetch(`${intent.checkoutUrl}/complete`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "outcome=succeed", redirect: "manual" });
    expect(paid.status).toBe(303);
    await settleAll();

    const view = (await body(await get(`/enrollments/${enrollment.enrollmentId}`, student))).enrollment;
    expect(view).toMatchObject({ status: "active", paidInPence: 45_000 });
    expect(published("enrollment.activated").filter((e) => e.enrollmentId === enrollment.enrollmentId)).toHaveLength(1);
    expect((await mailTo(student.email)).map((m) => m.subject)).toContain(`Welcome to ${view.courseTitle}`);

    // The hold's lapse is cancelled: 30 minutes later the enrolment is still active.
    await platform().scheduler.advanceBy(31 * 60_000);
    await settleAll();
    expect((await body(await get(`/enrollments/${enrollment.enrollmentId}`, student))).enrollment.status).toBe("active");

    // Day 1, 10:00 London: the "ready to start?" nudge (nothing completed yet).
    await platform().scheduler.advanceTo(new Date(Date.parse(view.activatedAt) + 26 * 3600_000));
    await settleAll();
    const subjects = (await mailTo(student.email)).map((m) => m.subject);
    expect(subjects.filter((s) => !s.startsWith("Receipt: £450.00 paid"))).toEqual([`Welcome to ${view.courseTitle}`, `Ready to start ${view.courseTitle}?`]);
    expect(subjects).toHaveLength(3);
  });
});
