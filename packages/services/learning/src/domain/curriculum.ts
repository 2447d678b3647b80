import * as z from "zod";
import { ulid } from "ulid";
import { conflict, notFound, unprocessable } from "@mas/core/errors";
import type { EntityItem } from "electrodb";
import { db } from "../entities";
import { LESSON_KINDS, type Lesson, type Module } from "../entities/curriculum";
import { requireCourse } from "./courses";
import { isLocalDate } from "@mas/core/shared/time";
import { presignedDownload } from "@mas/core/ports/storage";

/**
 * The curriculum builder: modules and lessons of a course, ordered by `position`. Reorder
 * and move rewrite the positions of the affected siblings to 0…n−1, so the order is always
 * dense and a list's index is its position. Those rewrites are one DynamoDB transaction
 * (at most MAX_ORDERED items), conditioned on the positions read: all or nothing.
 */
export type ModuleItem = EntityItem<typeof Module>;
export type LessonItem = EntityItem<typeof Lesson>;

export const ModuleInput = z.strictObject({ title: z.string().trim().min(1).max(120) });

export const LessonInput = z.strictObject({
  title: z.string().trim().min(1).max(120),
  kind: z.enum(LESSON_KINDS),
  body: z.string().max(50_000).default(""),
  /** Under `courses/` in the files bucket: the only prefix learning may read (stacks/Services.ts). */
  mediaKey: z.string().trim().regex(/^courses\/[A-Za-z0-9/_.-]{1,290}$/, "A key under courses/").optional(),
  embedUrl: z.url({ protocol: /^https$/ }).max(500).optional(),
  checklist: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  estimatedMinutes: z.number().int().min(0).max(600).default(0),
  freePreview: z.boolean().default(false),
  required: z.boolean().default(true),
  dripAfterDays: z.number().int().min(0).max(365).optional(),
  dripOnDate: z.string().refine(isLocalDate, "YYYY-MM-DD").optional(),
});
export const LessonChanges = LessonInput.partial();

export interface Curriculum {
  modules: (ModuleItem & { lessons: LessonItem[] })[];
  /** Every lesson in curriculum order (module order, then lesson order). */
  lessons: LessonItem[];
}

export async function loadCurriculum(courseId: string): Promise<Curriculum> {
  const [modules, lessons] = await Promise.all([
    db().entities.module.query.byCourse({ courseId }).go({ pages: "all" }),
    db().entities.lesson.query.byCourse({ courseId }).go({ pages: "all" }),
  ]);
  const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;
  const ordered = [...modules.data].sort(byPosition).map((m) => ({ ...m, lessons: lessons.data.filter((l) => l.moduleId === m.moduleId).sort(byPosition) }));
  return { modules: ordered, lessons: ordered.flatMap((m) => m.lessons) };
}

export async function addModule(courseId: string, input: z.output<typeof ModuleInput>): Promise<ModuleItem> {
  await requireCourse(courseId);
  const { modules } = await loadCurriculum(courseId);
  const item = { courseId, moduleId: ulid(), title: input.title, position: modules.length };
  await db().entities.module.create(item).go();
  return item;
}

export async function renameModule(courseId: string, moduleId: string, input: z.output<typeof ModuleInput>): Promise<void> {
  await requireModule(courseId, moduleId);
  await db().entities.module.patch({ courseId, moduleId }).set({ title: input.title }).go();
}

async function requireModule(courseId: string, moduleId: string): Promise<ModuleItem> {
  const { data } = await db().entities.module.get({ courseId, moduleId }).go({ consistent: true });
  if (!data) throw notFound("learning.module_not_found", "No such module");
  return data;
}

export async function requireLesson(courseId: string, lessonId: string): Promise<LessonItem> {
  const { data } = await db().entities.lesson.get({ courseId, lessonId }).go({ consistent: true });
  if (!data) throw notFound("learning.lesson_not_found", "No such lesson");
  return data;
}

export async function addLesson(courseId: string, moduleId: string, input: z.output<typeof LessonInput>): Promise<LessonItem> {
  await requireModule(courseId, moduleId);
  const { modules } = await loadCurriculum(courseId);
  const siblings = modules.find((m) => m.moduleId === moduleId)?.lessons ?? [];
  const item = { ...input, courseId, moduleId, lessonId: ulid(), position: siblings.length };
  await db().entities.lesson.create(item).go();
  return requireLesson(courseId, item.lessonId);
}

export async function updateLesson(courseId: string, lessonId: string, changes: z.output<typeof LessonChanges>): Promise<LessonItem> {
  await requireLesson(courseId, lessonId);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  if (Object.keys(defined).length) await db().entities.lesson.patch({ courseId, lessonId }).set(defined).go();
  return requireLesson(courseId, lessonId);
}

/** Puts the modules in the given order; the list must name each module exactly once. */
export async function reorderModules(courseId: string, moduleIds: readonly string[]): Promise<void> {
  const { modules } = await loadCurriculum(courseId);
  assertPermutation(modules.map((m) => m.moduleId), moduleIds);
  const was = new Map(modules.map((m) => [m.moduleId, m.position]));
  const result = await db()
    .transaction.write(({ module }) =>
      moduleIds.map((moduleId, position) =>
        module
          .patch({ courseId, moduleId })
          .set({ position })
          .where((a, { eq }) => eq(a.position, was.get(moduleId)!))
          .commit(),
      ),
    )
    .go();
  if (result.canceled) throw orderChanged();
}

/**
 * Writes lessons' places in one transaction, each on the condition that the lesson is still
 * where it was read: a new order is all saved or not at all, and two owners reordering at
 * once cannot interleave into a muddle (the second is told to reload).
 */
async function placeLessons(courseId: string, was: ReadonlyMap<string, { moduleId: string; position: number }>, places: readonly { lessonId: string; moduleId: string; position: number }[]): Promise<void> {
  const moved = places.filter((p) => was.get(p.lessonId)?.moduleId !== p.moduleId || was.get(p.lessonId)?.position !== p.position);
  if (moved.length === 0) return;
  if (moved.length > MAX_ORDERED) throw unprocessable("learning.too_many_to_move", `A move may shift at most ${MAX_ORDERED} lessons at once`);
  const result = await db()
    .transaction.write(({ lesson }) =>
      moved.map(({ lessonId, moduleId, position }) =>
        lesson
          .patch({ courseId, lessonId })
          .set({ moduleId, position })
          .where((a, { eq }) => `${eq(a.moduleId, was.get(lessonId)!.moduleId)} AND ${eq(a.position, was.get(lessonId)!.position)}`)
          .commit(),
      ),
    )
    .go();
  if (result.canceled) throw orderChanged();
}

/** DynamoDB's limit on one transaction's items. */
export const MAX_ORDERED = 100;

const orderChanged = () => conflict("learning.order_changed", "The curriculum changed while you were reordering it; reload the page and try again");

/** Where every lesson of the course is now (for `placeLessons`' conditions). */
const placesOf = (modules: Curriculum["modules"]) => new Map(modules.flatMap((m) => m.lessons.map((l) => [l.lessonId, { moduleId: l.moduleId, position: l.position }] as const)));

/** Puts a module's lessons in the given order; the list must name each of its lessons exactly once. */
export async function reorderLessons(courseId: string, moduleId: string, lessonIds: readonly string[]): Promise<void> {
  const { modules } = await loadCurriculum(courseId);
  const module = modules.find((m) => m.moduleId === moduleId);
  if (!module) throw notFound("learning.module_not_found", "No such module");
  assertPermutation(module.lessons.map((l) => l.lessonId), lessonIds);
  await placeLessons(courseId, placesOf(modules), lessonIds.map((lessonId, position) => ({ lessonId, moduleId, position })));
}

/** Moves a lesson to another module (or within its own) at `position` (clamped to the end). */
export async function moveLesson(courseId: string, lessonId: string, target: { moduleId: string; position: number }): Promise<void> {
  const lesson = await requireLesson(courseId, lessonId);
  await requireModule(courseId, target.moduleId);
  const { modules } = await loadCurriculum(courseId);
  const source = modules.find((m) => m.moduleId === lesson.moduleId)!.lessons.filter((l) => l.lessonId !== lessonId);
  const destination = target.moduleId === lesson.moduleId ? source : modules.find((m) => m.moduleId === target.moduleId)!.lessons;
  const placed = [...destination];
  placed.splice(Math.min(target.position, placed.length), 0, lesson);
  const writes = placed.map((l, position) => ({ lessonId: l.lessonId, moduleId: target.moduleId, position }));
  if (target.moduleId !== lesson.moduleId) writes.push(...source.map((l, position) => ({ lessonId: l.lessonId, moduleId: lesson.moduleId, position })));
  await placeLessons(courseId, placesOf(modules), writes);
}

export async function deleteLesson(courseId: string, lessonId: string): Promise<void> {
  const lesson = await requireLesson(courseId, lessonId);
  await db().entities.lesson.delete({ courseId, lessonId }).go();
  if (lesson.hasCaptions) await db().entities.lessonCaptions.delete({ courseId, lessonId }).go();
  const { modules } = await loadCurriculum(courseId);
  const rest = modules.find((m) => m.moduleId === lesson.moduleId)?.lessons ?? [];
  await Promise.all(rest.map((l, position) => db().entities.lesson.patch({ courseId, lessonId: l.lessonId }).set({ position }).go()));
}

/** Deletes an empty module (lessons must be moved or deleted first, so nothing is lost by a slip). */
export async function deleteModule(courseId: string, moduleId: string): Promise<void> {
  await requireModule(courseId, moduleId);
  const { modules } = await loadCurriculum(courseId);
  if (modules.find((m) => m.moduleId === moduleId)!.lessons.length > 0) throw unprocessable("learning.module_not_empty", "Move or delete this module's lessons first");
  await db().entities.module.delete({ courseId, moduleId }).go();
  const rest = modules.filter((m) => m.moduleId !== moduleId);
  await Promise.all(rest.map((m, position) => db().entities.module.patch({ courseId, moduleId: m.moduleId }).set({ position }).go()));
}

function assertPermutation(existing: readonly string[], proposed: readonly string[]): void {
  const same = existing.length === proposed.length && new Set(proposed).size === proposed.length && proposed.every((id) => existing.includes(id));
  if (!same) throw unprocessable("learning.order_mismatch", "Name every item exactly once", { order: "Must list each item exactly once" });
}

/** A lesson as the outline shows it (no content). */
export function lessonOutline(l: LessonItem) {
  return { lessonId: l.lessonId, moduleId: l.moduleId, title: l.title, kind: l.kind, estimatedMinutes: l.estimatedMinutes ?? 0, freePreview: l.freePreview ?? false, required: l.required ?? true, dripAfterDays: l.dripAfterDays, dripOnDate: l.dripOnDate, position: l.position };
}

/** How long a lesson's media link works: long enough to start a video, short enough not to be worth sharing. */
export const MEDIA_URL_SECONDS = 15 * 60;

/**
 * A lesson with its content for a learner: the S3 key becomes a short-lived presigned URL.
 * `captionsUrl` is the site path the calling route serves the captions from (same origin,
 * so a `<track>` loads it), given only when the lesson has captions.
 */
export async function lessonContent(l: LessonItem, captionsPath?: string) {
  return {
    ...lessonOutline(l),
    body: l.body ?? "",
    embedUrl: l.embedUrl,
    mediaUrl: l.mediaKey ? await presignedDownload(l.mediaKey, MEDIA_URL_SECONDS) : null,
    captionsUrl: l.kind === "video" && l.hasCaptions && captionsPath ? captionsPath : null,
    checklist: l.checklist ?? [],
  };
}
