import * as z from "zod";
import { ulid } from "ulid";
import type { EntityItem } from "electrodb";
import { notFound, unprocessable } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { instantAt, isLocalDate, isLocalTime, minutesOfDay } from "@mas/core/shared/time";
import { db } from "../entities";
import type { Cohort } from "../entities/cohort";
import { requireCourse, type CourseItem } from "./courses";

/**
 * Cohorts and their practical sessions. Every change to a published cohort's sessions is
 * announced (`cohort.sessions_changed`, whole list) in the same transaction as the change,
 * so booking's copy of the training blocks never drifts from learning's. Opening a cohort
 * (created published, or published later) is announced too (`cohort.opened`): messaging
 * mails those who registered interest in the course.
 */
export type CohortItem = EntityItem<typeof Cohort>;

export const SessionInput = z
  .strictObject({
    date: z.string().refine(isLocalDate, "YYYY-MM-DD"),
    start: z.string().refine(isLocalTime, "HH:mm"),
    end: z.string().refine(isLocalTime, "HH:mm"),
    room: z.string().trim().min(1).max(80),
  })
  .refine((s) => !isLocalTime(s.start) || !isLocalTime(s.end) || minutesOfDay(s.end) > minutesOfDay(s.start), { message: "A session must end after it starts", path: ["end"] });

export const CohortInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  capacity: z.number().int().min(1).max(500),
  sessions: z.array(SessionInput).max(20).default([]),
  published: z.boolean().default(false),
});
export const CohortChanges = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  capacity: z.number().int().min(1).max(500).optional(),
  sessions: z.array(SessionInput).max(20).optional(),
  published: z.boolean().optional(),
});

export async function getCohort(cohortId: string): Promise<CohortItem | undefined> {
  const { data } = await db().entities.cohort.get({ cohortId }).go({ consistent: true });
  return data ?? undefined;
}

export async function cohortsOf(courseId: string): Promise<CohortItem[]> {
  const { data } = await db().entities.cohort.query.byCourse({ courseId }).go({ pages: "all" });
  return data;
}

export async function createCohort(courseId: string, input: z.output<typeof CohortInput>, now: Date): Promise<CohortItem> {
  const course = await requireCourse(courseId);
  const at = now.toISOString();
  const item = { cohortId: ulid(), courseId, name: input.name, capacity: input.capacity, seatsTaken: 0, sessions: input.sessions.map((s) => ({ ...s, sessionId: ulid() })), published: input.published, createdAt: at, updatedAt: at };
  const events = item.published
    ? [stageEvent(Events.CohortSessionsChanged, sessionsAnnouncement(item, course.title), { occurredAt: now }), stageEvent(Events.CohortOpened, openingAnnouncement(item, course), { occurredAt: now })]
    : [];
  const result = await db()
    .transaction.write(({ cohort, outboxEvent }) => [cohort.create(item).commit(), ...events.map((e) => outboxEvent.put(e.item).commit())])
    .go();
  if (result.canceled) throw new Error("cohort create cancelled");
  await publishStaged(events);
  return item;
}

export async function updateCohort(cohortId: string, changes: z.output<typeof CohortChanges>, now: Date): Promise<CohortItem> {
  const current = await getCohort(cohortId);
  if (!current) throw notFound("learning.cohort_not_found", "No such cohort");
  if (changes.capacity !== undefined && changes.capacity < (current.seatsTaken ?? 0)) {
    throw unprocessable("learning.capacity_below_enrolled", `${current.seatsTaken} places are already taken`, { capacity: "Below the places taken" });
  }
  const course = await requireCourse(current.courseId);
  const sessions = changes.sessions ? changes.sessions.map((s) => ({ ...s, sessionId: ulid() })) : current.sessions;
  const next = { ...current, ...changes, sessions, updatedAt: now.toISOString() };
  // Announce when booking's view changes: sessions of a published cohort, or (un)publishing.
  const announce = (next.published && (changes.sessions !== undefined || !current.published)) || (current.published && !next.published);
  const announced = next.published ? next : { ...next, sessions: [] };
  const events = [
    ...(announce ? [stageEvent(Events.CohortSessionsChanged, sessionsAnnouncement(announced, course.title), { occurredAt: now })] : []),
    ...(next.published && !current.published ? [stageEvent(Events.CohortOpened, openingAnnouncement(next, course), { occurredAt: now })] : []),
  ];
  const result = await db()
    .transaction.write(({ cohort, outboxEvent }) => [
      cohort
        .patch({ cohortId })
        .set({ name: next.name, sessions, published: next.published, updatedAt: next.updatedAt, ...(changes.capacity !== undefined ? { capacity: changes.capacity } : {}) })
        // The capacity check above raced with enrolments: re-check it in the write.
        .where((attr, op) => (changes.capacity !== undefined ? op.lte(attr.seatsTaken, changes.capacity) : op.exists(attr.cohortId)))
        .commit(),
      ...events.map((e) => outboxEvent.put(e.item).commit()),
    ])
    .go();
  if (result.canceled) throw unprocessable("learning.capacity_below_enrolled", "More places were taken meanwhile", { capacity: "Below the places taken" });
  await publishStaged(events);
  return (await getCohort(cohortId))!;
}

export function sessionsAnnouncement(cohort: Pick<CohortItem, "cohortId" | "courseId" | "sessions">, courseTitle: string) {
  return {
    cohortId: cohort.cohortId,
    courseId: cohort.courseId,
    courseTitle,
    sessions: (cohort.sessions ?? []).map((s) => ({ sessionId: s.sessionId, start: instantAt(s.date, s.start).toISOString(), end: instantAt(s.date, s.end).toISOString(), room: s.room })),
  };
}

/** A cohort newly open for enrolment, for those who asked to hear (messaging mails them). */
export function openingAnnouncement(cohort: Pick<CohortItem, "cohortId" | "courseId" | "name" | "sessions">, course: Pick<CourseItem, "title" | "slug">) {
  const first = [...(cohort.sessions ?? [])].sort((a, b) => a.date.localeCompare(b.date))[0];
  return { cohortId: cohort.cohortId, courseId: cohort.courseId, courseTitle: course.title, courseSlug: course.slug, cohortName: cohort.name, firstSessionDate: first?.date ?? null };
}

export function cohortView(c: CohortItem) {
  return { cohortId: c.cohortId, courseId: c.courseId, name: c.name, capacity: c.capacity, seatsTaken: c.seatsTaken ?? 0, placesLeft: Math.max(0, c.capacity - (c.seatsTaken ?? 0)), sessions: c.sessions ?? [], published: c.published ?? false };
}
