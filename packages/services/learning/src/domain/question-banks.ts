import * as z from "zod";
import { ulid } from "ulid";
import type { EntityItem } from "electrodb";
import { notFound, unprocessable } from "@mas/core/errors";
import { db } from "../entities";
import type { Assessment, Question, QuestionBank } from "../entities/assessment";
import { requireCourse } from "./courses";

/**
 * The owner's side of assessments: banks of questions and the assessments that draw from
 * them. Everything here returns answer keys; only owner routes may call it. Students see
 * questions through `attempts.ts`, which strips them.
 */
export type AssessmentItem = EntityItem<typeof Assessment>;
export type QuestionItem = EntityItem<typeof Question>;
export type BankItem = EntityItem<typeof QuestionBank>;

export const BankInput = z.strictObject({ title: z.string().trim().min(1).max(120) });

const option = z.strictObject({ optionId: z.string().trim().min(1).max(20), text: z.string().trim().min(1).max(500) });

export const QuestionInput = z
  .strictObject({
    kind: z.enum(["single", "multiple", "true_false", "short_answer"]),
    prompt: z.string().trim().min(1).max(2000),
    options: z.array(option).max(10).default([]),
    correctOptionIds: z.array(z.string().min(1).max(20)).max(10).default([]),
    points: z.number().int().min(1).max(100).default(1),
    explanation: z.string().trim().max(2000).optional(),
  })
  .transform((q) => (q.kind === "true_false" && q.options.length === 0 ? { ...q, options: [{ optionId: "true", text: "True" }, { optionId: "false", text: "False" }] } : q))
  .superRefine((q, ctx) => {
    const ids = new Set(q.options.map((o) => o.optionId));
    if (ids.size !== q.options.length) ctx.addIssue({ code: "custom", message: "Option ids must be unique", path: ["options"] });
    if (q.correctOptionIds.some((id) => !ids.has(id))) ctx.addIssue({ code: "custom", message: "Correct answers must be options", path: ["correctOptionIds"] });
    if (q.kind === "short_answer") return;
    if (q.options.length < 2) ctx.addIssue({ code: "custom", message: "At least two options", path: ["options"] });
    const wanted = q.kind === "multiple" ? q.correctOptionIds.length >= 1 : q.correctOptionIds.length === 1;
    if (!wanted) ctx.addIssue({ code: "custom", message: q.kind === "multiple" ? "At least one correct option" : "Exactly one correct option", path: ["correctOptionIds"] });
  });

export const AssessmentInput = z.strictObject({
  title: z.string().trim().min(1).max(120),
  moduleId: z.string().min(1).max(40).optional(),
  bankId: z.string().min(1).max(40),
  drawCount: z.number().int().min(1).max(200).optional(),
  shuffleOptions: z.boolean().default(true),
  passMarkPercent: z.number().int().min(0).max(100),
  timeLimitMinutes: z.number().int().min(1).max(600).optional(),
  attemptLimit: z.number().int().min(1).max(50).optional(),
  cooldownMinutes: z.number().int().min(0).max(60 * 24 * 30).default(0),
  required: z.boolean().default(true),
});

export async function createBank(courseId: string, input: z.output<typeof BankInput>): Promise<BankItem> {
  await requireCourse(courseId);
  const item = { courseId, bankId: ulid(), title: input.title };
  await db().entities.questionBank.create(item).go();
  return item;
}

export async function banksOf(courseId: string): Promise<BankItem[]> {
  return (await db().entities.questionBank.query.byCourse({ courseId }).go({ pages: "all" })).data;
}

async function requireBank(courseId: string, bankId: string): Promise<BankItem> {
  const { data } = await db().entities.questionBank.get({ courseId, bankId }).go({ consistent: true });
  if (!data) throw notFound("learning.bank_not_found", "No such question bank");
  return data;
}

export async function addQuestion(courseId: string, bankId: string, input: z.output<typeof QuestionInput>): Promise<QuestionItem> {
  await requireBank(courseId, bankId);
  const item = { ...input, bankId, questionId: ulid() };
  await db().entities.question.create(item).go();
  return item;
}

export async function deleteQuestion(courseId: string, bankId: string, questionId: string): Promise<void> {
  await requireBank(courseId, bankId);
  await db().entities.question.delete({ bankId, questionId }).go();
}

export async function questionsOf(bankId: string): Promise<QuestionItem[]> {
  return (await db().entities.question.query.byBank({ bankId }).go({ pages: "all" })).data;
}

export async function createAssessment(courseId: string, input: z.output<typeof AssessmentInput>, now: Date): Promise<AssessmentItem> {
  await requireBank(courseId, input.bankId);
  if (input.moduleId) {
    const { data } = await db().entities.module.get({ courseId, moduleId: input.moduleId }).go();
    if (!data) throw unprocessable("learning.module_not_found", "No such module", { moduleId: "Unknown module" });
  }
  const item = { ...input, courseId, assessmentId: ulid(), createdAt: now.toISOString() };
  await db().entities.assessment.create(item).go();
  return item;
}

export async function assessmentsOf(courseId: string): Promise<AssessmentItem[]> {
  return (await db().entities.assessment.query.byCourse({ courseId }).go({ pages: "all" })).data;
}

export async function requireAssessment(courseId: string, assessmentId: string): Promise<AssessmentItem> {
  const { data } = await db().entities.assessment.get({ courseId, assessmentId }).go({ consistent: true });
  if (!data) throw notFound("learning.assessment_not_found", "No such assessment");
  return data;
}

/** What a student sees of an assessment before sitting it (rules, not questions). */
export function assessmentPublicView(a: AssessmentItem) {
  const { assessmentId, courseId, moduleId, title, passMarkPercent, timeLimitMinutes, attemptLimit, cooldownMinutes, required, drawCount } = a;
  return { assessmentId, courseId, moduleId, title, passMarkPercent, timeLimitMinutes, attemptLimit, cooldownMinutes, required, drawCount };
}
