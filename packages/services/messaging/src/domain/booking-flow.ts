import type { Envelope } from "@mas/core/events/define";
import { Events, type EventData } from "@mas/core/events/catalogue";
import { cancelSchedule, listSchedules, scheduleEvent } from "@mas/core/ports/scheduler";
import { formatGBP } from "@mas/core/shared/money";
import { appointmentInvite, clinicDetails } from "@mas/booking/read";
import { clock } from "@mas/core/shared/clock";
import { deliver } from "./delivery";
import type { MergeData } from "./fields";
import { practiceDetails } from "@mas/core/practice";
import { recipientFor } from "./recipients";
import { appointmentStepDecision, type Decision } from "./relevance";
import { preparationAdvice } from "./templates";
import { appointmentFacts, recordAppointment, setAppointmentStatus } from "./workflow-state";
import { APPOINTMENT_STEPS, appointmentPlan, appointmentStepTemplate, scheduleName, schedulePrefix } from "./workflows";
import { siteLinks } from "@mas/core/links";
import { DEPOSIT_NUDGE_STEP } from "./sms/deposit-nudge";

/**
 * The booking workflow: confirmation (with the calendar invite) when booking confirms,
 * one Scheduler schedule per later step, replaced when the appointment moves and deleted
 * when it is cancelled or missed; each step re-checks the appointment when it falls due.
 */
type AppointmentEvent = EventData<"appointment.confirmed">;

interface AppointmentSubject {
  appointmentId: string;
  serviceName: string;
  serviceSlug?: string;
  category: string;
  start: string;
  end: string;
  depositInPence?: number;
}

export function appointmentMergeData(a: AppointmentSubject, extra: Record<string, string> = {}): MergeData {
  const links = siteLinks(practiceDetails().siteUrl);
  return {
    appointment: { start: a.start, end: a.end, deposit: a.depositInPence === undefined ? undefined : formatGBP(a.depositInPence), ...extra },
    service: { name: a.serviceName, category: a.category, preparation: preparationAdvice(a.category) },
    links: {
      manageBooking: links.appointment(a.appointmentId),
      rebook: links.book(a.serviceSlug),
      review: links.review(a.appointmentId),
    },
  };
}

async function invite(a: AppointmentSubject, issuedAt: string, cancelled = false) {
  const content = await appointmentInvite({ ...a, practice: await clinicDetails(), issuedAt: new Date(issuedAt), cancelled });
  return [{ filename: "appointment.ics", contentType: `text/calendar; charset=UTF-8; method=${cancelled ? "CANCEL" : "PUBLISH"}`, content }];
}

function mirror(data: AppointmentEvent, envelope: Envelope, status: "confirmed" | "cancelled" | "completed" | "no_show") {
  return recordAppointment({
    appointmentId: data.appointmentId,
    clientId: data.clientId,
    serviceName: data.serviceName,
    serviceSlug: data.serviceSlug,
    category: data.category,
    start: data.start,
    end: data.end,
    depositInPence: data.depositInPence,
    status,
    lastEventAt: envelope.occurredAt,
  });
}

/** Creates or replaces the schedule of every step still ahead; deletes the others. */
async function replaceSchedules(data: AppointmentEvent): Promise<void> {
  const plan = appointmentPlan(data, clock.now());
  const planned = new Set(plan.map((step) => step.scheduleName));
  const existing = await listSchedules(schedulePrefix("appointment", data.appointmentId));
  await Promise.all(existing.filter((name) => !planned.has(name)).map((name) => cancelSchedule(name)));
  for (const step of plan) {
    await scheduleEvent({
      name: step.scheduleName,
      at: step.at,
      event: Events.ReminderDue,
      data: { workflow: "appointment", step: step.step, subjectId: data.appointmentId, scheduledFor: step.at.toISOString() },
    });
  }
}

/** Every step's schedule, and the deposit nudge's under the same prefix. */
export async function cancelAppointmentSchedules(appointmentId: string): Promise<void> {
  await Promise.all([...APPOINTMENT_STEPS, DEPOSIT_NUDGE_STEP].map((step) => cancelSchedule(scheduleName("appointment", appointmentId, step))));
}

async function mailClient(clientId: string, template: string, messageId: string, subject: AppointmentSubject, data: MergeData, attachments?: Awaited<ReturnType<typeof invite>>) {
  const recipient = await recipientFor(clientId);
  if (!recipient) return;
  await deliver({ messageId, template, recipient, data, related: { type: "appointment", id: subject.appointmentId }, attachments });
}

export async function onAppointmentConfirmed(data: AppointmentEvent, envelope: Envelope): Promise<void> {
  if (!(await mirror(data, envelope, "confirmed"))) return;
  await replaceSchedules(data);
  const template = "appointment.confirmation";
  await mailClient(data.clientId, template, `${envelope.id}.${template}`, data, appointmentMergeData(data), await invite(data, envelope.occurredAt));
}

export async function onAppointmentRescheduled(data: EventData<"appointment.rescheduled">, envelope: Envelope): Promise<void> {
  if (!(await mirror(data, envelope, "confirmed"))) return;
  await replaceSchedules(data);
  const template = "appointment.rescheduled";
  const merge = appointmentMergeData(data, { previousStart: data.previousStart });
  await mailClient(data.clientId, template, `${envelope.id}.${template}`, data, merge, await invite(data, envelope.occurredAt));
}

export async function onAppointmentCancelled(data: EventData<"appointment.cancelled">, envelope: Envelope): Promise<void> {
  if (!(await mirror(data, envelope, "cancelled"))) return;
  await cancelAppointmentSchedules(data.appointmentId);
  const template = "appointment.cancelled";
  const merge = appointmentMergeData(data, { cancellationReason: data.reason ?? "", fee: formatGBP(data.feeInPence) });
  await mailClient(data.clientId, template, `${envelope.id}.${template}`, data, merge, await invite(data, envelope.occurredAt, true));
}

/** Completed: the after-visit steps stay. Missed: nothing more is sent. */
export async function onAppointmentCompleted(data: AppointmentEvent, envelope: Envelope): Promise<void> {
  await mirror(data, envelope, "completed");
}

export async function onAppointmentNoShow(data: EventData<"appointment.no_show">, envelope: Envelope): Promise<void> {
  if (!(await setAppointmentStatus(data.appointmentId, "no_show", envelope.occurredAt))) await mirror(data, envelope, "no_show");
  await cancelAppointmentSchedules(data.appointmentId);
}

/** A booking step fell due: send it if the appointment still warrants it. */
export async function onAppointmentStepDue(step: string, appointmentId: string, scheduledFor: string): Promise<Decision> {
  const appointment = await appointmentFacts(appointmentId);
  const decision = appointmentStepDecision(step, appointment, scheduledFor, clock.now());
  if (!decision.send || !appointment) return decision;
  const template = appointmentStepTemplate(step as (typeof APPOINTMENT_STEPS)[number], appointment.category);
  const recipient = await recipientFor(appointment.clientId);
  if (!recipient) return { send: false, reason: "recipient_unknown" };
  await deliver({
    messageId: `${scheduleName("appointment", appointmentId, step)}.${scheduledFor}`,
    template,
    recipient,
    data: appointmentMergeData({ ...appointment, appointmentId }),
    related: { type: "appointment", id: appointmentId },
    dueAt: scheduledFor,
  });
  return decision;
}
