import { personalDataOf as bookingPersonalDataOf } from "@mas/booking/read";
import { personalDataOf as documentsPersonalDataOf } from "@mas/documents/read";
import { personalDataOf as learningPersonalDataOf } from "@mas/learning/read";
import { exportOf, eraseWith } from "@mas/core/personal-data";
import { personalDataOf as messagingPersonalDataOf } from "@mas/messaging/read";
import { personalDataOf as paymentsPersonalDataOf } from "@mas/payments/read";
import { db } from "../entities";
import { accountsPersonalData } from "./personal-data";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent, type StagedEvent } from "@mas/core/outbox/outbox";
import { audit } from "@mas/core/audit/audit";
import { confirmPassword, type RequestOrigin } from "./credentials";
import { cancellationCodes, commitRetryingConflicts } from "@mas/core/db/transactions";
import { publicUser, requireActiveUser, type PublicUser } from "./users";

/**
 * UK GDPR rights of access (Art. 15, `GET /me/export`) and erasure (Art. 17, `DELETE /me`).
 *
 * Each service owns its part (see @mas/core/personal-data). Export: accounts assembles one
 * document from its own contributors and each service's read module (`personalDataOf`,
 * read-only). Erasure: accounts erases only its own items — sessions, reset links, the
 * user anonymised and the email claim released — in the transaction that also writes
 * `user.erased` to the outbox; every other service erases its own data when that event
 * arrives, and records that it did in the audit trail. No service deletes another's items.
 *
 * What erasure keeps, and why:
 * - the User item, anonymised (`erased+<id>@invalid`, names "Erased", no phone, date of
 *   birth or password), so ids held elsewhere still resolve; its email claim is deleted,
 *   so the address can register again;
 * - audit entries (actor/subject ids only, never names or addresses): the record of who
 *   touched special-category data is itself a legal obligation;
 * - financial records: HMRC requires six years. Payments keeps amounts, dates and Stripe
 *   ids but drops the saved card; booking keeps what payments must reconcile;
 * - clinical records: documents keeps signed consent forms and clinical photos (part of the
 *   medical record the clinic must retain) and deletes unsigned forms and rejected uploads.
 */
const otherServices: { name: string; export: (userId: string) => Promise<Record<string, unknown>> }[] = [
  { name: "booking", export: bookingPersonalDataOf },
  { name: "documents", export: documentsPersonalDataOf },
  { name: "learning", export: learningPersonalDataOf },
  { name: "messaging", export: messagingPersonalDataOf },
  { name: "payments", export: paymentsPersonalDataOf },
];

export type PersonalDataExport = { exportedAt: string; user: PublicUser } & Record<string, unknown>;

/** Everything the product holds about the user, as one JSON document. Audited. */
export async function exportPersonalData(userId: string, origin: RequestOrigin, now = new Date()): Promise<PersonalDataExport> {
  const user = await requireActiveUser(userId);
  const document: PersonalDataExport = { exportedAt: now.toISOString(), user: publicUser(user), ...(await exportOf(accountsPersonalData, userId)) };
  for (const service of otherServices) Object.assign(document, await service.export(userId));
  await audit({ actor: userId, action: "accounts.data_exported", subject: userId, ...origin, at: now });
  return document;
}

/**
 * Erasure at the user's request, after re-entering their password: accounts' own erasers,
 * then the user anonymised, the email released and `user.erased` written to the outbox in
 * one transaction (the other services erase their data on that event). Audited.
 */
export async function eraseAccount(userId: string, password: string, origin: RequestOrigin, now = new Date()): Promise<void> {
  const user = await confirmPassword(userId, password);
  await eraseWith(accountsPersonalData, userId);
  const announcement = stageEvent(Events.UserErased, { userId }, { occurredAt: now });
  await anonymiseUser(userId, user.email, now, announcement);
  await audit({ actor: userId, action: "accounts.erased", subject: userId, ...origin, at: now });
  await publishStaged([announcement]);
}

async function anonymiseUser(userId: string, email: string, now: Date, announcement: StagedEvent): Promise<void> {
  const result = await commitRetryingConflicts(() =>
    db()
      .transaction.write(({ user, emailClaim, outboxEvent }) => [
        user
          .patch({ userId })
          .set({ email: `erased+${userId}@invalid`, firstName: "Erased", lastName: "Erased", erasedAt: now.toISOString(), updatedAt: now.toISOString() })
          .remove(["phone", "dateOfBirth", "passwordHash", "searchText"])
          .commit(),
        emailClaim.delete({ email }).commit(),
        outboxEvent.put(announcement.item).commit(),
      ])
      .go(),
  );
  if (result.canceled) throw new Error(`Erasure of ${userId} cancelled: ${cancellationCodes(result)}`);
}
