import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { TIME_ZONE } from "@mas/core/config";

/**
 * The text the day before a course's practical day, to each student on the cohort with
 * SMS consent. Rules, in the order they apply:
 * 1. it is due at 10:00 London time on the calendar day before the session (also across a
 *    clock change); a session announced after that moment gets none;
 * 2. one schedule per session, named from the cohort and the session, so the cohort's
 *    sessions changing replaces the lot (learning gives changed sessions new ids);
 * 3. when due, the session must still be in learning's published cohort at the same start
 *    (else it moved or went), and the text must go before the session starts.
 */
export const PRACTICAL_REMINDER_HOUR = 10;
const SCHEDULE_PREFIX = "practical-";

export interface PracticalSession {
  cohortId: string;
  sessionId: string;
  start: string;
}

export type PracticalDecision = { send: true } | { send: false; reason: "session_gone" | "session_moved" | "too_late" };

export function practicalReminderTime(start: string | Date, timeZone = TIME_ZONE): Date {
  const local = new TZDate(new Date(start).getTime(), timeZone);
  if (Number.isNaN(local.getTime())) throw new RangeError(`Invalid instant: ${String(start)}`);
  const dayBefore = addDays(local, -1);
  return new Date(new TZDate(dayBefore.getFullYear(), dayBefore.getMonth(), dayBefore.getDate(), PRACTICAL_REMINDER_HOUR, 0, 0, timeZone).getTime());
}

export function practicalSchedulePrefix(cohortId: string): string {
  return `${SCHEDULE_PREFIX}${cohortId}-`;
}

/** `practical-<cohortId>-<sessionId>` (two ULIDs: 63 characters, within Scheduler's 64). */
export function practicalScheduleName(session: Pick<PracticalSession, "cohortId" | "sessionId">): string {
  const name = `${practicalSchedulePrefix(session.cohortId)}${session.sessionId}`;
  if (!/^[0-9A-Za-z_.-]{1,64}$/.test(name)) throw new RangeError(`Not a valid schedule name: ${name}`);
  return name;
}

/** The reminder.due subject of one session's reminder, and back. */
export const practicalSubject = (session: Pick<PracticalSession, "cohortId" | "sessionId">) => `${session.cohortId}.${session.sessionId}`;
export function parsePracticalSubject(subjectId: string): { cohortId: string; sessionId: string } | undefined {
  const [cohortId, sessionId, ...rest] = subjectId.split(".");
  return cohortId && sessionId && rest.length === 0 ? { cohortId, sessionId } : undefined;
}

/** The reminders still ahead of `now`, one per session, in time order. */
export function practicalPlan(sessions: PracticalSession[], now: Date, timeZone = TIME_ZONE): { session: PracticalSession; at: Date; scheduleName: string }[] {
  return sessions
    .map((session) => ({ session, at: practicalReminderTime(session.start, timeZone), scheduleName: practicalScheduleName(session) }))
    .filter((planned) => planned.at.getTime() > now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

export function practicalDecision(session: PracticalSession | undefined, scheduledFor: string, now: Date, timeZone = TIME_ZONE): PracticalDecision {
  if (!session) return { send: false, reason: "session_gone" };
  if (practicalReminderTime(session.start, timeZone).getTime() !== new Date(scheduledFor).getTime()) return { send: false, reason: "session_moved" };
  if (now.getTime() >= new Date(session.start).getTime()) return { send: false, reason: "too_late" };
  return { send: true };
}
