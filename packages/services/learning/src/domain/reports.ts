import { attemptsOf } from "./attempts";
import { cohortsOf } from "./cohorts";
import { listCourses } from "./courses";
import { enrollmentsOfCourse } from "./enrolments";

/** The owner's numbers for one course: enrolments per status and cohort, completion rate, average final score, fees received. */
export async function courseReport(courseId: string) {
  const [enrollments, cohorts] = await Promise.all([enrollmentsOfCourse(courseId), cohortsOf(courseId)]);
  const live = enrollments.filter((e) => e.status === "active" || e.status === "completed");
  const byStatus: Record<string, number> = {};
  for (const e of enrollments) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
  const scores = (await Promise.all(live.map((e) => attemptsOf(e.enrollmentId)))).flat().filter((a) => a.scorePercent !== undefined && a.status === "submitted");
  const completed = live.filter((e) => e.status === "completed").length;
  return {
    courseId,
    enrollmentsByStatus: byStatus,
    byCohort: cohorts.map((c) => ({ cohortId: c.cohortId, name: c.name, capacity: c.capacity, seatsTaken: c.seatsTaken ?? 0 })),
    completionRatePercent: live.length === 0 ? 0 : Math.round((completed * 100) / live.length),
    averageScorePercent: scores.length === 0 ? null : Math.round((scores.reduce((s, a) => s + a.scorePercent!, 0) / scores.length) * 100) / 100,
    feesReceivedInPence: enrollments.reduce((sum, e) => sum + (e.paidInPence ?? 0), 0),
  };
}

/** The owner dashboard's academy table: every course with its report (a handful of courses). */
export async function academyReport() {
  const courses = await listCourses();
  return Promise.all(courses.map(async (c) => ({ title: c.title, status: c.status, ...(await courseReport(c.courseId)) })));
}
