import type { EventData } from "@mas/core/events/catalogue";
import { isConditionFailure } from "@mas/core/db/conditions";
import { db } from "../entities";
import type { BusyInterval } from "./availability";

/**
 * Practical training days, as learning announces them (booking owns the calendar): each
 * session is a busy interval for client availability and shows in the owner's diary.
 * An announcement replaces the cohort's block whole, unless a newer one is already stored.
 */
export async function recordTrainingBlock(data: EventData<"cohort.sessions_changed">, announcedAt: string): Promise<void> {
  const item = { cohortId: data.cohortId, courseId: data.courseId, courseTitle: data.courseTitle, sessions: data.sessions, announcedAt };
  try {
    await db()
      .entities.trainingBlock.put(item)
      .where((attr, op) => `${op.notExists(attr.announcedAt)} OR ${op.lte(attr.announcedAt, announcedAt)}`)
      .go({ response: "none" });
  } catch (error) {
    if (!isConditionFailure(error)) throw error; // a newer announcement is already stored
  }
}

export interface TrainingSession {
  cohortId: string;
  courseTitle: string;
  sessionId: string;
  start: string;
  end: string;
  room: string;
}

/** Training sessions overlapping [from, to), in time order. */
export async function trainingSessionsBetween(from: Date, to: Date): Promise<TrainingSession[]> {
  const { data } = await db().entities.trainingBlock.query.all({}).go({ pages: "all" });
  return data
    .flatMap((block) => block.sessions.map((s) => ({ cohortId: block.cohortId, courseTitle: block.courseTitle, ...s })))
    .filter((s) => Date.parse(s.start) < to.getTime() && Date.parse(s.end) > from.getTime())
    .sort((a, b) => a.start.localeCompare(b.start));
}

/** The same sessions as busy intervals for the availability engine (the id names the cohort, never an appointment). */
export async function trainingBusy(from: Date, to: Date): Promise<(BusyInterval & { appointmentId: string })[]> {
  return (await trainingSessionsBetween(from, to)).map((s) => ({ start: new Date(s.start), end: new Date(s.end), appointmentId: `training-${s.cohortId}` }));
}
