/**
 * May this student enrol? Pure. Rules in the order they are reported:
 * 1. `not_published` — only published courses take enrolments;
 * 2. `prerequisites` — every prerequisite course must be completed by the student;
 * 3. `entry_evidence` — a course with an entry requirement needs the student's statement
 *    of it (e.g. their registration number); the owner confirms it later.
 */
export type EnrolmentRefusal = "not_published" | "prerequisites" | "entry_evidence";

export interface EnrolmentCheckInput {
  course: { status: string; prerequisiteCourseIds: readonly string[]; entryRequirement?: string };
  completedCourseIds: ReadonlySet<string>;
  entryEvidence?: string;
}

export function missingPrerequisites(course: EnrolmentCheckInput["course"], completedCourseIds: ReadonlySet<string>): string[] {
  return course.prerequisiteCourseIds.filter((id) => !completedCourseIds.has(id));
}

export function enrolmentRefusal(input: EnrolmentCheckInput): EnrolmentRefusal | undefined {
  if (input.course.status !== "published") return "not_published";
  if (missingPrerequisites(input.course, input.completedCourseIds).length > 0) return "prerequisites";
  if (input.course.entryRequirement && !input.entryEvidence?.trim()) return "entry_evidence";
  return undefined;
}
