import * as z from "zod";
import { ulid } from "ulid";
import { conflict, notFound } from "@mas/core/errors";
import { db } from "../entities";
import { COURSE_LEVELS, type CourseStatus } from "../entities/course";
import type { EntityItem } from "electrodb";
import type { Course } from "../entities/course";

export type CourseItem = EntityItem<typeof Course>;

const slug = z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lower-case words joined by hyphens").min(3).max(80);

/** Every field of a course, none defaulted: changes name only what they change. */
const courseFields = {
  title: z.string().trim().min(3).max(120),
  slug,
  summary: z.string().trim().min(1).max(300),
  description: z.string().trim().max(20_000),
  level: z.enum(COURSE_LEVELS),
  priceInPence: z.number().int().min(0).max(10_000_000),
  vatNote: z.string().trim().max(200),
  prerequisiteCourseIds: z.array(z.string().min(1).max(40)).max(10),
  entryRequirement: z.string().trim().min(1).max(300).optional(),
  certificateValidityMonths: z.number().int().min(1).max(120).optional(),
  coverImageKey: z.string().trim().min(1).max(300).optional(),
  practicalRequired: z.boolean(),
  outcomes: z.array(z.string().trim().min(1).max(200)).max(20),
  audience: z.string().trim().max(300),
  practicalNotes: z.string().trim().max(2000),
  faqs: z.array(z.strictObject({ question: z.string().trim().min(1).max(200), answer: z.string().trim().min(1).max(2000) })).max(30),
  reviews: z.array(z.strictObject({ author: z.string().trim().min(1).max(80), quote: z.string().trim().min(1).max(1000), rating: z.number().int().min(1).max(5) })).max(30),
};

export const CourseInput = z.strictObject({
  ...courseFields,
  description: courseFields.description.default(""),
  vatNote: courseFields.vatNote.default(""),
  prerequisiteCourseIds: courseFields.prerequisiteCourseIds.default([]),
  practicalRequired: courseFields.practicalRequired.default(false),
  outcomes: courseFields.outcomes.default([]),
  audience: courseFields.audience.default(""),
  practicalNotes: courseFields.practicalNotes.default(""),
  faqs: courseFields.faqs.default([]),
  reviews: courseFields.reviews.default([]),
});
export type CourseInput = z.input<typeof CourseInput>;
/** Changes: only what is sent (no defaults filled in, so a patch never blanks a field it did not name). */
export const CourseChanges = z.strictObject(courseFields).partial().omit({ slug: true });

export async function createCourse(input: z.output<typeof CourseInput>, now: Date): Promise<CourseItem> {
  const courseId = ulid();
  const at = now.toISOString();
  const item = { ...input, courseId, status: "draft" as const, createdAt: at, updatedAt: at };
  const result = await db()
    .transaction.write(({ course, courseSlug }) => [
      courseSlug.create({ slug: input.slug, courseId }).commit(),
      course.create(item).commit(),
    ])
    .go();
  if (result.canceled) throw conflict("learning.slug_taken", "Another course already uses that address");
  return (await getCourse(courseId))!;
}

export async function getCourse(courseId: string): Promise<CourseItem | undefined> {
  const { data } = await db().entities.course.get({ courseId }).go({ consistent: true });
  return data ?? undefined;
}

export async function requireCourse(courseId: string): Promise<CourseItem> {
  const course = await getCourse(courseId);
  if (!course) throw notFound("learning.course_not_found", "No such course");
  return course;
}

export async function courseBySlug(slugValue: string): Promise<CourseItem | undefined> {
  const { data } = await db().entities.courseSlug.get({ slug: slugValue }).go();
  return data ? getCourse(data.courseId) : undefined;
}

export async function listCourses(status?: CourseStatus): Promise<CourseItem[]> {
  const { data } = await db().entities.course.query.catalogue({}).go({ pages: "all" });
  return status ? data.filter((c) => c.status === status) : data;
}

export async function updateCourse(courseId: string, changes: z.output<typeof CourseChanges>, now: Date): Promise<CourseItem> {
  await requireCourse(courseId);
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  await db().entities.course.patch({ courseId }).set({ ...defined, updatedAt: now.toISOString() }).go();
  return (await getCourse(courseId))!;
}

export async function setCourseStatus(courseId: string, status: CourseStatus, now: Date): Promise<CourseItem> {
  await requireCourse(courseId);
  await db().entities.course.patch({ courseId }).set({ status, updatedAt: now.toISOString() }).go();
  return (await getCourse(courseId))!;
}

/** What anyone may see of a course (no internal keys). */
export function coursePublicView(course: CourseItem) {
  const { courseId, slug: s, title, summary, description, level, priceInPence, vatNote, prerequisiteCourseIds, entryRequirement, certificateValidityMonths, coverImageKey, practicalRequired } = course;
  return {
    courseId, slug: s, title, summary, description, level, priceInPence, vatNote, prerequisiteCourseIds, entryRequirement, certificateValidityMonths, coverImageKey, practicalRequired,
    outcomes: course.outcomes ?? [],
    audience: course.audience ?? "",
    practicalNotes: course.practicalNotes ?? "",
    faqs: (course.faqs ?? []).map(({ question, answer }) => ({ question, answer })),
    reviews: (course.reviews ?? []).map(({ author, quote, rating }) => ({ author, quote, rating })),
  };
}
