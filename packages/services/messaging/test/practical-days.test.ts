import { afterAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { listSchedules } from "@mas/core/ports/scheduler";
import { createCohort, updateCohort } from "../../learning/src/domain/cohorts";
import { CourseInput, createCourse, setCourseStatus } from "../../learning/src/domain/courses";
import { enrol } from "../../learning/src/domain/enrolments";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { advanceToWithTexts, followSchedulerClock, personWithMobile, settleWithTexts, sms } from "./support";

/**
 * The practical-day text through learning's real cohorts and enrolments, the outbox, the
 * local bus, the scheduler's manual clock (from 2026-06-01 09:00Z) and the SMS twin.
 */
const restore = followSchedulerClock();
afterAll(restore);

const student = (firstName: string, smsConsent: boolean) => personWithMobile(firstName, smsConsent ? { sms: true } : {}, { role: "student" });
const textsTo = (phone: string) => sms().texts().filter((t) => t.to === phone);

describe("the practical-day text", () => {
  it("goes at 10:00 the day before to each student on the cohort with SMS consent, once; follows the sessions as they change", async () => {
    const now = () => platform().scheduler.now();
    const course = await createCourse(CourseInput.parse({ title: "Dermal filler foundation", slug: "filler-practical", summary: "Lips and cheeks", description: "", level: "foundation", priceInPence: 120_000, vatNote: "", prerequisiteCourseIds: [], practicalRequired: true }), now());
    await setCourseStatus(course.courseId, "published", now());
    const june = await createCohort(course.courseId, { name: "June", capacity: 8, published: true, sessions: [{ date: "2026-06-11", start: "09:30", end: "16:00", room: "Room 2" }, { date: "2026-06-18", start: "09:30", end: "16:00", room: "Room 2" }] }, now());
    const july = await createCohort(course.courseId, { name: "July", capacity: 8, published: true, sessions: [{ date: "2026-07-09", start: "09:30", end: "16:00", room: "Room 1" }] }, now());
    const ada = await student("Ada", true);
    const ben = await student("Ben", false);
    const cy = await student("Cy", true);
    const adaPlace = await enrol({ courseId: course.courseId, cohortId: june.cohortId, userId: ada.userId, now: now(), byOwner: true });
    await enrol({ courseId: course.courseId, cohortId: june.cohortId, userId: ben.userId, now: now(), byOwner: true });
    await enrol({ courseId: course.courseId, cohortId: july.cohortId, userId: cy.userId, now: now(), byOwner: true });
    await settleWithTexts();
    expect(await listSchedules(`practical-${june.cohortId}-`)).toHaveLength(2);

    await advanceToWithTexts("2026-06-10T08:59:59Z");
    expect(textsTo(ada.phone).filter((t) => t.body.includes("practical"))).toEqual([]);
    await advanceToWithTexts("2026-06-10T09:00:00Z"); // 10:00 BST
    const [first] = textsTo(ada.phone);
    expect(first).toMatchObject({ messageType: "TRANSACTIONAL", at: "2026-06-10T09:00:00.000Z" });
    expect(first?.body).toBe(`Hi Ada, your Dermal filler foundation practical day is tomorrow, Thu 11 Jun at 09:30, Room 2. Details: http://localhost:${new URL(platform().url).port}/learn/${adaPlace.enrollmentId}`);
    expect(textsTo(ben.phone)).toEqual([]); // no SMS consent
    expect(textsTo(cy.phone)).toEqual([]); // another cohort

    // The schedule firing again (at-least-once) sends nothing more.
    const fired = platform().scheduler.fired.find((f) => f.name.startsWith(`practical-${june.cohortId}-`));
    const sessionId = fired!.name.slice(`practical-${june.cohortId}-`.length);
    await publish(Events.ReminderDue, { workflow: "practical-day", step: "send", subjectId: `${june.cohortId}.${sessionId}`, scheduledFor: "2026-06-10T09:00:00.000Z" });
    await settleWithTexts();
    expect(textsTo(ada.phone)).toHaveLength(1);

    // The second day moves from the 18th to the 19th: its old schedule goes, the new one comes.
    await updateCohort(june.cohortId, { sessions: [{ date: "2026-06-11", start: "09:30", end: "16:00", room: "Room 2" }, { date: "2026-06-19", start: "10:00", end: "16:00", room: "Room 3" }] }, now());
    await settleWithTexts();
    const names = await listSchedules(`practical-${june.cohortId}-`);
    expect(names).toHaveLength(1); // the 11th's reminder is past
    await advanceToWithTexts("2026-06-17T09:00:01Z");
    expect(textsTo(ada.phone)).toHaveLength(1);
    await advanceToWithTexts("2026-06-18T09:00:00Z");
    expect(textsTo(ada.phone).map((t) => t.body.slice(0, 80))).toEqual([first!.body.slice(0, 80), "Hi Ada, your Dermal filler foundation practical day is tomorrow, Fri 19 Jun at 1"]);
    expect(textsTo(ada.phone)[1]?.body).toContain("at 10:00, Room 3.");

    // Unpublishing the cohort takes its reminders away.
    await updateCohort(july.cohortId, { published: false }, now());
    await settleWithTexts();
    expect(await listSchedules(`practical-${july.cohortId}-`)).toEqual([]);
    await advanceToWithTexts("2026-07-10T00:00:00Z");
    expect(textsTo(cy.phone)).toEqual([]);
    expect(platform().bus.deadLetters).toEqual([]);
  });
});
