import * as z from "zod";
import { ulid } from "ulid";
import { DomainError } from "@mas/core/errors";
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
export const INTEREST_LIMIT = { perWindow: 20, windowSeconds: 60 * 60 } as const;
/** How long a note of interest is kept if no cohort opens. */
export const INTEREST_KEPT_DAYS = 730;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The fixed window `now` falls in (epoch seconds) and the whole seconds until it closes. */
export function windowAt(now: Date, windowSeconds: number): { start: number; end: number; retryAfterSeconds: number } {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % windowSeconds);
  return { start, end: start + windowSeconds, retryAfterSeconds: Math.max(1, start + windowSeconds - seconds) };
}

/** Epoch seconds at which a note taken at `now` is removed. */
export function interestExpiry(now: Date): number {
  return Math.floor(now.getTime() / 1000) + INTEREST_KEPT_DAYS * 24 * 60 * 60;
}

async function countRequest(source: string, now: Date): Promise<void> {
  const window = windowAt(now, INTEREST_LIMIT.windowSeconds);
  const { data } = await db()
    .entities.interestThrottle.update({ key: `interest:${source}`, windowStart: window.start })
    .add({ count: 1 })
    .set({ expiresAt: window.end })
    .go({ response: "all_new" });
  if ((data.count ?? 0) > INTEREST_LIMIT.perWindow) {
    const minutes = Math.ceil(window.retryAfterSeconds / 60);
    throw new DomainError("rate_limited", "learning.rate_limited", `Too many requests. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, undefined, { "Retry-After": String(window.retryAfterSeconds) });
  }
}

/**
 * Notes an interest in a published course (idempotent per course and email). `source` is
 * the caller's address for the throttle (unknown callers share one counter).
 */
export async function registerInterest(course: CourseItem, input: z.output<typeof InterestInput>, source: string | undefined, now: Date): Promise<void> {
  await countRequest(source ?? "unknown", now);
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

