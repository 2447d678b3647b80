import { beforeAll, describe, expect, it } from "vitest";
import { anonymous, body, buildCourse, call, expectNoAnswerKeysLeaked, get, patch, post, put, signUp, type BuiltCourse, type TestUser, useSchedulerClock } from "./support";

useSchedulerClock();
expectNoAnswerKeysLeaked();

let owner: TestUser;
let student: TestUser;
let client: TestUser;
let course: BuiltCourse;
let draft: BuiltCourse;

beforeAll(async () => {
  [owner, student, client] = await Promise.all([signUp("owner"), signUp("student"), signUp("client")]);
  course = await buildCourse(owner, { priceInPence: 45_000 });
  draft = await buildCourse(owner, { publish: false });
}, 60_000);

describe("public catalogue", () => {
  it("lists only published courses", async () => {
    const res = await get("/courses");
    expect(res.status).toBe(200);
    const slugs = (await body(res)).courses.map((c: { slug: string }) => c.slug);
    expect(slugs).toContain(course.slug);
    expect(slugs).not.toContain(draft.slug);
  });

  it("shows a published course's outline without lesson content; a draft is 404", async () => {
    const res = await get(`/courses/${course.slug}`);
    expect(res.status).toBe(200);
    const page = await body(res);
    expect(page.course).toMatchObject({ courseId: course.courseId, priceInPence: 45_000 });
    expect(page.modules.map((m: { lessons: unknown[] }) => m.lessons.length)).toEqual([2, 1]);
    expect(JSON.stringify(page.modules)).not.toContain("Facial anatomy");
    expect((await get(`/courses/${draft.slug}`)).status).toBe(404);
  });

  it.each([
    ["anonymous", () => anonymous],
    ["a student", () => student],
  ])("%s reads a free-preview lesson, never another lesson", async (_, who) => {
    const preview = await get(`/courses/${course.slug}/lessons/${course.lessonIds[0]}`, who());
    expect(preview.status).toBe(200);
    expect((await body(preview)).lesson.body).toBe("Facial anatomy");
    expect((await get(`/courses/${course.slug}/lessons/${course.lessonIds[1]}`, who())).status).toBe(404);
    expect((await get(`/courses/${draft.slug}/lessons/${draft.lessonIds[0]}`, who())).status).toBe(404);
  });

  it("sells with outcomes, audience, FAQs, reviews and practical notes; a patch changes only what it names", async () => {
    const selling = await buildCourse(owner, {
      course: { outcomes: ["Treat forehead lines"], audience: "Registered nurses", practicalNotes: "Bring ID", faqs: [{ question: "Models?", answer: "Provided" }], reviews: [{ author: "Hannah", quote: "Clear", rating: 5 }], description: "Long text", vatNote: "VAT exempt" },
    });
    const before = (await body(await get(`/courses/${selling.slug}`))).course;
    expect(before).toMatchObject({ outcomes: ["Treat forehead lines"], audience: "Registered nurses", practicalNotes: "Bring ID", faqs: [{ question: "Models?", answer: "Provided" }], reviews: [{ author: "Hannah", quote: "Clear", rating: 5 }] });
    expect((await patch(`/admin/courses/${selling.courseId}`, { title: "Renamed selling course" }, owner)).status).toBe(200);
    const after = (await body(await get(`/courses/${selling.slug}`))).course;
    expect(after).toEqual({ ...before, title: "Renamed selling course" });
    const bad = await patch(`/admin/courses/${selling.courseId}`, { reviews: [{ author: "X", quote: "Y", rating: 9 }] }, owner);
    expect(bad.status).toBe(400);
  });

  it("rejects malformed slugs and ids with 400", async () => {
    expect((await get("/courses/NOT%20A%20SLUG")).status).toBe(400);
    expect((await get(`/courses/${course.slug}/lessons/${"x".repeat(80)}`)).status).toBe(400);
  });
});

describe("owner routes × roles", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/admin/courses"],
    ["POST", "/admin/courses", { title: "X course", slug: "x-course", summary: "x", level: "foundation", priceInPence: 0 }],
    ["GET", "/admin/courses/COURSE"],
    ["PATCH", "/admin/courses/COURSE", { title: "Renamed course" }],
    ["POST", "/admin/courses/COURSE/status", { status: "published" }],
    ["POST", "/admin/courses/COURSE/cohorts", { name: "X", capacity: 4 }],
    ["POST", "/admin/courses/COURSE/modules", { title: "X" }],
    ["GET", "/admin/courses/COURSE/banks"],
    ["GET", "/admin/courses/COURSE/assessments"],
    ["GET", "/admin/courses/COURSE/enrollments"],
    ["GET", "/admin/courses/COURSE/report"],
    ["GET", "/admin/reports/courses"],
    ["PATCH", "/admin/cohorts/COHORT", { capacity: 20 }],
    ["PUT", "/admin/courses/COURSE/modules/order", { order: ["MODULE"] }],
    ["PATCH", "/admin/courses/COURSE/modules/MODULE", { title: "Renamed" }],
    ["DELETE", "/admin/courses/COURSE/modules/MODULE"],
    ["POST", "/admin/courses/COURSE/modules/MODULE/lessons", { title: "New", kind: "text" }],
    ["PUT", "/admin/courses/COURSE/modules/MODULE/lessons/order", { order: ["LESSON"] }],
    ["PATCH", "/admin/courses/COURSE/lessons/LESSON", { title: "Renamed" }],
    ["POST", "/admin/courses/COURSE/lessons/LESSON/move", { moduleId: "MODULE", position: 0 }],
    ["DELETE", "/admin/courses/COURSE/lessons/LESSON"],
    ["PUT", "/admin/courses/COURSE/lessons/LESSON/captions", { vtt: "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n" }],
    ["DELETE", "/admin/courses/COURSE/lessons/LESSON/captions"],
    ["POST", "/admin/courses/COURSE/banks", { title: "Bank" }],
    ["POST", "/admin/courses/COURSE/banks/BANK/questions", { kind: "true_false", prompt: "?", correctOptionIds: ["true"] }],
    ["DELETE", "/admin/courses/COURSE/banks/BANK/questions/QUESTION"],
    ["POST", "/admin/courses/COURSE/assessments", { title: "Quiz", bankId: "BANK", passMarkPercent: 50 }],
    ["POST", "/admin/enrollments", { courseId: "COURSE", userId: "USER" }],
    ["POST", "/admin/enrollments/ENROLMENT/transfer", { cohortId: "COHORT" }],
    ["PUT", "/admin/enrollments/ENROLMENT/attendance", { attended: true }],
    ["PUT", "/admin/enrollments/ENROLMENT/entry", { confirmed: true }],
    ["GET", "/admin/enrollments/ENROLMENT/attempts"],
    ["PUT", "/admin/attempts/ATTEMPT/marks", { marks: {} }],
    ["POST", "/admin/certificates/CERTIFICATE/revoke", { reason: "Issued in error" }],
  ];
  const fill = (text: string) =>
    text
      .replaceAll("COURSE", course.courseId)
      .replaceAll("COHORT", "01COHORTUNKNOWN")
      .replaceAll("MODULE", course.moduleIds[0])
      .replaceAll("LESSON", course.lessonIds[0])
      .replaceAll("BANK", course.bankId)
      .replaceAll("QUESTION", course.questionIds.single)
      .replaceAll("ENROLMENT", "01ENROLMENTUNKNOWN")
      .replaceAll("ATTEMPT", "01ATTEMPTUNKNOWN")
      .replaceAll("CERTIFICATE", "AAAAAAAAAAAAAAAAAAAA")
      .replaceAll("USER", student.userId);
  const send = (method: string, path: string, payload: unknown, who: { headers: Record<string, string> }) =>
    call(fill(path), { method, headers: { "content-type": "application/json", ...who.headers }, ...(payload ? { body: fill(JSON.stringify(payload)) } : {}) });

  it.each(routes)("%s %s: anonymous 401, student 403, client 403", async (method, path, payload) => {
    expect((await send(method, path, payload, anonymous)).status).toBe(401);
    expect((await send(method, path, payload, student)).status).toBe(403);
    expect((await send(method, path, payload, client)).status).toBe(403);
  });

  it.each([
    ["POST", "/admin/courses", { title: "X", slug: "Bad Slug", summary: "x", level: "foundation", priceInPence: 0 }],
    ["POST", "/admin/courses", { title: "Xyz", slug: "neg-price", summary: "x", level: "foundation", priceInPence: -1 }],
    ["POST", "/admin/courses", { title: "Xyz", slug: "extra-key", summary: "x", level: "foundation", priceInPence: 0, courseId: "mine" }],
    ["POST", "/admin/courses/COURSE/status", { status: "live" }],
    ["POST", "/admin/courses/COURSE/cohorts", { name: "X", capacity: 0 }],
    ["POST", "/admin/courses/COURSE/cohorts", { name: "X", capacity: 3, sessions: [{ date: "2026-02-30", start: "09:00", end: "17:00", room: "Clinic" }] }],
    ["POST", "/admin/courses/COURSE/cohorts", { name: "X", capacity: 3, sessions: [{ date: "2026-07-01", start: "17:00", end: "09:00", room: "Clinic" }] }],
    ["POST", "/admin/courses/COURSE/modules", { title: "" }],
  ])("owner %s %s with bad input → 400", async (method, path, payload) => {
    const res = await send(method, path, payload, owner);
    expect(res.status).toBe(400);
    expect((await body(res)).error.code).toBe("validation_failed");
  });

  it("a slug is taken once (409); unknown course ids are 404", async () => {
    const again = await post("/admin/courses", { title: "Again", slug: course.slug, summary: "x", level: "foundation", priceInPence: 0 }, owner);
    expect(again.status).toBe(409);
    expect((await body(again)).error.code).toBe("learning.slug_taken");
    expect((await get("/admin/courses/01NOSUCHCOURSE", owner)).status).toBe(404);
    expect((await patch("/admin/courses/01NOSUCHCOURSE", { title: "Nope nope" }, owner)).status).toBe(404);
  });
});

describe("curriculum builder", () => {
  const outline = async (c: BuiltCourse) => {
    const detail = await body(await get(`/admin/courses/${c.courseId}`, owner));
    return detail.modules.map((m: { title: string; lessons: { title: string; position: number }[] }) => [m.title, m.lessons.map((l) => l.title)]);
  };

  it("reorders modules and lessons, moves a lesson between modules, deletes", async () => {
    const c = await buildCourse(owner, { publish: false });
    expect(await outline(c)).toEqual([["Basics", ["Anatomy", "Products"]], ["Practice", ["Further reading"]]]);

    expect((await put(`/admin/courses/${c.courseId}/modules/order`, { order: [c.moduleIds[1], c.moduleIds[0]] }, owner)).status).toBe(204);
    expect((await put(`/admin/courses/${c.courseId}/modules/${c.moduleIds[0]}/lessons/order`, { order: [c.lessonIds[1], c.lessonIds[0]] }, owner)).status).toBe(204);
    expect(await outline(c)).toEqual([["Practice", ["Further reading"]], ["Basics", ["Products", "Anatomy"]]]);

    expect((await post(`/admin/courses/${c.courseId}/lessons/${c.lessonIds[0]}/move`, { moduleId: c.moduleIds[1], position: 0 }, owner)).status).toBe(204);
    expect(await outline(c)).toEqual([["Practice", ["Anatomy", "Further reading"]], ["Basics", ["Products"]]]);

    const notEmpty = await call(`/admin/courses/${c.courseId}/modules/${c.moduleIds[0]}`, { method: "DELETE", headers: owner.headers });
    expect(notEmpty.status).toBe(422);
    expect((await call(`/admin/courses/${c.courseId}/lessons/${c.lessonIds[1]}`, { method: "DELETE", headers: owner.headers })).status).toBe(204);
    expect((await call(`/admin/courses/${c.courseId}/modules/${c.moduleIds[0]}`, { method: "DELETE", headers: owner.headers })).status).toBe(204);
    expect(await outline(c)).toEqual([["Practice", ["Anatomy", "Further reading"]]]);
  });

  it("refuses an order that does not name every item exactly once (422)", async () => {
    const c = await buildCourse(owner, { publish: false });
    const res = await put(`/admin/courses/${c.courseId}/modules/order`, { order: [c.moduleIds[0], c.moduleIds[0]] }, owner);
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe("learning.order_mismatch");
  });

  it("saves a lesson order all at once: simultaneous reorders never leave two lessons in one place", async () => {
    const c = await buildCourse(owner, { publish: false });
    const path = `/admin/courses/${c.courseId}/modules/${c.moduleIds[0]}/lessons/order`;
    const [a, b] = [c.lessonIds[0]!, c.lessonIds[1]!];
    const answers = await Promise.all([put(path, { order: [b, a] }, owner), put(path, { order: [b, a] }, owner), put(path, { order: [a, b] }, owner)]);
    for (const res of answers) expect([204, 409]).toContain(res.status);
    const conflicts = answers.filter((r) => r.status === 409);
    for (const res of conflicts) expect((await body(res)).error.code).toBe("learning.order_changed");
    const detail = await body(await get(`/admin/courses/${c.courseId}`, owner));
    const basics = detail.modules.find((m: { moduleId: string }) => m.moduleId === c.moduleIds[0]);
    expect(basics.lessons.map((l: { position: number }) => l.position)).toEqual([0, 1]);
    expect(new Set(basics.lessons.map((l: { lessonId: string }) => l.lessonId))).toEqual(new Set([a, b]));
  });

  it.each<[string, (c: BuiltCourse) => [string, unknown], number]>([
    ["a lesson of another module in a lesson order", (c) => [`/admin/courses/${c.courseId}/modules/${c.moduleIds[0]}/lessons/order`, { order: [c.lessonIds[0], c.lessonIds[2]] }], 422],
    ["a lesson named twice", (c) => [`/admin/courses/${c.courseId}/modules/${c.moduleIds[0]}/lessons/order`, { order: [c.lessonIds[0], c.lessonIds[0]] }], 422],
    ["an empty order", (c) => [`/admin/courses/${c.courseId}/modules/order`, { order: [] }], 400],
    ["more than 100 items", (c) => [`/admin/courses/${c.courseId}/modules/order`, { order: Array.from({ length: 101 }, (_, i) => `m${i}`) }], 400],
    ["an order that is not a list", (c) => [`/admin/courses/${c.courseId}/modules/order`, { order: "a,b" }], 400],
    ["an unknown field", (c) => [`/admin/courses/${c.courseId}/modules/order`, { order: c.moduleIds, by: "drag" }], 400],
  ])("refuses %s", async (_, build, status) => {
    const c = await buildCourse(owner, { publish: false });
    const [path, payload] = build(c);
    expect((await put(path, payload, owner)).status).toBe(status);
  });

  it("refuses questions whose answer key is not among the options (400)", async () => {
    const res = await post(`/admin/courses/${course.courseId}/banks/${course.bankId}/questions`, { kind: "single", prompt: "?", options: [{ optionId: "a", text: "A" }, { optionId: "b", text: "B" }], correctOptionIds: ["z"] }, owner);
    expect(res.status).toBe(400);
    const two = await post(`/admin/courses/${course.courseId}/banks/${course.bankId}/questions`, { kind: "single", prompt: "?", options: [{ optionId: "a", text: "A" }, { optionId: "b", text: "B" }], correctOptionIds: ["a", "b"] }, owner);
    expect(two.status).toBe(400);
  });
});

describe("cohorts", () => {
  it("the owner edits a cohort; capacity cannot drop below the places taken (422); unknown cohort 404", async () => {
    const c = await buildCourse(owner, { cohort: { capacity: 3 } });
    const [s1, s2] = await Promise.all([signUp("student"), signUp("student")]);
    for (const s of [s1, s2]) expect((await post("/enrollments", { courseId: c.courseId, cohortId: c.cohortId }, s)).status).toBe(201);
    const tooSmall = await patch(`/admin/cohorts/${c.cohortId}`, { capacity: 1 }, owner);
    expect(tooSmall.status).toBe(422);
    expect((await body(tooSmall)).error.code).toBe("learning.capacity_below_enrolled");
    const renamed = await patch(`/admin/cohorts/${c.cohortId}`, { name: "July", capacity: 2, sessions: [{ date: "2026-07-15", start: "09:30", end: "16:30", room: "Room 2" }] }, owner);
    expect(renamed.status).toBe(200);
    expect((await body(renamed)).cohort).toMatchObject({ name: "July", capacity: 2, seatsTaken: 2, placesLeft: 0, sessions: [expect.objectContaining({ date: "2026-07-15", room: "Room 2" })] });
    expect((await patch(`/admin/cohorts/01NOSUCHCOHORT`, { name: "X" }, owner)).status).toBe(404);
    expect((await patch(`/admin/cohorts/${c.cohortId}`, { capacity: "lots" }, owner)).status).toBe(400);
  });
});
