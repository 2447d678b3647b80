import { getActiveUser } from "@mas/accounts/read";
import { isConditionFailure } from "@mas/core/db/conditions";
import { conflict, notFound } from "@mas/core/errors";
import { db } from "../entities";
import { findAppointment } from "./appointment-store";
import { displayNameOf, publishedFirst, reviewRefusal, ReviewInput, type ReviewRecord } from "./review-rules";

/**
 * Reviews of completed appointments: the client writes one per appointment; the owner
 * reads them all and publishes the ones the home page shows. No event: nothing listens.
 */
export const PUBLIC_LIMIT = 6;

export async function leaveReview(input: { appointmentId: string; userId: string; review: ReviewInput; now: Date }): Promise<ReviewRecord> {
  const review = ReviewInput.parse(input.review);
  const appointment = await findAppointment(input.appointmentId);
  const refusal = reviewRefusal(appointment, input.userId);
  if (refusal) throw refusal;
  const user = await getActiveUser(input.userId);
  const at = input.now.toISOString();
  const item = {
    appointmentId: appointment!.appointmentId,
    clientId: input.userId,
    displayName: displayNameOf(user?.firstName ?? "", user?.lastName ?? ""),
    serviceName: appointment!.serviceName,
    appointmentStart: appointment!.start,
    rating: review.rating,
    comment: review.comment,
    published: false,
    createdAt: at,
    updatedAt: at,
  };
  try {
    // create() is conditional on the key not existing: a second review (or a double submit) fails here.
    await db().entities.review.create(item).go();
  } catch (error) {
    if (isConditionFailure(error)) throw conflict("booking.review_exists", "You have already reviewed this appointment");
    throw error;
  }
  return item;
}

/** The client's own review of their appointment (404 for anyone else's, or none yet). */
export async function reviewOf(appointmentId: string, userId: string): Promise<ReviewRecord> {
  const { data } = await db().entities.review.get({ appointmentId }).go();
  if (!data || data.clientId !== userId) throw notFound("booking.review_not_found", "No review for this appointment");
  return data;
}

export async function allReviews(): Promise<ReviewRecord[]> {
  const { data } = await db().entities.review.query.all({ board: "reviews" }).go({ pages: "all" });
  return data.reverse();
}

export async function publishedReviews(limit = PUBLIC_LIMIT): Promise<ReviewRecord[]> {
  return publishedFirst(await allReviews(), limit);
}

export async function setPublished(appointmentId: string, published: boolean, now: Date): Promise<ReviewRecord> {
  const update = db().entities.review.patch({ appointmentId });
  const at = now.toISOString();
  try {
    const { data } = await (published ? update.set({ published, publishedAt: at, updatedAt: at }) : update.set({ published, updatedAt: at }).remove(["publishedAt"]))
      .go({ response: "all_new" });
    return data as ReviewRecord;
  } catch (error) {
    // patch() is conditional on the item existing.
    if (isConditionFailure(error)) throw notFound("booking.review_not_found", "No such review");
    throw error;
  }
}

export async function reviewsOfClient(clientId: string): Promise<ReviewRecord[]> {
  const { data } = await db().entities.review.query.byClient({ clientId }).go({ pages: "all" });
  return data;
}
