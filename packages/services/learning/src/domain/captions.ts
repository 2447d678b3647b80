import * as z from "zod";
import { ulid } from "ulid";
import { unprocessable } from "@mas/core/errors";
import { deleteObject, getObject, putObject } from "@mas/core/ports/storage";
import { db } from "../entities";
import { requireLesson, type LessonItem } from "./curriculum";

/**
 * Captions of a video lesson: a WebVTT file the owner uploads in the curriculum builder.
 * It is stored under the course's prefix and served by learning itself (same origin as the
 * site), because a `<track>` from another origin loads only with CORS on the bucket and
 * `crossorigin` on the video: a presigned S3 link would silently show no captions.
 */
export const CAPTIONS_MAX_BYTES = 512 * 1024;

export const CaptionsInput = z.strictObject({
  vtt: z.string().min(1, "Choose a WebVTT (.vtt) file").max(CAPTIONS_MAX_BYTES, `Captions files are limited to ${CAPTIONS_MAX_BYTES / 1024} KB`),
});

/** Why a text is not a usable WebVTT file (undefined when it is): the signature line, then at least one cue timing. */
export function webVttProblem(text: string): string | undefined {
  const body = text.replace(/^\uFEFF/, "");
  if (!/^WEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n|$)/.test(body)) return "A WebVTT file starts with the line WEBVTT";
  if (!/^(?:\d{1,}:)?\d{2}:\d{2}\.\d{3}[ \t]+-->[ \t]+(?:\d{1,}:)?\d{2}:\d{2}\.\d{3}/m.test(body)) return "The file has no cues (lines like 00:00:01.000 --> 00:00:04.000)";
  return undefined;
}

export async function setLessonCaptions(courseId: string, lessonId: string, vtt: string): Promise<LessonItem> {
  const lesson = await requireLesson(courseId, lessonId);
  if (lesson.kind !== "video") throw unprocessable("learning.captions_not_video", "Only video lessons take captions", { vtt: "Only video lessons take captions" });
  const problem = webVttProblem(vtt);
  if (problem) throw unprocessable("learning.captions_invalid", problem, { vtt: problem });
  const key = `courses/${courseId}/captions/${lessonId}-${ulid()}.vtt`;
  await putObject(key, vtt, "text/vtt; charset=utf-8");
  await db().entities.lesson.patch({ courseId, lessonId }).set({ captionsKey: key }).go({ response: "none" });
  if (lesson.captionsKey) await deleteObject(lesson.captionsKey);
  return requireLesson(courseId, lessonId);
}

export async function removeLessonCaptions(courseId: string, lessonId: string): Promise<void> {
  const lesson = await requireLesson(courseId, lessonId);
  if (!lesson.captionsKey) return;
  await db().entities.lesson.patch({ courseId, lessonId }).remove(["captionsKey"]).go({ response: "none" });
  await deleteObject(lesson.captionsKey);
}

/** The stored captions text of a lesson, or undefined when it has none. */
export async function captionsOf(lesson: LessonItem): Promise<string | undefined> {
  if (!lesson.captionsKey) return undefined;
  return new TextDecoder().decode(await getObject(lesson.captionsKey));
}
