import * as z from "zod";
import { conflict, notFound, type DomainError } from "@mas/core/errors";
import { localDateOf } from "@mas/core/shared/time";
import type { AppointmentStatus } from "../entities/appointment";

/**
 * The rules of reviews, pure so they are tested as tables: who may review what, what a
 * review may say, and what the public sees of it.
 */
export const MAX_COMMENT = 1000;

export const ReviewInput = z.object({
  rating: z.number({ error: "Choose a rating from 1 to 5 stars" }).int("Choose a whole number of stars").min(1, "Choose at least 1 star").max(5, "Choose at most 5 stars"),
  comment: z.string().trim().max(MAX_COMMENT, `Keep it to ${MAX_COMMENT} characters`).default(""),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

/**
 * Why this person may not review this appointment, or undefined if they may. Someone
 * else's appointment is "not found" (its existence is not disclosed); only a completed
 * appointment can be reviewed — a cancelled or missed one was never a treatment.
 */
export function reviewRefusal(appointment: { clientId: string; status: AppointmentStatus } | undefined, userId: string): DomainError | undefined {
  if (!appointment || appointment.clientId !== userId) return notFound("booking.appointment_not_found", "No such appointment");
  if (appointment.status !== "completed") return conflict("booking.review_not_completed", "You can review an appointment once it has taken place");
  return undefined;
}

/** "Amelia R.": the first name and the surname's initial, nothing that identifies more. */
export function displayNameOf(firstName: string, lastName: string): string {
  const first = firstName.trim() || "A client";
  const initial = [...lastName.trim()][0];
  return initial ? `${first} ${initial.toLocaleUpperCase("en-GB")}.` : first;
}

export interface ReviewRecord {
  appointmentId: string;
  clientId: string;
  displayName: string;
  serviceName: string;
  appointmentStart: string;
  rating: number;
  comment?: string;
  published?: boolean;
  publishedAt?: string;
  createdAt: string;
}

/** What the client and the owner see of a review. */
export function reviewView(r: ReviewRecord) {
  return {
    reviewId: r.appointmentId,
    appointmentId: r.appointmentId,
    author: r.displayName,
    treatment: r.serviceName,
    appointmentDate: r.appointmentStart,
    rating: r.rating,
    comment: r.comment ?? "",
    published: r.published ?? false,
    publishedAt: r.publishedAt ?? null,
    createdAt: r.createdAt,
  };
}

/** What anyone sees on the home page: no ids, no client, the (London) day of the treatment only. */
export function publicReviewView(r: ReviewRecord) {
  return { author: r.displayName, rating: r.rating, comment: r.comment ?? "", treatment: r.serviceName, date: localDateOf(new Date(r.appointmentStart)) };
}

/** Published reviews, newest publication first, at most `limit`. */
export function publishedFirst(reviews: readonly ReviewRecord[], limit: number): ReviewRecord[] {
  return reviews
    .filter((r) => r.published)
    .sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""))
    .slice(0, limit);
}
