import { db } from "../entities";

/**
 * The consent form's state as booking shows it on the appointment (the owner's diary and
 * appointment view): documents owns the form and announces it; booking keeps its own copy
 * on the appointment. Missing = no form announced yet (`consent` absent).
 *
 * Events can arrive out of order or twice, so the status only moves forward
 * (awaiting_signature → signed | expired): a late `document.generated` never turns a signed
 * form back into an unsigned one.
 */
export const CONSENT_STATUSES = ["awaiting_signature", "expired", "signed"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

const rank: Record<ConsentStatus, number> = { awaiting_signature: 0, expired: 1, signed: 2 };

export function consentMovesTo(current: ConsentStatus | undefined, next: ConsentStatus): boolean {
  return current === undefined || rank[next] > rank[current];
}

export async function recordConsent(input: { appointmentId: string; documentId: string; status: ConsentStatus; at: string }): Promise<"recorded" | "unchanged"> {
  const { data: appointment } = await db().entities.appointment.get({ appointmentId: input.appointmentId }).go({ consistent: true });
  if (!appointment) return "unchanged";
  const current = appointment.consent?.documentId === input.documentId ? (appointment.consent.status as ConsentStatus) : undefined;
  if (!consentMovesTo(current, input.status)) return "unchanged";
  await db()
    .entities.appointment.patch({ appointmentId: input.appointmentId })
    .set({ consent: { documentId: input.documentId, status: input.status, at: input.at } })
    // Written only over the state just read: a concurrent update makes this fail and the event retry.
    .where((a, op) => (appointment.consent ? op.eq(a.consent.status, appointment.consent.status) : op.notExists(a.consent)))
    .go({ response: "none" });
  return "recorded";
}
