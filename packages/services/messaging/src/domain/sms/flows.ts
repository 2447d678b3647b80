import { findAppointment } from "@mas/booking/read";
import { Events, type EventData } from "@mas/core/events/catalogue";
import type { Envelope } from "@mas/core/events/define";
import { siteLinks } from "@mas/core/links";
import { scheduleEvent } from "@mas/core/ports/scheduler";
import { practiceDetails } from "@mas/core/practice";
import { clock } from "@mas/core/shared/clock";
import { appointmentStepDecision } from "../relevance";
import { appointmentFacts } from "../workflow-state";
import { scheduleName } from "../workflows";
import { DEPOSIT_NUDGE_STEP, depositNudgeDecision, plannedDepositNudge } from "./deposit-nudge";
import { sendDeferredText, textUser, type SmsSettings, type TextOutcome, type TextRequest } from "./sending";
import { isTextKind, type TextKind } from "./texts";

/**
 * Which events and workflow steps send a text, beside their mail. Each text re-reads the
 * appointment (a cancelled or moved booking gets no stale text) and the client's consent
 * at the moment it goes; its message id derives from the cause, like the mail's, with
 * `.sms` so mail and text are separate history items.
 */
const links = () => siteLinks(practiceDetails().siteUrl);

/**
 * Appointment steps that also go by text: the 24-hour reminder, the 2-hour "see you today"
 * (both transactional, so SMS consent is enough), and the rebooking offer (marketing). The
 * 2-hour step is only scheduled while it is still ahead, so a booking made less than two
 * hours before its start gets no 2-hour text; a moved or cancelled booking's schedule is
 * replaced or deleted with the mail's, and a late firing is judged like the mail's.
 */
const TEXTED_STEPS: Partial<Record<string, TextKind>> = { reminder: "appointment.reminder", checkin: "appointment.checkin", rebook: "appointment.rebook" };

type AppointmentEvent = EventData<"appointment.confirmed">;

function appointmentText(kind: TextKind, data: Pick<AppointmentEvent, "appointmentId" | "clientId" | "serviceName" | "serviceSlug" | "start">, messageId: string, dueAt?: string): TextRequest {
  const link = kind === "appointment.cancelled" || kind === "appointment.rebook" ? links().book(data.serviceSlug) : links().appointment(data.appointmentId);
  return {
    messageId,
    kind,
    userId: data.clientId,
    data: { serviceName: data.serviceName, start: data.start, link },
    related: { type: "appointment", id: data.appointmentId },
    dueAt,
  };
}

/** Only if the event still describes the appointment (a late, older event texts nothing). */
async function stillAppointment(data: AppointmentEvent, status: string): Promise<boolean> {
  const facts = await appointmentFacts(data.appointmentId);
  return facts?.status === status && new Date(facts.start).getTime() === new Date(data.start).getTime();
}

export async function textAppointmentConfirmed(data: AppointmentEvent, envelope: Envelope, settings: SmsSettings): Promise<TextOutcome | undefined> {
  if (!(await stillAppointment(data, "confirmed"))) return undefined;
  return textUser(appointmentText("appointment.confirmation", data, `${envelope.id}.sms.appointment.confirmation`), settings);
}

export async function textAppointmentRescheduled(data: EventData<"appointment.rescheduled">, envelope: Envelope, settings: SmsSettings): Promise<TextOutcome | undefined> {
  if (!(await stillAppointment(data, "confirmed"))) return undefined;
  return textUser(appointmentText("appointment.rescheduled", data, `${envelope.id}.sms.appointment.rescheduled`), settings);
}

export async function textAppointmentCancelled(data: EventData<"appointment.cancelled">, envelope: Envelope, settings: SmsSettings): Promise<TextOutcome | undefined> {
  const facts = await appointmentFacts(data.appointmentId);
  if (facts && facts.status !== "cancelled") return undefined;
  return textUser(appointmentText("appointment.cancelled", data, `${envelope.id}.sms.appointment.cancelled`), settings);
}

export async function textWaitlistOffer(data: EventData<"waitlist.offered">, envelope: Envelope, settings: SmsSettings): Promise<TextOutcome> {
  return textUser(
    {
      messageId: `${envelope.id}.sms.waitlist.offer`,
      kind: "waitlist.offer",
      userId: data.clientId,
      data: { serviceName: data.serviceName, start: data.start, expiresAt: data.offerExpiresAt, link: links().waitlistOffer(data.waitlistId) },
      related: { type: "waitlist", id: data.waitlistId },
    },
    settings,
  );
}

/** A booking step fell due: text it too when that step goes by text and the appointment still warrants it. */
export async function textAppointmentStep(step: string, appointmentId: string, scheduledFor: string, settings: SmsSettings): Promise<TextOutcome | undefined> {
  const kind = TEXTED_STEPS[step];
  if (!kind) return undefined;
  const appointment = await appointmentFacts(appointmentId);
  if (!appointment || !appointmentStepDecision(step, appointment, scheduledFor, clock.now()).send) return undefined;
  const messageId = `${scheduleName("appointment", appointmentId, step)}.${scheduledFor}.sms`;
  return textUser(appointmentText(kind, { ...appointment, appointmentId, serviceSlug: appointment.serviceSlug ?? "" }, messageId, scheduledFor), settings);
}

/** A text held back by quiet hours is due: rebuilt from its history item and its subject as they are now. */
export async function onDeferredTextDue(messageId: string, settings: SmsSettings): Promise<TextOutcome> {
  return sendDeferredText(
    messageId,
    async (message) => {
      const kind = message.template.replace(/^sms\./, "");
      if (!isTextKind(kind)) return { skip: "unknown_text" };
      if (message.relatedType !== "appointment" || !message.relatedId) return { skip: "subject_unknown" };
      const appointment = await appointmentFacts(message.relatedId);
      const step = Object.entries(TEXTED_STEPS).find(([, k]) => k === kind)?.[0];
      if (!appointment || !step || !message.dueAt) return { skip: "appointment_unknown" };
      const decision = appointmentStepDecision(step, appointment, message.dueAt, clock.now());
      if (!decision.send) return { skip: decision.reason };
      return appointmentText(kind, { ...appointment, appointmentId: message.relatedId, serviceSlug: appointment.serviceSlug ?? "" }, messageId, message.dueAt);
    },
    settings,
  );
}

export const depositNudgeScheduleName = (appointmentId: string) => scheduleName("appointment", appointmentId, DEPOSIT_NUDGE_STEP);

/** A booking is held for its deposit: schedule its one nudge (deposit-nudge.ts says when, or that none fits). */
export async function scheduleDepositNudge(data: EventData<"appointment.requested">, envelope: Envelope): Promise<Date | undefined> {
  if (data.status !== "pending_deposit" || !data.holdExpiresAt) return undefined;
  const at = plannedDepositNudge({ requestedAt: envelope.occurredAt, holdExpiresAt: data.holdExpiresAt }, clock.now());
  if (!at) return undefined;
  await scheduleEvent({
    name: depositNudgeScheduleName(data.appointmentId),
    at,
    event: Events.ReminderDue,
    data: { workflow: "deposit-nudge", step: "send", subjectId: data.appointmentId, scheduledFor: at.toISOString() },
  });
  return at;
}

/** The nudge fell due: text it if booking still holds the slot for the same unpaid hold. */
export async function textDepositNudge(appointmentId: string, scheduledFor: string, settings: SmsSettings): Promise<TextOutcome | undefined> {
  const appointment = await findAppointment(appointmentId);
  if (!appointment || !depositNudgeDecision(appointment, scheduledFor, clock.now()).send) return undefined;
  return textUser(
    {
      messageId: `${depositNudgeScheduleName(appointmentId)}.${scheduledFor}.sms`,
      kind: "deposit.nudge",
      userId: appointment.clientId,
      data: { serviceName: appointment.serviceName, start: appointment.start, expiresAt: appointment.holdExpiresAt, link: links().payDeposit(appointmentId) },
      related: { type: "appointment", id: appointmentId },
      dueAt: scheduledFor,
    },
    settings,
  );
}
