/**
 * What the academy pages read from Learning, derived from its routes through the typed
 * client (as lib/shapes.ts does for the rest of the site): a route changing its answer
 * breaks `astro check` here, not a student's page.
 */
import type { InferResponseType } from "hono/client";
import type { api } from "../../lib/client";

type Learning = ReturnType<typeof api>["learning"];

export type CourseSummary = InferResponseType<Learning["courses"]["$get"], 200>["courses"][number];
export type CoursePage = InferResponseType<Learning["courses"][":slug"]["$get"], 200>;
export type Cohort = CoursePage["cohorts"][number];
export type Enrollment = InferResponseType<Learning["enrollments"][":id"]["$get"], 200>["enrollment"];
export type Progress = InferResponseType<Learning["enrollments"][":id"]["$get"], 200>["progress"];
export type OutlineLesson = Progress["modules"][number]["lessons"][number];
export type LessonContent = InferResponseType<Learning["enrollments"][":id"]["lessons"][":lessonId"]["$get"], 200>["lesson"];
export type AssessmentWithStanding = InferResponseType<Learning["enrollments"][":id"]["assessments"]["$get"], 200>["assessments"][number];
export type Attempt = InferResponseType<Learning["attempts"][":id"]["$get"], 200>["attempt"];
export type Certificate = InferResponseType<Learning["me"]["certificates"]["$get"], 200>["certificates"][number];
export type VerifiedCertificate = InferResponseType<Learning["certificates"][":id"]["$get"], 200>["certificate"];
