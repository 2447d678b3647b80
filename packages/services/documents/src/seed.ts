import { appointmentsOfClient } from "@mas/booking/read";
import { practice } from "@mas/core/practice";
import { createConsentForAppointment } from "./domain/consent-forms";
import { CATEGORY_CONSENTS, DEFAULT_CERTIFICATE, GENERAL_CONSENT } from "./domain/default-templates";
import { findDocument } from "./domain/document-store";
import { pngDataUrl, pngOf } from "./domain/png";
import { signDocument } from "./domain/signing";
import { createTemplate, latestTemplate, templateIdOf } from "./domain/templates";

/**
 * Demo data for `npm start`: consent templates for every treatment category of the demo
 * menu (plus the general one and the certificate), and for the demo clients' upcoming
 * appointments one consent form signed (the first client) and the others awaiting
 * signature. Idempotent: templates are created only when missing, forms are one per
 * appointment. Unlike booking's seed this publishes (document.generated/signed through the
 * outbox), so booking's diary shows the consent state and messaging's inbox holds the mails.
 */
export async function seedDocumentsDemo(clients: { userId: string; name: string }[], now = new Date()): Promise<{ templates: number; documents: number }> {
  let templates = 0;
  for (const template of [GENERAL_CONSENT, ...CATEGORY_CONSENTS, DEFAULT_CERTIFICATE]) {
    if (await latestTemplate(templateIdOf(template.kind, template.category))) continue;
    await createTemplate(template, "seed", now);
    templates++;
  }
  let documents = 0;
  const clinic = practice();
  for (const [index, client] of clients.entries()) {
    const upcoming = (await appointmentsOfClient(client.userId)).find((a) => a.status === "confirmed" && Date.parse(a.start) > now.getTime());
    if (!upcoming) continue;
    const { documentId, created } = await createConsentForAppointment(upcoming, { now, clinic });
    if (created) documents++;
    const document = await findDocument(documentId);
    if (index === 0 && document?.status === "awaiting_signature") {
      await signDocument(documentId, { typedName: client.name, signaturePng: pngDataUrl(pngOf(600, 200)), consent: true }, { userId: client.userId, ip: "127.0.0.1", userAgent: "demo seed" }, { now, clinic });
    }
  }
  return { templates, documents };
}
