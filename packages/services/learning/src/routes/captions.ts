import type { Context } from "hono";
import { notFound } from "@mas/core/errors";
import { captionsOf } from "../domain/captions";
import type { LessonItem } from "../domain/curriculum";

/**
 * Where a lesson's captions are served, as the site's pages reach them (the API is mounted
 * under /api/learning on the site's own origin, so a `<track>` loads them without CORS).
 * These are learning's own routes below, not site pages, so they live here beside them.
 */
const seg = encodeURIComponent;
export const captionsPaths = {
  lesson: (enrollmentId: string, lessonId: string) => `/api/learning/enrollments/${seg(enrollmentId)}/lessons/${seg(lessonId)}/captions`,
  preview: (slug: string, lessonId: string) => `/api/learning/courses/${seg(slug)}/lessons/${seg(lessonId)}/captions`,
};

/** A lesson's WebVTT captions as the `<track>` reads them (private: they are course content). */
export async function captionsResponse(c: Context, lesson: LessonItem): Promise<Response> {
  const text = lesson.kind === "video" ? await captionsOf(lesson) : undefined;
  if (text === undefined) throw notFound("learning.captions_not_found", "This lesson has no captions");
  c.header("Content-Type", "text/vtt; charset=utf-8");
  c.header("Cache-Control", "private, max-age=300");
  c.header("X-Content-Type-Options", "nosniff");
  return c.body(text, 200);
}
