import type { PersonalDataContributor } from "@mas/core/personal-data";
import { db } from "../entities";
import { attemptsOf } from "./attempts";
import { certificatesOf } from "./certificates";
import { enrollmentsOf, enrollmentView } from "./enrolments";

/**
 * Learning's part of a student's data export and erasure.
 *
 * Erasure keeps what the academy must still answer for — enrolments (fees paid, payments'
 * six-year duty), attempt scores and certificates (an employer or insurer may still verify
 * one; the verify page then withholds the erased holder's name) — but deletes the free text
 * the student wrote: entry evidence (and the link to an uploaded proof, which documents
 * deletes), short answers and every stored answer.
 */
export const learningPersonalData: PersonalDataContributor[] = [
  {
    name: "enrolments",
    export: async (userId) => (await enrollmentsOf(userId)).map((e) => ({ ...enrollmentView(e), entryEvidence: e.entryEvidence })),
    erase: async (userId) => {
      for (const e of await enrollmentsOf(userId)) {
        if (e.entryEvidence !== undefined || e.entryProofFileId !== undefined) {
          await db().entities.enrollment.patch({ enrollmentId: e.enrollmentId }).remove(["entryEvidence", "entryProofFileId", "entryProofContentType", "entryProofUploadedAt"]).go();
        }
      }
    },
  },
  {
    name: "lessonProgress",
    export: async (userId) =>
      (
        await Promise.all(
          (await enrollmentsOf(userId)).map(async (e) => (await db().entities.lessonProgress.query.byEnrollment({ enrollmentId: e.enrollmentId }).go({ pages: "all" })).data),
        )
      )
        .flat()
        .map(({ enrollmentId, lessonId, completedAt }) => ({ enrollmentId, lessonId, completedAt })),
  },
  {
    name: "assessmentAttempts",
    export: async (userId) =>
      (await Promise.all((await enrollmentsOf(userId)).map((e) => attemptsOf(e.enrollmentId))))
        .flat()
        .map(({ attemptId, assessmentId, enrollmentId, number, status, startedAt, submittedAt, scorePercent, passed, answers }) => ({
          attemptId,
          assessmentId,
          enrollmentId,
          number,
          status,
          startedAt,
          submittedAt,
          scorePercent,
          passed,
          answers: JSON.parse(answers ?? "{}"),
        })),
    erase: async (userId) => {
      for (const e of await enrollmentsOf(userId)) {
        for (const a of await attemptsOf(e.enrollmentId)) if (a.answers !== "{}") await db().entities.attempt.patch({ attemptId: a.attemptId }).set({ answers: "{}" }).go();
      }
    },
  },
  {
    name: "certificates",
    export: async (userId) => (await certificatesOf(userId)).map(({ certificateId, number, courseTitle, issuedAt, expiresAt, revokedAt }) => ({ certificateId, number, courseTitle, issuedAt, expiresAt, revokedAt })),
  },
];
