import { Events, type EventData } from "@mas/core/events/catalogue";
import type { Envelope } from "@mas/core/events/define";
import { cancelSchedule, scheduleEvent } from "@mas/core/ports/scheduler";
import { clock } from "@mas/core/shared/clock";
import { deliver } from "./delivery";
import type { MergeData } from "./fields";
import { practiceDetails } from "@mas/core/practice";
import { recipientFor } from "./recipients";
import { courseStepDecision, type Decision } from "./relevance";
import { courseFacts, enrollmentState, recordCourseCompleted, recordEnrollment, recordLessonCompleted } from "./workflow-state";
import { COURSE_STEPS, coursePlan, scheduleName } from "./workflows";
import { siteLinks } from "@mas/core/links";
import { interestedIn } from "@mas/learning/read";

/**
 * The course workflow: welcome on activation, then day 1 / 7 / 14 / 30 nudges that read
 * the student's progress when they fall due; completing the course deletes what is left.
 */
function courseMergeData(title: string, progressPercent: number, enrollmentId: string): MergeData {
  return { course: { title, progressPercent }, links: { course: siteLinks(practiceDetails().siteUrl).enrollment(enrollmentId) } };
}

export async function onEnrollmentActivated(data: EventData<"enrollment.activated">, envelope: Envelope): Promise<void> {
  const existing = await enrollmentState(data.enrollmentId);
  const recorded = await recordEnrollment({
    enrollmentId: data.enrollmentId,
    userId: data.userId,
    courseId: data.courseId,
    courseTitle: data.courseTitle,
    activatedAt: data.activatedAt,
    status: existing?.status ?? "active",
    lessonsCompleted: existing?.lessonsCompleted,
    progressPercent: existing?.progressPercent ?? 0,
    lastEventAt: envelope.occurredAt,
  });
  if (!recorded) return;
  if ((existing?.status ?? "active") === "active") {
    for (const step of coursePlan(data, clock.now())) {
      await scheduleEvent({
        name: step.scheduleName,
        at: step.at,
        event: Events.ReminderDue,
        data: { workflow: "course", step: step.step, subjectId: data.enrollmentId, scheduledFor: step.at.toISOString() },
      });
    }
  }
  const recipient = await recipientFor(data.userId);
  if (!recipient) return;
  await deliver({
    messageId: `${envelope.id}.course.welcome`,
    template: "course.welcome",
    recipient,
    data: courseMergeData(data.courseTitle, existing?.progressPercent ?? 0, data.enrollmentId),
    related: { type: "enrollment", id: data.enrollmentId },
  });
}

export async function onLessonCompleted(data: EventData<"lesson.completed">): Promise<void> {
  await recordLessonCompleted(data.enrollmentId, data.lessonId, data.progressPercent);
}

export async function cancelCourseSchedules(enrollmentId: string): Promise<void> {
  await Promise.all(COURSE_STEPS.map((step) => cancelSchedule(scheduleName("course", enrollmentId, step))));
}

export async function onCourseCompleted(data: EventData<"course.completed">): Promise<void> {
  await recordCourseCompleted(data.enrollmentId);
  await cancelCourseSchedules(data.enrollmentId);
}

export async function onCourseStepDue(step: string, enrollmentId: string, scheduledFor: string): Promise<Decision> {
  const state = await enrollmentState(enrollmentId);
  const decision = courseStepDecision(step, state && courseFacts(state), scheduledFor);
  if (!decision.send || !state) return decision;
  const recipient = await recipientFor(state.userId);
  if (!recipient) return { send: false, reason: "recipient_unknown" };
  await deliver({
    messageId: `${scheduleName("course", enrollmentId, step)}.${scheduledFor}`,
    template: `course.${step}`,
    recipient,
    data: courseMergeData(state.courseTitle, Math.round(state.progressPercent), enrollmentId),
    related: { type: "enrollment", id: enrollmentId },
    dueAt: scheduledFor,
  });
  return decision;
}

/**
 * A cohort opened: everyone who registered interest in the course is mailed, each note at
 * most once ever (the message id is the note's, not the event's), so a redelivered event or
 * a second cohort opening later sends nothing more to the same note.
 */
export async function onCohortOpened(data: EventData<"cohort.opened">): Promise<void> {
  const link = siteLinks(practiceDetails().siteUrl).course(data.courseSlug);
  for (const interest of await interestedIn(data.courseId)) {
    await deliver({
      messageId: `interest.${interest.interestId}.course.places-open`,
      template: "course.places-open",
      recipient: { userId: `interest:${interest.interestId}`, email: interest.email, firstName: interest.name || "there" },
      data: { course: { title: data.courseTitle }, links: { course: link } },
      related: { type: "course", id: data.courseId },
    });
  }
}
