import { deleteObject, putObject } from "@mas/core/ports/storage";
import { Events, type EventData } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { TIME_ZONE } from "@mas/core/config";
import { getUser } from "@mas/accounts/read";
import { db } from "../entities";
import { findDocument, newObjectKey } from "./document-store";
import { nextTrailEntry, sha256Hex } from "./integrity";
import { mergeTemplate } from "./merge-fields";
import { renderCertificatePdf, type Clinic } from "./pdf";
import { createTemplate, latestTemplate, templateIdOf, templateText } from "./templates";
import { DEFAULT_CERTIFICATE } from "./default-templates";

/**
 * The certificate PDF for a `certificate.issued` (learning owns the certificate; documents
 * renders it): holder, course, number, date and a QR code to the public verification page.
 * One per certificate (id derived from it, conditional create), announced as
 * `document.generated` kind `certificate` (messaging sends no "please sign" for those).
 */
export const certificateDocumentId = (certificateId: string): string => `certificate-${certificateId}`;

export async function renderIssuedCertificate(data: EventData<"certificate.issued">, ctx: { now: Date; clinic: Clinic; siteUrl: string }): Promise<{ documentId: string; created: boolean }> {
  const documentId = certificateDocumentId(data.certificateId);
  if (await findDocument(documentId)) return { documentId, created: false };
  const template =
    (await latestTemplate(templateIdOf("certificate", "course"))) ??
    (await createTemplate(DEFAULT_CERTIFICATE, "system", ctx.now).catch(async () => (await latestTemplate(templateIdOf("certificate", "course")))!));
  const holder = await getUser(data.userId);
  const verificationUrl = `${ctx.siteUrl.replace(/\/$/, "")}/verify/${encodeURIComponent(data.verificationCode)}`;
  const content = mergeTemplate(templateText(template), {
    holderName: holder ? `${holder.firstName} ${holder.lastName}` : "Course graduate",
    courseTitle: data.courseTitle,
    certificateNumber: data.verificationCode,
    issuedDate: new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" }).format(ctx.now),
    verificationUrl,
    clinicName: ctx.clinic.name,
    practitioner: `${ctx.clinic.name} trainer`,
  });
  // (imported here, like the PDF renderer: only certificate issuing needs it)
  const { default: QRCode } = await import("qrcode");
  const qrPng = new Uint8Array(await QRCode.toBuffer(verificationUrl, { type: "png", margin: 1, width: 240 }));
  const pdf = await renderCertificatePdf({ clinic: ctx.clinic, content, certificateNumber: data.verificationCode, verificationUrl, qrPng });
  const pdfKey = newObjectKey("certificates", data.userId, "pdf");
  await putObject(pdfKey, pdf, "application/pdf");
  const pdfSha256 = sha256Hex(pdf);
  const at = ctx.now.toISOString();
  const entry = nextTrailEntry(undefined, { documentId, action: "generated", at, actor: "system", detail: { template: `${template.templateId}@${template.version}`, pdfSha256 } });
  const event = stageEvent(Events.DocumentGenerated, { documentId, userId: data.userId, kind: "certificate", subjectId: data.certificateId }, { occurredAt: ctx.now });
  const result = await db()
    .transaction.write(({ document, trailEntry, outboxEvent }) => [
      document
        .create({
          documentId,
          kind: "certificate",
          userId: data.userId,
          subjectId: data.certificateId,
          templateId: template.templateId,
          templateVersion: template.version,
          title: content.title,
          content: JSON.stringify(content),
          status: "issued",
          pdfKey,
          pdfSha256,
          trailHead: entry.hash,
          trailLength: 1,
          createdAt: at,
          updatedAt: at,
        })
        .commit(),
      trailEntry.create(entry).commit(),
      outboxEvent.put(event.item).commit(),
    ])
    .go();
  if (result.canceled) {
    await deleteObject(pdfKey);
    return { documentId, created: false };
  }
  await publishStaged([event]);
  return { documentId, created: true };
}
