import { beforeAll, describe, expect, it } from "vitest";
import { anonymous, body, buildCourse, call, enrolIn, get, json, post, put, signUp, type BuiltCourse, type TestUser, useSchedulerClock } from "./support";

/** Captions of video lessons: the owner uploads a WebVTT file; students (and free-preview visitors) read it same-origin. */
useSchedulerClock();

const VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to the course.\n";
let owner: TestUser;
let student: TestUser;
let stranger: TestUser;
let course: BuiltCourse;
let enrollmentId: string;
let previewVideo: string;

const del = (path: string, as: { headers: Record<string, string> }) => call(path, json("DELETE", undefined, as));

beforeAll(async () => {
  [owner, student, stranger] = await Promise.all([signUp("owner"), signUp("student"), signUp("student")]);
  course = await buildCourse(owner);
  enrollmentId = (await enrolIn(student, course.courseId)).enrollment.enrollmentId;
  const added = await post(`/admin/courses/${course.courseId}/modules/${course.moduleIds[0]}/lessons`, { title: "Free video", kind: "video", embedUrl: "https://video.example/embed/2", freePreview: true }, owner);
  previewVideo = (await body(added)).lesson.lessonId;
}, 60_000);

describe("captions", () => {
  const video = () => course.lessonIds[1];
  const captionsPath = () => `/admin/courses/${course.courseId}/lessons/${video()}/captions`;

  it("only the owner uploads; anonymous 401, a student 403", async () => {
    expect((await put(captionsPath(), { vtt: VTT }, anonymous)).status).toBe(401);
    expect((await put(captionsPath(), { vtt: VTT }, student)).status).toBe(403);
  });

  it("refuses what is not WebVTT, a non-video lesson, unknown fields and oversized files with 4xx", async () => {
    const srt = await put(captionsPath(), { vtt: "1\n00:00:01,000 --> 00:00:04,000\nHi\n" }, owner);
    expect(srt.status).toBe(422);
    expect((await body(srt)).error.fields.vtt).toMatch(/WEBVTT/);
    expect((await put(`/admin/courses/${course.courseId}/lessons/${course.lessonIds[0]}/captions`, { vtt: VTT }, owner)).status).toBe(422);
    expect((await put(captionsPath(), { vtt: VTT, lang: "en" }, owner)).status).toBe(400);
    expect((await put(captionsPath(), {}, owner)).status).toBe(400);
    expect((await put(captionsPath(), { vtt: VTT + "x".repeat(300 * 1024) }, owner)).status).toBe(413);
    // Under 256 K characters but over 256 KB in UTF-8: the cap counts bytes.
    expect((await put(captionsPath(), { vtt: VTT + "é".repeat(130 * 1024) }, owner)).status).toBe(413);
    expect((await put(`/admin/courses/${course.courseId}/lessons/01NOSUCHLESSON/captions`, { vtt: VTT }, owner)).status).toBe(404);
  });

  it("a student's lesson names a same-origin captions path that serves text/vtt; others get 404/401", async () => {
    const before = (await body(await get(`/enrollments/${enrollmentId}/lessons/${video()}`, student))).lesson;
    expect(before.captionsUrl).toBeNull();
    expect((await get(`/enrollments/${enrollmentId}/lessons/${video()}/captions`, student)).status).toBe(404);

    const saved = await put(captionsPath(), { vtt: VTT }, owner);
    expect(saved.status).toBe(200);
    expect((await body(saved)).lesson.hasCaptions).toBe(true);

    const { lesson } = await body(await get(`/enrollments/${enrollmentId}/lessons/${video()}`, student));
    expect(lesson.captionsUrl).toBe(`/api/learning/enrollments/${enrollmentId}/lessons/${video()}/captions`);
    expect(lesson).not.toHaveProperty("hasCaptions");
    const track = await get(`/enrollments/${enrollmentId}/lessons/${video()}/captions`, student);
    expect(track.status).toBe(200);
    expect(track.headers.get("content-type")).toMatch(/^text\/vtt/);
    expect(await track.text()).toBe(VTT);
    expect((await get(`/enrollments/${enrollmentId}/lessons/${video()}/captions`, stranger)).status).toBe(404);
    expect((await get(`/enrollments/${enrollmentId}/lessons/${video()}/captions`, anonymous)).status).toBe(401);
    expect((await get(`/enrollments/${enrollmentId}/lessons/bad id!/captions`, student)).status).toBe(400);
  });

  it("replacing and removing captions", async () => {
    const next = "WEBVTT\n\n00:00:02.000 --> 00:00:05.000\nSecond take.\n";
    expect((await put(captionsPath(), { vtt: next }, owner)).status).toBe(200);
    expect(await (await get(`/enrollments/${enrollmentId}/lessons/${video()}/captions`, student)).text()).toBe(next);
    expect((await del(captionsPath(), student)).status).toBe(403);
    expect((await del(captionsPath(), owner)).status).toBe(204);
    expect((await get(`/enrollments/${enrollmentId}/lessons/${video()}/captions`, student)).status).toBe(404);
    expect((await body(await get(`/enrollments/${enrollmentId}/lessons/${video()}`, student))).lesson.captionsUrl).toBeNull();
  });

  it("a free-preview video's captions are public; a locked lesson's are not", async () => {
    expect((await put(`/admin/courses/${course.courseId}/lessons/${previewVideo}/captions`, { vtt: VTT }, owner)).status).toBe(200);
    const { lesson } = await body(await get(`/courses/${course.slug}/lessons/${previewVideo}`));
    expect(lesson.captionsUrl).toBe(`/api/learning/courses/${course.slug}/lessons/${previewVideo}/captions`);
    expect(await (await get(`/courses/${course.slug}/lessons/${previewVideo}/captions`)).text()).toBe(VTT);
    expect((await get(`/courses/${course.slug}/lessons/${video()}/captions`)).status).toBe(404);
  });
});
