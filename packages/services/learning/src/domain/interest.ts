import * as z from "zod";
import { ulid } from "ulid";
import { hitRateLimit, type RateLimitRule } from "@mas/core/http/rate-limit";
import { db } from "../entities";
import type { CourseItem } from "./courses";

/**
 * "Tell me when places open": the public form on a course page with no open cohort. One
 * note per course and email (asking again changes nothing, and the answer is the same
 * either way, so the form does not reveal who has asked). The address is used once: when
 * a cohort of the course opens, messaging mails each note it has not mailed before.
 */
export const InterestInput = z.strictObject({
  email: z.email("Enter an email address like name@example.com").max(254),
  name: z.string().trim().max(120).optional(),
  consent: z.literal(true, "Tick the box so we may email you when places open"),
});

/** Per source address: a class filling in the form on the clinic's Wi-Fi is fine; a script is not. */
export const INTEREST_LIMIT: RateLimitRule = { name: "interest:ip", limit: 20, windowSeconds: 60 * 60 };
/** How long a note of interest is kept if no cohort opens. */
export const INTEREST_KEPT_DAYS = 730;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Epoch seconds at which a note taken at `now` is removed. */
export function interestExpiry(now: Date): number {
  return Math.floor(now.getTime() / 1000) + INTEREST_KEPT_DAYS * 24 * 60 * 60;
}

/**
 * Notes an interest in a published course (idempotent per course and email). `source` is
 * the caller's address for the throttle (unknown callers share one counter).
 */
export async function registerInterest(course: CourseItem, input: z.output<typeof InterestInput>, source: string | undefined, now: Date): Promise<void> {
  await hitRateLimit(INTEREST_LIMIT, source ?? "unknown", now, "learning.rate_limited");
  const email = normaliseEmail(input.email);
  const at = now.toISOString();
  try {
    await db()
      .entities.courseInterest.create({ courseId: course.courseId, email, interestId: ulid(now.getTime()), name: input.name || undefined, consentedAt: at, createdAt: at, expiresAt: interestExpiry(now) })
      .go({ response: "none" });
  } catch (error) {
    if (!isAlreadyThere(error)) throw error;
  }
}

function isAlreadyThere(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } })?.cause;
  return cause?.name === "ConditionalCheckFailedException" || String((error as Error)?.message).includes("conditional request failed");
}

export interface Interest {
  interestId: string;
  courseId: string;
  email: string;
  name?: string;
  createdAt: string;
}

export async function interestsIn(courseId: string): Promise<Interest[]> {
  const { data } = await db().entities.courseInterest.query.byCourse({ courseId }).go({ pages: "all" });
  return data.map(({ interestId, email, name, createdAt }) => ({ interestId, courseId, email, name, createdAt }));
}

