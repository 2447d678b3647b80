import { putObject, deleteObject } from "@mas/core/ports/storage";
import { cancelSchedule, scheduleEvent } from "@mas/core/ports/scheduler";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { TIME_ZONE } from "@mas/core/config";
import { getUser } from "@mas/accounts/read";
import { db } from "../entities";
import { consentDeadline } from "./consent-rules";
import { findDocument } from "./document-store";
import { newObjectKey } from "./document-store";
import { nextTrailEntry, sha256Hex } from "./integrity";
import { mergeTemplate, type MergeValues } from "./merge-fields";
import { renderConsentPdf, type Clinic } from "./pdf";
import { createTemplate, latestTemplate, templateIdOf, templateText, type TemplateView } from "./templates";
import { GENERAL_CONSENT } from "./default-templates";

/**
 * The consent form for a confirmed appointment: merged from the latest consent template of
 * the treatment's category (or the general one), rendered to PDF, stored, and announced
 * (`document.generated`, which messaging mails as "please sign"). One per appointment —
 * the id is derived from the appointment and the document is a conditional create, so a
 * redelivered `appointment.confirmed` finds it and changes nothing.
 */
export interface AppointmentFacts {
  appointmentId: string;
  clientId: string;
  serviceName: string;
  category: string;
  start: string;
}

export const consentDocumentId = (appointmentId: string): string => `consent-${appointmentId}`;
export const expiryScheduleName = (documentId: string): string => `doc-${documentId}-expiry`;
export const EXPIRY_WORKFLOW = "document-expiry";

const longDate = (iso: string, withTime: boolean) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, weekday: withTime ? "long" : undefined, day: "numeric", month: "long", year: "numeric", ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}) }).format(new Date(iso));

async function consentTemplateFor(category: string, now: Date): Promise<TemplateView> {
  const own = await latestTemplate(templateIdOf("consent", category));
  if (own) return own;
  const general = await latestTemplate(templateIdOf("consent", "general"));
  if (general) return general;
  // First consent ever with no templates written: store the built-in one as version 1, so
  // even this form is pinned to a stored template version.
  try {
    return await createTemplate(GENERAL_CONSENT, "system", now);
  } catch {
    return (await latestTemplate(templateIdOf("consent", "general")))!;
  }
}

export async function consentValues(template: TemplateView, appointment: AppointmentFacts, clinic: Clinic): Promise<MergeValues> {
  const client = await getUser(appointment.clientId);
  return {
    clientName: client ? `${client.firstName} ${client.lastName}` : "Client",
    clientDateOfBirth: client?.dateOfBirth ? longDate(`${client.dateOfBirth}T12:00:00Z`, false) : "Not given",
    treatment: appointment.serviceName,
    appointmentDate: longDate(appointment.start, true),
    practitioner: `${clinic.name} practitioner`,
    clinicName: clinic.name,
    risks: template.risks || "Your practitioner will explain the risks of this treatment.",
    aftercare: template.aftercare || "Your practitioner will give you aftercare advice.",
  };
}

export async function createConsentForAppointment(appointment: AppointmentFacts, ctx: { now: Date; clinic: Clinic }): Promise<{ documentId: string; created: boolean }> {
  const documentId = consentDocumentId(appointment.appointmentId);
  const existing = await findDocument(documentId);
  if (existing) {
    if (existing.status === "awaiting_signature" && existing.signBy) await scheduleExpiry(documentId, new Date(existing.signBy), ctx.now);
    return { documentId, created: false };
  }
  const { now, clinic } = ctx;
  const template = await consentTemplateFor(appointment.category, now);
  const content = mergeTemplate(templateText(template), await consentValues(template, appointment, clinic));
  const signBy = consentDeadline(new Date(appointment.start), now);
  const pdf = await renderConsentPdf({ clinic, documentId, templateId: template.templateId, templateVersion: template.version, content, generatedAt: longDate(now.toISOString(), false) });
  const pdfKey = newObjectKey("documents", appointment.clientId, "pdf");
  await putObject(pdfKey, pdf, "application/pdf");
  const pdfSha256 = sha256Hex(pdf);
  const entry = nextTrailEntry(undefined, { documentId, action: "generated", at: now.toISOString(), actor: "system", detail: { template: `${template.templateId}@${template.version}`, pdfSha256 } });
  const event = stageEvent(Events.DocumentGenerated, { documentId, userId: appointment.clientId, kind: "consent-form", subjectId: appointment.appointmentId }, { occurredAt: now });
  const result = await db()
    .transaction.write(({ document, trailEntry, outboxEvent }) => [
      document
        .create({
          documentId,
          kind: "consent-form",
          userId: appointment.clientId,
          subjectId: appointment.appointmentId,
          templateId: template.templateId,
          templateVersion: template.version,
          title: content.title,
          content: JSON.stringify(content),
          status: "awaiting_signature",
          signBy: signBy.toISOString(),
          appointmentStart: appointment.start,
          pdfKey,
          pdfSha256,
          trailHead: entry.hash,
          trailLength: 1,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        })
        .commit(),
      trailEntry.create(entry).commit(),
      outboxEvent.put(event.item).commit(),
    ])
    .go();
  if (result.canceled) {
    // Another delivery of the same event won the race: its PDF is the one kept.
    await deleteObject(pdfKey);
    return { documentId, created: false };
  }
  await publishStaged([event]);
  await scheduleExpiry(documentId, signBy, now);
  return { documentId, created: true };
}

/** One schedule per document, named after it (rescheduling replaces it; signing deletes it). */
export async function scheduleExpiry(documentId: string, signBy: Date, now: Date): Promise<void> {
  if (signBy.getTime() <= now.getTime()) return; // already past: readers see it expired; nothing to wait for
  await scheduleEvent({
    name: expiryScheduleName(documentId),
    at: signBy,
    event: Events.ReminderDue,
    data: { workflow: EXPIRY_WORKFLOW, step: "expire", subjectId: documentId, scheduledFor: signBy.toISOString() },
  });
}

export const cancelExpiry = (documentId: string): Promise<void> => cancelSchedule(expiryScheduleName(documentId));
