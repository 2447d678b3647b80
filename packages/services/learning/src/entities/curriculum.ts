import { Entity } from "electrodb";

/**
 * The curriculum lives in the course's partition: modules and lessons keyed by the course,
 * ordered by `position` (the builder rewrites positions on reorder/move).
 */
export const Module = new Entity({
  model: { entity: "courseModule", version: "1", service: "mas" },
  attributes: {
    courseId: { type: "string", required: true },
    moduleId: { type: "string", required: true },
    title: { type: "string", required: true },
    position: { type: "number", required: true },
  },
  indexes: {
    byCourse: {
      pk: { field: "pk", composite: ["courseId"] },
      sk: { field: "sk", composite: ["moduleId"] },
    },
  },
});

export const LESSON_KINDS = ["video", "text", "pdf", "checklist"] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export const Lesson = new Entity({
  model: { entity: "lesson", version: "1", service: "mas" },
  attributes: {
    courseId: { type: "string", required: true },
    lessonId: { type: "string", required: true },
    moduleId: { type: "string", required: true },
    title: { type: "string", required: true },
    kind: { type: LESSON_KINDS, required: true },
    /** Rich text (text lessons) or the introduction of the others. */
    body: { type: "string", default: "" },
    /** S3 key of a video/PDF, served by a short-lived presigned URL. */
    mediaKey: { type: "string" },
    /** An external video embed (instead of `mediaKey`). */
    embedUrl: { type: "string" },
    /** The video has WebVTT captions (a LessonCaptions item), served same-origin so a <track> may load them. */
    hasCaptions: { type: "boolean", default: false },
    checklist: { type: "list", items: { type: "string" }, default: [] },
    estimatedMinutes: { type: "number", default: 0 },
    freePreview: { type: "boolean", default: false },
    /** Counts towards progress; optional extras do not. */
    required: { type: "boolean", default: true },
    dripAfterDays: { type: "number" },
    dripOnDate: { type: "string" },
    position: { type: "number", required: true },
  },
  indexes: {
    byCourse: {
      pk: { field: "pk", composite: ["courseId"] },
      sk: { field: "sk", composite: ["lessonId"] },
    },
  },
});

/**
 * A video lesson's WebVTT captions, beside the lesson in the course's partition (a separate
 * item so curriculum reads stay small). Kept in the table rather than the bucket: they are
 * small text (≤ 256 KB; an hour of speech is ~60 KB) and learning may only read the bucket.
 */
export const LessonCaptions = new Entity({
  model: { entity: "lessonCaptions", version: "1", service: "mas" },
  attributes: {
    courseId: { type: "string", required: true, readOnly: true },
    lessonId: { type: "string", required: true, readOnly: true },
    vtt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byLesson: {
      pk: { field: "pk", composite: ["courseId"] },
      sk: { field: "sk", composite: ["lessonId"] },
    },
  },
});
