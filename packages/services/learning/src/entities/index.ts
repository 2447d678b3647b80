import { serviceDb } from "@mas/core/db/service";
import { Assessment, Question, QuestionBank } from "./assessment";
import { Attempt, AttemptSlot } from "./attempt";
import { Certificate, CertificateCounter } from "./certificate";
import { Cohort } from "./cohort";
import { Course } from "./course";
import { CourseSlug } from "./course-slug";
import { Lesson, LessonCaptions, Module } from "./curriculum";
import { Enrollment, EnrollmentClaim, LessonProgress } from "./enrollment";
import { CourseInterest } from "./interest";

/** learning's entities: the only items this service writes (with the kernel's outbox and audit log). */
export const learningEntities = {
  course: Course,
  courseSlug: CourseSlug,
  cohort: Cohort,
  module: Module,
  lesson: Lesson,
  lessonCaptions: LessonCaptions,
  enrollment: Enrollment,
  enrollmentClaim: EnrollmentClaim,
  lessonProgress: LessonProgress,
  assessment: Assessment,
  questionBank: QuestionBank,
  question: Question,
  attempt: Attempt,
  attemptSlot: AttemptSlot,
  certificate: Certificate,
  certificateCounter: CertificateCounter,
  courseInterest: CourseInterest,
};

export const db = serviceDb(learningEntities);
