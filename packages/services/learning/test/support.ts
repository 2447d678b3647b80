import { afterAll, beforeAll, expect } from "vitest";
import { clock } from "@mas/core/shared/clock";
import { platform } from "../../../local/test/harness";
import { json, signUp, type TestUser } from "../../accounts/test/support";
import { app } from "../src/app";

export { json, signUp, type TestUser };

/**
 * Learning's route-test helpers. The clock follows the local scheduler's manual clock
 * (2026-06-01 09:00 UTC at the start of each file). Every response `call` receives is
 * kept, so a file can assert at the end that no student or public response ever carried an
 * answer key (`expectNoAnswerKeysLeaked`).
 */
export function useSchedulerClock(): void {
  beforeAll(() => clock.use(() => platform().scheduler.now()));
}

export const anonymous = { headers: {} as Record<string, string> };

export const seen: { path: string; status: number; text: string }[] = [];

export async function call(path: string, init?: RequestInit): Promise<Response> {
  const res = await app.request(`/api/learning${path}`, init);
  const text = await res.clone().text();
  seen.push({ path, status: res.status, text });
  return res;
}

export async function body<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Explanations planted in every test question: they must only ever appear in owner (admin) responses. */
export const KEY_MARKER = "ANSWER-KEY-EXPLANATION";

/** A response without the review an attempt has earned (a pass, or the last attempt): anything else still counts as a leak. */
function withoutEarnedReview(text: string): string {
  try {
    const parsed = JSON.parse(text) as { attempt?: { review?: unknown; result?: { passed?: boolean; finalAttempt?: boolean } } };
    const attempt = parsed.attempt;
    if (attempt?.review && (attempt.result?.passed === true || attempt.result?.finalAttempt === true)) return JSON.stringify({ ...parsed, attempt: { ...attempt, review: null } });
  } catch {
    // not JSON: scanned as it is
  }
  return text;
}

/** Registers the scan: run in every route-test file that touches assessments. */
export function expectNoAnswerKeysLeaked(): void {
  afterAll(() => {
    const leaks = seen.filter((r) => !r.path.startsWith("/admin/") && (r.text.includes("correctOptionIds") || withoutEarnedReview(r.text).includes(KEY_MARKER)));
    expect(leaks.map((r) => r.path)).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
  });
}

export const post = (path: string, payload: unknown, as: { headers: Record<string, string> }) => call(path, json("POST", payload, as));
export const patch = (path: string, payload: unknown, as: { headers: Record<string, string> }) => call(path, json("PATCH", payload, as));
export const put = (path: string, payload: unknown, as: { headers: Record<string, string> }) => call(path, json("PUT", payload, as));
export const get = (path: string, as: { headers: Record<string, string> } = anonymous) => call(path, { headers: as.headers });

async function ok<T = any>(res: Promise<Response>, status = 201): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`${r.status} ${await r.text()}`);
  return r.status === 204 ? (undefined as T) : body<T>(r);
}

export interface BuiltCourse {
  courseId: string;
  slug: string;
  moduleIds: [string, string];
  lessonIds: [string, string, string];
  bankId: string;
  assessmentId: string;
  questionIds: { single: string; multiple: string; trueFalse: string };
  cohortId?: string;
}

let counter = 0;

/**
 * A course built through the owner's routes: two modules, three lessons (the first a free
 * preview, the third optional), a bank of three questions and a final assessment (pass mark
 * 60 %), optionally a cohort and published.
 */
export async function buildCourse(
  owner: TestUser,
  options: { priceInPence?: number; publish?: boolean; cohort?: { capacity: number; sessions?: unknown[] }; assessment?: Record<string, unknown>; course?: Record<string, unknown> } = {},
): Promise<BuiltCourse> {
  const slug = `course-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  const { course } = await ok(
    post("/admin/courses", { title: `Course ${counter}`, slug, summary: "Learn it", level: "foundation", priceInPence: options.priceInPence ?? 0, ...options.course }, owner),
  );
  const courseId = course.courseId as string;
  const m1 = (await ok(post(`/admin/courses/${courseId}/modules`, { title: "Basics" }, owner))).module.moduleId;
  const m2 = (await ok(post(`/admin/courses/${courseId}/modules`, { title: "Practice" }, owner))).module.moduleId;
  const l1 = (await ok(post(`/admin/courses/${courseId}/modules/${m1}/lessons`, { title: "Anatomy", kind: "text", body: "Facial anatomy", freePreview: true }, owner))).lesson.lessonId;
  const l2 = (await ok(post(`/admin/courses/${courseId}/modules/${m1}/lessons`, { title: "Products", kind: "video", embedUrl: "https://video.example/embed/1" }, owner))).lesson.lessonId;
  const l3 = (await ok(post(`/admin/courses/${courseId}/modules/${m2}/lessons`, { title: "Further reading", kind: "pdf", required: false }, owner))).lesson.lessonId;
  const bankId = (await ok(post(`/admin/courses/${courseId}/banks`, { title: "Final bank" }, owner))).bank.bankId;
  const q = (payload: object) => ok(post(`/admin/courses/${courseId}/banks/${bankId}/questions`, { explanation: KEY_MARKER, ...payload }, owner));
  const single = (await q({ kind: "single", prompt: "Which muscle?", options: [{ optionId: "a", text: "Frontalis" }, { optionId: "b", text: "Masseter" }], correctOptionIds: ["a"] })).question.questionId;
  const multiple = (
    await q({ kind: "multiple", prompt: "Which are risks?", options: ["a", "b", "c", "d"].map((o) => ({ optionId: o, text: `Risk ${o}` })), correctOptionIds: ["a", "b"], points: 2 })
  ).question.questionId;
  const trueFalse = (await q({ kind: "true_false", prompt: "Aspirate first?", correctOptionIds: ["true"] })).question.questionId;
  const assessmentId = (await ok(post(`/admin/courses/${courseId}/assessments`, { title: "Final", bankId, passMarkPercent: 60, ...options.assessment }, owner))).assessment.assessmentId;
  let cohortId: string | undefined;
  if (options.cohort) {
    cohortId = (await ok(post(`/admin/courses/${courseId}/cohorts`, { name: "June", capacity: options.cohort.capacity, sessions: options.cohort.sessions ?? [], published: true }, owner))).cohort.cohortId;
  }
  if (options.publish !== false) await ok(post(`/admin/courses/${courseId}/status`, { status: "published" }, owner), 200);
  return { courseId, slug, moduleIds: [m1, m2], lessonIds: [l1, l2, l3], bankId, assessmentId, questionIds: { single, multiple, trueFalse }, ...(cohortId ? { cohortId } : {}) };
}

export async function enrolIn(student: TestUser, courseId: string, extra: Record<string, unknown> = {}): Promise<any> {
  return ok(post("/enrollments", { courseId, ...extra }, student));
}

/** Waits until the local bus is quiet. */
export async function settle(): Promise<void> {
  await platform().bus.idle();
}

export function published<T = any>(name: string): T[] {
  return platform()
    .bus.published.filter((e) => e["detail-type"] === name)
    .map((e) => ((typeof e.detail === "string" ? JSON.parse(e.detail) : e.detail) as { data: T }).data);
}
