import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { anonymous, body, buildCourse, get, patch, post, signUp, type BuiltCourse, type TestUser, useSchedulerClock } from "../../learning/test/support";
import { mailTo, settle } from "./support";

/**
 * Register interest → a cohort opens → one mail to each note, through learning's real routes,
 * its outbox and the local bus: published with the cohort, published later, redelivered, and
 * a second cohort opening all mail a note once in all.
 */
useSchedulerClock();

const SUBJECT = (title: string) => `Places are open on ${title}`;
let owner: TestUser;
let course: BuiltCourse;
let title: string;
const register = (payload: Record<string, unknown>, headers: Record<string, string> = {}) => post(`/courses/${course.slug}/interest`, payload, { headers });

beforeAll(async () => {
  owner = await signUp("owner");
  course = await buildCourse(owner, { cohort: { capacity: 1 } });
  title = (await body(await get(`/courses/${course.slug}`))).course.title;
}, 60_000);

describe("course interest", () => {
  it("is stored once per email and course, answering the same either way; the owner sees the count", async () => {
    const ann = `ann-${randomUUID()}@example.com`;
    expect((await register({ email: ann, name: "Ann", consent: true })).status).toBe(202);
    expect((await register({ email: ann.toUpperCase(), consent: true })).status).toBe(202);
    const detail = await body(await get(`/admin/courses/${course.courseId}`, owner));
    expect(detail.interestCount).toBe(1);
  });

  it("refuses bad input with 4xx and field messages, and an unknown or draft course with 404", async () => {
    const noConsent = await register({ email: "bob@example.com", consent: false });
    expect(noConsent.status).toBe(400);
    expect((await body(noConsent)).error.fields.consent).toMatch(/Tick the box/);
    expect((await register({ email: "not-an-email", consent: true })).status).toBe(400);
    expect((await register({ email: "bob@example.com", consent: true, phone: "07700900000" })).status).toBe(400);
    expect((await post("/courses/no-such-course/interest", { email: "bob@example.com", consent: true }, anonymous)).status).toBe(404);
    expect((await post("/courses/Bad Slug!/interest", { email: "bob@example.com", consent: true }, anonymous)).status).toBe(400);
    const draft = await buildCourse(owner, { publish: false });
    expect((await post(`/courses/${draft.slug}/interest`, { email: "bob@example.com", consent: true }, anonymous)).status).toBe(404);
  });

  it("is rate-limited per source address (429 with Retry-After)", async () => {
    const from = { "x-mas-viewer-ip": `203.0.113.${Math.floor(Math.random() * 200) + 1}` };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await register({ email: `flood-${i}-${randomUUID()}@example.com`, consent: true }, from)).status);
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    const refused = await register({ email: `flood-x@example.com`, consent: true }, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("a cohort opening mails every note once; redelivery and a second opening send nothing more", async () => {
    const cat = `cat-${randomUUID()}@example.com`;
    const dan = `dan-${randomUUID()}@example.com`;
    await register({ email: cat, name: "Cat", consent: true });
    await register({ email: dan, consent: true });
    expect(await mailTo(cat)).toEqual([]);

    // A draft cohort is not an opening; publishing it is.
    const draft = await post(`/admin/courses/${course.courseId}/cohorts`, { name: "September", capacity: 6, sessions: [{ date: "2026-09-14", start: "09:30", end: "16:30", room: "Training room" }] }, owner);
    const cohortId = (await body(draft)).cohort.cohortId;
    await settle();
    expect(await mailTo(cat)).toEqual([]);
    expect((await patch(`/admin/cohorts/${cohortId}`, { published: true }, owner)).status).toBe(200);
    await settle();

    const mails = await mailTo(cat);
    expect(mails.map((m) => m.subject)).toEqual([SUBJECT(title)]);
    expect(mails[0]!.body.text).toContain("Hello Cat,");
    expect(mails[0]!.body.text).toContain(`/courses/${course.slug}`);
    expect((await mailTo(dan)).map((m) => m.body.text?.includes("Hello there,"))).toEqual([true]);

    const opened = platform().bus.published.filter((e) => e["detail-type"] === "cohort.opened").map((e) => (typeof e.detail === "string" ? JSON.parse(e.detail) : e.detail));
    const event = opened.find((e) => e.data.cohortId === cohortId);
    expect(event.data).toMatchObject({ courseId: course.courseId, courseSlug: course.slug, cohortName: "September", firstSessionDate: "2026-09-14" });

    // The same event again (at-least-once delivery), and a later cohort: no more mail.
    await publish(Events.CohortOpened, event.data, { id: event.id, occurredAt: new Date(event.occurredAt) });
    await post(`/admin/courses/${course.courseId}/cohorts`, { name: "January", capacity: 6, published: true }, owner);
    await settle();
    expect((await mailTo(cat)).length).toBe(1);
    expect((await mailTo(dan)).length).toBe(1);
  });
});
