import { addLocalDays, localDateOf } from "@mas/core/shared/time";
import { cohortsOf, createCohort } from "./domain/cohorts";
import { courseBySlug, CourseInput, createCourse, setCourseStatus } from "./domain/courses";
import { addLesson, addModule, loadCurriculum } from "./domain/curriculum";
import { enrol, enrollmentsOf } from "./domain/enrolments";
import { completeLesson } from "./domain/learner";
import { addQuestion, createAssessment, createBank } from "./domain/question-banks";

/**
 * Demo academy for `npm start`: two published courses (anti-wrinkle foundation, dermal
 * filler foundation) with what the course page sells with (outcomes, audience, FAQs,
 * graduates' reviews, what to bring to the practical day), modules, lessons (the first a
 * free preview, one dripped three days after enrolment), a final assessment
 * drawn from a bank, and a cohort whose practical day falls next month (announced to
 * booking, which blocks those hours). One demo student is enrolled by the owner and part-way
 * through the first course. Idempotent: a course is created only if its slug is free, the
 * student enrolled only if they have no enrolment.
 */
interface DemoCourse {
  course: Omit<CourseInput, "vatNote" | "prerequisiteCourseIds" | "practicalRequired">;
  modules: { title: string; lessons: { title: string; kind: "video" | "text" | "pdf" | "checklist"; minutes: number; body: string; freePreview?: boolean; checklist?: string[]; required?: boolean; dripAfterDays?: number }[] }[];
  questions: { prompt: string; kind: "single" | "multiple" | "true_false"; options?: string[]; correct: number[] }[];
}

const PRACTICAL_NOTES =
  "Arrive at 9:15 at 12 Milsom Street, Bath (Milsom Place car park is two minutes away). Bring photo ID, your professional registration card, your indemnity insurance certificate and comfortable shoes; scrubs, products and models are provided. Lunch is included.";

export const DEMO_COURSES: DemoCourse[] = [
  {
    course: {
      title: "Foundation Anti-wrinkle Training",
      slug: "foundation-anti-wrinkle",
      summary: "Botulinum toxin for the upper face: anatomy, consultation, safe injection and complications.",
      description: "Online theory at your own pace, then a hands-on practical day in our Bath clinic treating live models under supervision. You finish with a final online assessment and a certificate employers and insurers can verify online.",
      level: "foundation",
      priceInPence: 145_000,
      certificateValidityMonths: 24,
      entryRequirement: "Your NMC, GMC, GDC or GPhC registration number",
      audience: "Registered nurses, doctors, dentists and pharmacists new to aesthetics.",
      outcomes: [
        "Assess and consent clients for upper-face treatment",
        "Treat glabellar lines, forehead lines and crow's feet safely",
        "Reconstitute and dose botulinum toxin accurately",
        "Recognise and manage complications, including ptosis",
      ],
      practicalNotes: PRACTICAL_NOTES,
      faqs: [
        { question: "How long do I have to finish the online part?", answer: "Twelve months from enrolment. Most students finish the theory in two to three weeks, before their practical day." },
        { question: "Are models provided on the practical day?", answer: "Yes. We provide models, products and equipment; you treat at least two models under one-to-one supervision." },
        { question: "Can I pay in instalments?", answer: "Not online yet. Call us if you would like to spread the cost and we will arrange it." },
        { question: "What happens if I fail the final assessment?", answer: "You can sit it three times, an hour apart. Your trainer will go through the topics with you if you need a fourth go." },
      ],
      reviews: [
        { author: "Hannah, RGN, Bristol", quote: "The online modules were clear and the practical day gave me real confidence. I was treating my own clients within a month.", rating: 5 },
        { author: "Dr Samir, GP, Swindon", quote: "Excellent anatomy teaching and honest about complications. Small group, lots of needle time.", rating: 5 },
        { author: "Priya, dental therapist, Bath", quote: "Well organised from booking to certificate. The resources section is worth the fee on its own.", rating: 4 },
      ],
    },
    modules: [
      { title: "Anatomy and assessment", lessons: [
        { title: "Muscles of facial expression", kind: "video", minutes: 25, freePreview: true, body: "The upper face is moved by four muscles you will treat: frontalis raises the brows, corrugator and procerus pull them down and together, and orbicularis oculi closes the eye.\n\nWatch how each one moves in animation, then on a live model, and practise palpating them on yourself." },
        { title: "The consultation", kind: "text", minutes: 15, body: "A good consultation decides whether to treat at all. Take a full medical history, ask about previous treatments and expectations, and photograph the client at rest and in animation.\n\nExplain benefits, risks and alternatives in plain words, give written information, and offer a cooling-off period before a first treatment." },
      ] },
      { title: "Treatment", lessons: [
        { title: "Reconstitution and dosing", kind: "pdf", minutes: 20, body: "Dilution tables and unit conversions for the common brands, with worked examples for glabellar, frontalis and lateral canthal doses.\n\nKeep this sheet with you in clinic." },
        { title: "Pre-treatment checklist", kind: "checklist", minutes: 5, body: "Run through this before every treatment.", checklist: ["Consent signed", "Photographs taken", "Emergency kit checked", "Product, batch and expiry recorded"] },
        { title: "Complications and aftercare", kind: "text", minutes: 15, dripAfterDays: 3, body: "Most complications are avoidable with careful placement. Learn to recognise brow and lid ptosis, asymmetry and headache, and what to do about each.\n\nAftercare: stay upright for four hours, no exercise or heat that day, and a review at two weeks." },
      ] },
    ],
    questions: [
      { prompt: "Which muscle raises the eyebrows?", kind: "single", options: ["Frontalis", "Procerus", "Masseter"], correct: [0] },
      { prompt: "Which are signs of ptosis risk?", kind: "multiple", options: ["Low-set brows", "Heavy frontalis use", "Thin lips"], correct: [0, 1] },
      { prompt: "A cooling-off period is good practice before a first treatment.", kind: "true_false", correct: [0] },
    ],
  },
  {
    course: {
      title: "Dermal Filler Foundation",
      slug: "dermal-filler-foundation",
      summary: "Hyaluronic acid fillers for lips and nasolabial folds, with vascular-occlusion management.",
      description: "Online theory and video demonstrations, then a hands-on practical day in clinic. Strong emphasis on vascular anatomy and the emergency use of hyaluronidase.",
      level: "foundation",
      priceInPence: 175_000,
      certificateValidityMonths: 24,
      audience: "Practitioners who already hold a foundation injectables qualification.",
      outcomes: ["Choose the right hyaluronic acid product for the area", "Plan proportionate, natural lip enhancement", "Use cannula and needle techniques safely", "Manage vascular occlusion with a written protocol"],
      practicalNotes: PRACTICAL_NOTES,
      faqs: [{ question: "Do I need the anti-wrinkle course first?", answer: "No, but you do need a foundation injectables qualification from us or another provider." }],
      reviews: [{ author: "Laura, RGN, Cardiff", quote: "The vascular occlusion session alone made this worth it. Calm, thorough teaching.", rating: 5 }],
    },
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
    const course = await createCourse(CourseInput.parse({ vatNote: "VAT exempt medical training", practicalRequired: true, ...demo.course }), now);
    for (const m of demo.modules) {
      const module = await addModule(course.courseId, { title: m.title });
      for (const l of m.lessons) {
        await addLesson(course.courseId, module.moduleId, { title: l.title, kind: l.kind, body: l.body, checklist: l.checklist ?? [], estimatedMinutes: l.minutes, freePreview: l.freePreview ?? false, required: l.required ?? true, ...(l.dripAfterDays ? { dripAfterDays: l.dripAfterDays } : {}) });
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
