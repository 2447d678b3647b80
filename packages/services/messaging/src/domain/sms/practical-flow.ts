import { cohortMembers, practicalDaysOf } from "@mas/learning/read";
import { Events } from "@mas/core/events/catalogue";
import { siteLinks } from "@mas/core/links";
import { cancelSchedule, listSchedules, scheduleEvent } from "@mas/core/ports/scheduler";
import { practiceDetails } from "@mas/core/practice";
import { clock } from "@mas/core/shared/clock";
import { parsePracticalSubject, practicalDecision, practicalPlan, practicalScheduleName, practicalSchedulePrefix, practicalSubject } from "./practical-days";
import { textUser, type SmsSettings, type TextOutcome } from "./sending";

/**
 * Practical-day reminders (practical-days.ts has the rules). A change to a cohort's sessions
 * (`cohort.sessions_changed`) re-reads the cohort from learning — not the event's list, so
 * an older event arriving late cannot undo a newer change — and replaces the cohort's
 * schedules. When one falls due, the session and the cohort's members are read again and
 * each member is texted once (SMS consent is checked per member as each text goes).
 */
export async function syncPracticalReminders(cohortId: string): Promise<Date[]> {
  const plan = practicalPlan(await practicalDaysOf(cohortId), clock.now());
  const planned = new Set(plan.map((p) => p.scheduleName));
  const existing = await listSchedules(practicalSchedulePrefix(cohortId));
  await Promise.all(existing.filter((name) => !planned.has(name)).map((name) => cancelSchedule(name)));
  for (const p of plan) {
    await scheduleEvent({
      name: p.scheduleName,
      at: p.at,
      event: Events.ReminderDue,
      data: { workflow: "practical-day", step: "send", subjectId: practicalSubject(p.session), scheduledFor: p.at.toISOString() },
    });
  }
  return plan.map((p) => p.at);
}

export async function textPracticalDay(subjectId: string, scheduledFor: string, settings: SmsSettings): Promise<TextOutcome[]> {
  const subject = parsePracticalSubject(subjectId);
  if (!subject) return [];
  const day = (await practicalDaysOf(subject.cohortId)).find((d) => d.sessionId === subject.sessionId);
  if (!day || !practicalDecision(day, scheduledFor, clock.now()).send) return [];
  const links = siteLinks(practiceDetails().siteUrl);
  const outcomes: TextOutcome[] = [];
  for (const member of await cohortMembers(subject.cohortId)) {
    outcomes.push(
      await textUser(
        {
          messageId: `${practicalScheduleName(day)}.${scheduledFor}.${member.userId}.sms`,
          kind: "course.practical",
          userId: member.userId,
          data: { serviceName: day.courseTitle, start: day.start, room: day.room, link: links.enrollment(member.enrollmentId) },
          related: { type: "enrollment", id: member.enrollmentId },
          dueAt: scheduledFor,
        },
        settings,
      ),
    );
  }
  return outcomes;
}
