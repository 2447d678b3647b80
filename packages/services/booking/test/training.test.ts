import { beforeAll, describe, expect, it } from "vitest";
import { createCohort, updateCohort } from "../../learning/src/domain/cohorts";
import { CourseInput, createCourse } from "../../learning/src/domain/courses";
import { Events } from "@mas/core/events/catalogue";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { START, body, call, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

/**
 * Practical training days: learning announces a cohort's sessions (`cohort.sessions_changed`
 * through its outbox), booking stores them as training blocks and takes those hours out of
 * client availability; the owner's calendar shows them beside the appointments.
 */
useSchedulerClock();

let owner: TestUser;
beforeAll(async () => {
  await seedClinic();
  owner = await signUp("owner");
}, 60_000);

const facialSlots = async (date: string) => (await body(await call(`/availability?service=hydrating-facial&from=${date}&to=${date}`))).slots.map((s: { start: string }) => s.start.slice(11, 16));

describe("practical days block client availability", () => {
  it("a practical session removes the clinic's client slots for its hours, and only those; moving it frees them again", async () => {
    const before = await facialSlots("2026-06-10");
    expect(before).toContain("10:00");
    expect(before).toContain("14:00");

    const course = await createCourse(CourseInput.parse({ title: "Dermal filler foundation", slug: "filler-foundation", summary: "Lips and cheeks", description: "", level: "foundation", priceInPence: 120_000, vatNote: "", prerequisiteCourseIds: [], practicalRequired: true }), START);
    const cohort = await createCohort(course.courseId, { name: "June cohort", capacity: 8, published: true, sessions: [{ date: "2026-06-10", start: "09:30", end: "13:00", room: "Treatment room 1" }] }, START);
    await platform().bus.idle();

    const during = await facialSlots("2026-06-10");
    expect(during.filter((t: string) => t < "13:00")).toEqual([]);
    expect(during).toEqual(before.filter((t: string) => t >= "13:00"));
    expect(await facialSlots("2026-06-11")).toContain("10:00");

    const booking = await call("/appointments", {
      method: "POST",
      headers: { "content-type": "application/json", ...(await signUp("client", { dateOfBirth: "1990-01-01" })).headers },
      body: JSON.stringify({ service: "hydrating-facial", start: "2026-06-10T11:00:00+01:00" }),
    });
    expect(booking.status).toBe(409);
    expect((await body(booking)).error.code).toBe("booking.slot_taken");

    const diary = await body(await call("/admin/calendar?from=2026-06-10&to=2026-06-10", { headers: owner.headers }));
    expect(diary.trainingSessions).toEqual([
      expect.objectContaining({ cohortId: cohort.cohortId, courseTitle: "Dermal filler foundation", start: "2026-06-10T08:30:00.000Z", end: "2026-06-10T12:00:00.000Z", room: "Treatment room 1" }),
    ]);

    await updateCohort(cohort.cohortId, { sessions: [{ date: "2026-06-11", start: "14:00", end: "18:00", room: "Treatment room 1" }] }, new Date(START.getTime() + 60_000));
    await platform().bus.idle();
    expect(await facialSlots("2026-06-10")).toEqual(before);
    expect((await facialSlots("2026-06-11")).filter((t: string) => t >= "14:00")).toEqual([]);

    await updateCohort(cohort.cohortId, { published: false }, new Date(START.getTime() + 120_000));
    await platform().bus.idle();
    expect((await facialSlots("2026-06-11"))).toContain("14:00");
  });
});

describe("announcements arriving out of order", () => {
  it("an older announcement never replaces a newer one", async () => {
    const data = (date: string) => ({
      cohortId: "cohort-order",
      courseId: "course-order",
      courseTitle: "Skin boosters",
      sessions: [{ sessionId: `s-${date}`, start: `${date}T09:00:00.000Z`, end: `${date}T12:00:00.000Z`, room: "Room 2" }],
    });
    await publish(Events.CohortSessionsChanged, data("2026-06-24"), { occurredAt: new Date("2026-06-01T10:00:00Z") });
    await platform().bus.idle();
    await publish(Events.CohortSessionsChanged, data("2026-06-23"), { occurredAt: new Date("2026-06-01T09:30:00Z") });
    await platform().bus.idle();
    const diary = await body(await call("/admin/calendar?from=2026-06-22&to=2026-06-26", { headers: owner.headers }));
    expect(diary.trainingSessions.map((s: { start: string }) => s.start)).toEqual(["2026-06-24T09:00:00.000Z"]);
  });
});
