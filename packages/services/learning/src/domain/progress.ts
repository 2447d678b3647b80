import { addLocalDays, instantAt, localDateOf, TIME_ZONE } from "@mas/core/shared/time";

/**
 * Progress through a course, pure: the curriculum, what the student completed, when they
 * were activated and `now` are parameters.
 *
 * Drip: a lesson with `dripAfterDays` opens at London midnight that many days after the
 * activation's local date (so "day 3" is a calendar day, whatever the hour of enrolment or
 * a clock change); `dripOnDate` opens at London midnight of that date; with both, the later
 * wins. A lesson without either is released at activation.
 */
export interface LessonRef {
  lessonId: string;
  moduleId: string;
  required: boolean;
  dripAfterDays?: number;
  dripOnDate?: string;
}

export function releasedAt(lesson: Pick<LessonRef, "dripAfterDays" | "dripOnDate">, activatedAt: Date, timeZone = TIME_ZONE): Date {
  let opens = activatedAt;
  if (lesson.dripAfterDays !== undefined && lesson.dripAfterDays > 0) {
    const day = instantAt(addLocalDays(localDateOf(activatedAt, timeZone), lesson.dripAfterDays), "00:00", timeZone);
    if (day > opens) opens = day;
  }
  if (lesson.dripOnDate !== undefined) {
    const day = instantAt(lesson.dripOnDate, "00:00", timeZone);
    if (day > opens) opens = day;
  }
  return opens;
}

export function isReleased(lesson: Pick<LessonRef, "dripAfterDays" | "dripOnDate">, activatedAt: Date | undefined, now: Date, timeZone = TIME_ZONE): boolean {
  if (!activatedAt) return false;
  return releasedAt(lesson, activatedAt, timeZone).getTime() <= now.getTime();
}

/** Whole percent of required lessons completed (rounded down, so 100 means all); a course without required lessons is 100 %. */
export function progressPercent(lessons: readonly LessonRef[], completed: ReadonlySet<string>): number {
  const required = lessons.filter((l) => l.required);
  if (required.length === 0) return 100;
  const done = required.filter((l) => completed.has(l.lessonId)).length;
  return Math.floor((done * 100) / required.length);
}

/** The first lesson in curriculum order that is released and not completed; undefined when none. */
export function nextLesson<L extends LessonRef>(ordered: readonly L[], completed: ReadonlySet<string>, activatedAt: Date | undefined, now: Date): L | undefined {
  return ordered.find((l) => !completed.has(l.lessonId) && isReleased(l, activatedAt, now));
}

export interface CompletionFacts {
  lessons: readonly LessonRef[];
  completed: ReadonlySet<string>;
  practicalRequired: boolean;
  practicalAttended: boolean;
  /** The course has an entry requirement the owner has not confirmed yet (absent: none to confirm). */
  entryUnconfirmed?: boolean;
  requiredAssessmentIds: readonly string[];
  passedAssessmentIds: ReadonlySet<string>;
}

/** What still stands between the student and completion (empty: the course is complete). */
export function outstandingForCompletion(facts: CompletionFacts): string[] {
  const missing: string[] = [];
  if (progressPercent(facts.lessons, facts.completed) < 100) missing.push("lessons");
  if (facts.practicalRequired && !facts.practicalAttended) missing.push("practical");
  if (facts.entryUnconfirmed) missing.push("entry_requirement");
  if (facts.requiredAssessmentIds.some((id) => !facts.passedAssessmentIds.has(id))) missing.push("assessments");
  return missing;
}
