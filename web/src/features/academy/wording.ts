import type { Certificate, OutlineLesson } from "./shapes";
import { formatDate, formatLocalDate } from "../../lib/format";

/** The academy's own wording (the site keeps only words; rules stay in Learning). */
export const LEVEL_LABELS: Record<string, string> = { foundation: "Foundation", intermediate: "Intermediate", advanced: "Advanced" };

export const LESSON_KIND_LABELS: Record<OutlineLesson["kind"], string> = { video: "Video", text: "Reading", pdf: "PDF", checklist: "Checklist" };

export const ENROLMENT_STATUS_LABELS: Record<string, string> = {
  pending_payment: "Awaiting payment",
  active: "In progress",
  completed: "Completed",
  expired: "Place released (not paid)",
  cancelled: "Cancelled",
};

export const CERTIFICATE_STATUS_LABELS: Record<Certificate["status"], string> = { valid: "Valid", expired: "Expired", revoked: "Revoked" };

/** What still stands between a student and completion, in words. */
export const OUTSTANDING_LABELS: Record<string, string> = {
  lessons: "Complete every lesson",
  practical: "Attend the practical day",
  entry_requirement: "We confirm your professional registration",
  assessments: "Pass the final assessment",
};

export function opensOn(lesson: Pick<OutlineLesson, "releasesAt">): string {
  return lesson.releasesAt ? `Opens on ${formatDate(lesson.releasesAt)}` : "Opens after enrolment";
}

export const sessionDate = (date: string) => formatLocalDate(date);

/** A lesson's body as paragraphs (plain text: blank lines separate paragraphs). */
export const paragraphs = (body: string) => body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
