import * as z from "zod";
import { unprocessable } from "@mas/core/errors";
import { db } from "../entities";
import { requireLesson, type LessonItem } from "./curriculum";

/**
 * Captions of a video lesson: a WebVTT file the owner uploads in the curriculum builder.
 * Kept as a LessonCaptions item beside the lesson and served by learning itself (same origin
 * as the site), because a `<track>` from another origin loads only with CORS on the bucket
 * and `crossorigin` on the video: a presigned S3 link would silently show no captions.
 */
export const CAPTIONS_MAX_BYTES = 256 * 1024;
const tooLarge = `Captions files are limited to ${CAPTIONS_MAX_BYTES / 1024} KB`;

export const CaptionsInput = z.strictObject({
  vtt: z
    .string()
    .min(1, "Choose a WebVTT (.vtt) file")
    .max(CAPTIONS_MAX_BYTES, tooLarge)
    .refine((text) => Buffer.byteLength(text, "utf8") <= CAPTIONS_MAX_BYTES, tooLarge),
});

/** Why a text is not a usable WebVTT file (undefined when it is): the signature line, then at least one cue timing. */
export function webVttProblem(text: string): string | undefined {
  const body = text.replace(/^\uFEFF/, "");
  if (!/^WEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n|$)/.test(body)) return "A WebVTT file starts with the line WEBVTT";
  if (!/^(?:\d{1,}:)?\d{2}:\d{2}\.\d{3}[ \t]+-->[ \t]+(?:\d{1,}:)?\d{2}:\d{2}\.\d{3}/m.test(body)) return "The file has no cues (lines like 00:00:01.000 --> 00:00:04.000)";
  return undefined;
}

export async function setLessonCaptions(courseId: string, lessonId: string, vtt: string, now: Date): Promise<LessonItem> {
  const lesson = await requireLesson(courseId, lessonId);
  if (lesson.kind !== "video") throw unprocessable("learning.captions_not_video", "Only video lessons take captions", { vtt: "Only video lessons take captions" });
  const problem = webVttProblem(vtt);
  if (problem) throw unprocessable("learning.captions_invalid", problem, { vtt: problem });
  const result = await db()
    .transaction.write(({ lessonCaptions, lesson: l }) => [
      lessonCaptions.put({ courseId, lessonId, vtt, updatedAt: now.toISOString() }).commit(),
      l.patch({ courseId, lessonId }).set({ hasCaptions: true }).commit(),
    ])
    .go();
  if (result.canceled) throw new Error("captions write cancelled");
  return requireLesson(courseId, lessonId);
}

export async function removeLessonCaptions(courseId: string, lessonId: string): Promise<void> {
  await requireLesson(courseId, lessonId);
  const result = await db()
    .transaction.write(({ lessonCaptions, lesson: l }) => [lessonCaptions.delete({ courseId, lessonId }).commit(), l.patch({ courseId, lessonId }).set({ hasCaptions: false }).commit()])
    .go();
  if (result.canceled) throw new Error("captions delete cancelled");
}

/** The stored captions text of a lesson, or undefined when it has none. */
export async function captionsOf(lesson: LessonItem): Promise<string | undefined> {
  if (!lesson.hasCaptions) return undefined;
  const { data } = await db().entities.lessonCaptions.get({ courseId: lesson.courseId, lessonId: lesson.lessonId }).go();
  return data?.vtt;
}
