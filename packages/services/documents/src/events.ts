import { audit } from "@mas/core/audit/audit";
import { config } from "@mas/core/config";
import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";
import { eraseWith } from "@mas/core/personal-data";
import { practice } from "@mas/core/practice";
import { clock } from "@mas/core/shared/clock";
import { renderIssuedCertificate } from "./domain/certificates";
import { createConsentForAppointment, EXPIRY_WORKFLOW } from "./domain/consent-forms";
import { expireDocument } from "./domain/expiry";
import { documentsPersonalData } from "./domain/personal-data";

/**
 * What documents reacts to: a confirmed appointment (its consent form), its own expiry
 * timers, an issued certificate (its PDF) and erasure. Each handler re-reads state and
 * writes conditionally, so redelivery changes nothing.
 */
export const handlers: EventHandlers = {
  "appointment.confirmed": async (data) => {
    await createConsentForAppointment(data, { now: clock.now(), clinic: practice() });
  },
  "reminder.due": async (data) => {
    if (data.workflow === EXPIRY_WORKFLOW) await expireDocument(data.subjectId, clock.now());
  },
  "certificate.issued": async (data) => {
    await renderIssuedCertificate(data, { now: clock.now(), clinic: practice(), siteUrl: config.siteUrl() });
  },
  /** Erase this service's part of the user's personal data (accounts erased its own and announced it). */
  "user.erased": async (data) => {
    const erased = await eraseWith(documentsPersonalData, data.userId);
    await audit({ actor: "system", action: "documents.personal_data_erased", subject: data.userId, detail: { parts: erased } });
  },
};

export const consume = createEventConsumer("documents", handlers);
