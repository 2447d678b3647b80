import { db } from "../db/service";
import { Events } from "../events/catalogue";
import { publish } from "../ports/bus";
import { audit } from "./audit";
import { confirmPassword, type RequestOrigin } from "./credentials";
import { revokeAllSessions } from "./sessions";
import { cancellationCodes, commitRetryingConflicts } from "./transactions";
import { publicUser, requireActiveUser, type PublicUser } from "./users";

/**
 * UK GDPR rights of access (Art. 15, `GET /me/export`) and erasure (Art. 17,
 * `DELETE /me`) across every service, through one registry.
 *
 * Each service that stores personal data registers a contributor from core —
 * `packages/core/src/<domain>/personal-data.ts` calling `registerPersonalData` — and adds
 * one import of that module to `packages/services/accounts/src/personal-data.ts`, because
 * the accounts Lambda is the one that answers export and erasure requests and only loads
 * what it imports. A contributor's `export` returns plain JSON about the user; its `erase`
 * must be idempotent (erasure is retried from the start if any step fails).
 *
 * What erasure keeps, and why:
 * - the User item, anonymised (`erased+<id>@invalid`, names "Erased", no phone, date of
 *   birth or password), so ids held elsewhere still resolve; its email claim is deleted,
 *   so the address can register again;
 * - audit entries (actor/subject ids only, never names or addresses): the record of who
 *   touched special-category data is itself a legal obligation;
 * - financial records: HMRC requires six years. Payments registers an eraser that keeps
 *   amounts, dates and Stripe ids but drops names and contact details; booking/learning
 *   erasers remove medical text and photos but keep what payments must reconcile.
 * After erasure `user.erased` is published for asynchronous clean-up (files, mail logs).
 */
export interface PersonalDataContributor {
  /** Key in the export document, e.g. `appointments`, `medicalHistory`. */
  name: string;
  export(userId: string): Promise<unknown>;
  /** Omit for data kept by law (still exported). */
  erase?(userId: string): Promise<void>;
}

const contributors = new Map<string, PersonalDataContributor>();
const RESERVED = new Set(["exportedAt", "user"]);

export function registerPersonalData(contributor: PersonalDataContributor): void {
  if (RESERVED.has(contributor.name)) throw new Error(`"${contributor.name}" is reserved in the export document`);
  const existing = contributors.get(contributor.name);
  if (existing && existing !== contributor) throw new Error(`Personal data contributor "${contributor.name}" is registered twice`);
  contributors.set(contributor.name, contributor);
}

export function personalDataContributors(): PersonalDataContributor[] {
  return [...contributors.values()];
}

export type PersonalDataExport = { exportedAt: string; user: PublicUser } & Record<string, unknown>;

/** Everything the product holds about the user, as one JSON document. Audited. */
export async function exportPersonalData(userId: string, origin: RequestOrigin, now = new Date()): Promise<PersonalDataExport> {
  const user = await requireActiveUser(userId);
  const document: PersonalDataExport = { exportedAt: now.toISOString(), user: publicUser(user) };
  for (const contributor of contributors.values()) document[contributor.name] = await contributor.export(userId);
  await audit({ actor: userId, action: "accounts.data_exported", subject: userId, ...origin, at: now });
  return document;
}

/**
 * Erasure at the user's request, after re-entering their password: every contributor's
 * eraser, then sessions, then the user anonymised and the email released in one
 * transaction. Audited and published as `user.erased` after the commit.
 */
export async function eraseAccount(userId: string, password: string, origin: RequestOrigin, now = new Date()): Promise<void> {
  const user = await confirmPassword(userId, password);
  for (const contributor of contributors.values()) await contributor.erase?.(userId);
  await revokeAllSessions(userId);
  await anonymiseUser(userId, user.email, now);
  await audit({ actor: userId, action: "accounts.erased", subject: userId, ...origin, at: now });
  await publish(Events.UserErased, { userId });
}

async function anonymiseUser(userId: string, email: string, now: Date): Promise<void> {
  const result = await commitRetryingConflicts(() =>
    db()
      .transaction.write(({ user, emailClaim }) => [
        user
          .patch({ userId })
          .set({ email: `erased+${userId}@invalid`, firstName: "Erased", lastName: "Erased", erasedAt: now.toISOString(), updatedAt: now.toISOString() })
          .remove(["phone", "dateOfBirth", "passwordHash", "searchText"])
          .commit(),
        emailClaim.delete({ email }).commit(),
      ])
      .go(),
  );
  if (result.canceled) throw new Error(`Erasure of ${userId} cancelled: ${cancellationCodes(result)}`);
}
