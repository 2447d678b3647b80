import { addLocalDays, localDateOf } from "@mas/core/shared/time";
import { cohortsOf, createCohort } from "./domain/cohorts";
import { courseBySlug, createCourse, setCourseStatus, type CourseInput } from "./domain/courses";
import { addLesson, addModule, loadCurriculum } from "./domain/curriculum";
import { enrol, enrollmentsOf } from "./domain/enrolments";
import { completeLesson } from "./domain/learner";
import { addQuestion, createAssessment, createBank } from "./domain/question-banks";

/**
 * Demo academy for `npm start`: two published courses (anti-wrinkle foundation, dermal
 * filler foundation) with modules, lessons (the first a free preview), a final assessment
 * drawn from a bank, and a cohort whose practical day falls next month (announced to
 * booking, which blocks those hours). One demo student is enrolled by the owner and part-way
 * through the first course. Idempotent: a course is created only if its slug is free, the
 * student enrolled only if they have no enrolment.
 */
interface DemoCourse {
  course: Omit<CourseInput, "description" | "vatNote" | "prerequisiteCourseIds" | "practicalRequired"> & { description: string };
  modules: { title: string; lessons: { title: string; kind: "video" | "text" | "pdf" | "checklist"; minutes: number; body: string; freePreview?: boolean; checklist?: string[] }[] }[];
  questions: { prompt: string; kind: "single" | "multiple" | "true_false"; options?: string[]; correct: number[] }[];
}

export const DEMO_COURSES: DemoCourse[] = [
  {
    course: { title: "Foundation Anti-wrinkle Training", slug: "foundation-anti-wrinkle", summary: "Botulinum toxin for the upper face: anatomy, consultation, safe injection and complications.", description: "For registered healthcare professionals new to aesthetics.", level: "foundation", priceInPence: 145_000, certificateValidityMonths: 24, entryRequirement: "Your NMC, GMC, GDC or GPhC registration number" },
    modules: [
      { title: "Anatomy and assessment", lessons: [
        { title: "Muscles of facial expression", kind: "video", minutes: 25, body: "Frontalis, corrugator, procerus and orbicularis oculi.", freePreview: true },
        { title: "The consultation", kind: "text", minutes: 15, body: "Medical history, expectations, consent and cooling-off." },
      ] },
      { title: "Treatment", lessons: [
        { title: "Reconstitution and dosing", kind: "pdf", minutes: 20, body: "Dilution tables and unit conversions." },
        { title: "Pre-treatment checklist", kind: "checklist", minutes: 5, body: "Before every treatment.", checklist: ["Consent signed", "Photographs taken", "Emergency kit checked"] },
      ] },
    ],
    questions: [
      { prompt: "Which muscle raises the eyebrows?", kind: "single", options: ["Frontalis", "Procerus", "Masseter"], correct: [0] },
      { prompt: "Which are signs of ptosis risk?", kind: "multiple", options: ["Low-set brows", "Heavy frontalis use", "Thin lips"], correct: [0, 1] },
      { prompt: "A cooling-off period is good practice before a first treatment.", kind: "true_false", correct: [0] },
    ],
  },
  {
    course: { title: "Dermal Filler Foundation", slug: "dermal-filler-foundation", summary: "Hyaluronic acid fillers for lips and nasolabial folds, with vascular-occlusion management.", description: "Includes a hands-on practical day in clinic.", level: "foundation", priceInPence: 175_000, certificateValidityMonths: 24 },
    modules: [
      { title: "Products and safety", lessons: [
        { title: "Hyaluronic acid rheology", kind: "video", minutes: 30, body: "G prime, cohesivity and product choice.", freePreview: true },
        { title: "Danger zones", kind: "text", minutes: 20, body: "Facial and angular arteries; aspiration and cannula use." },
      ] },
      { title: "Lips", lessons: [{ title: "Lip anatomy and technique", kind: "video", minutes: 35, body: "Vermilion border, tubercles and proportions." }] },
    ],
    questions: [
      { prompt: "What dissolves hyaluronic acid filler?", kind: "single", options: ["Hyaluronidase", "Saline", "Lidocaine"], correct: [0] },
      { prompt: "Which are signs of vascular occlusion?", kind: "multiple", options: ["Blanching", "Livedo pattern", "Mild swelling only"], correct: [0, 1] },
    ],
  },
];

export async function seedLearningDemo(studentId: string | undefined, now: Date): Promise<{ courses: number; enrolled: boolean }> {
  let created = 0;
  const courseIds: string[] = [];
  for (const demo of DEMO_COURSES) {
    const existing = await courseBySlug(demo.course.slug);
    if (existing) {
      courseIds.push(existing.courseId);
      continue;
    }
    const course = await createCourse({ vatNote: "VAT exempt medical training", prerequisiteCourseIds: [], practicalRequired: true, ...demo.course }, now);
    for (const m of demo.modules) {
      const module = await addModule(course.courseId, { title: m.title });
      for (const l of m.lessons) {
        await addLesson(course.courseId, module.moduleId, { title: l.title, kind: l.kind, body: l.body, checklist: l.checklist ?? [], estimatedMinutes: l.minutes, freePreview: l.freePreview ?? false, required: true });
      }
    }
    const bank = await createBank(course.courseId, { title: "Final assessment bank" });
    for (const q of demo.questions) {
      const options = q.kind === "true_false" ? [{ optionId: "true", text: "True" }, { optionId: "false", text: "False" }] : (q.options ?? []).map((text, i) => ({ optionId: String.fromCharCode(97 + i), text }));
      await addQuestion(course.courseId, bank.bankId, { kind: q.kind, prompt: q.prompt, options, correctOptionIds: q.correct.map((i) => options[i]!.optionId), points: 1 });
    }
    await createAssessment(course.courseId, { title: "Final assessment", bankId: bank.bankId, passMarkPercent: 70, timeLimitMinutes: 30, attemptLimit: 3, cooldownMinutes: 60, shuffleOptions: true, required: true }, now);
    // The practical day: 30 days from today, i.e. next month.
    const practical = addLocalDays(localDateOf(now), 30);
    await createCohort(course.courseId, { name: "Next cohort", capacity: 8, published: true, sessions: [{ date: practical, start: "09:30", end: "16:30", room: "Treatment room 1" }] }, now);
    await setCourseStatus(course.courseId, "published", now);
    courseIds.push(course.courseId);
    created++;
  }
  let enrolled = false;
  if (studentId && (await enrollmentsOf(studentId)).length === 0) {
    const [cohort] = await cohortsOf(courseIds[0]!);
    const enrollment = await enrol({ courseId: courseIds[0]!, userId: studentId, entryEvidence: "NMC 12A3456E", now, byOwner: true, ...(cohort ? { cohortId: cohort.cohortId } : {}) });
    const { lessons } = await loadCurriculum(courseIds[0]!);
    for (const lesson of lessons.slice(0, 2)) await completeLesson(enrollment, lesson.lessonId, now);
    enrolled = true;
  }
  return { courses: created, enrolled };
}
