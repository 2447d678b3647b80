import { db } from "../entities";
import { auditByActor, auditTrailOf } from "@mas/core/audit/audit";
import type { PersonalDataContributor } from "@mas/core/personal-data";
import { revokeAllSessions, sessionsOf } from "./sessions";

/**
 * Accounts' own contributions to export and erasure (the User itself is handled by
 * gdpr.ts). Imported for its side effect by the accounts service.
 */
export const accountsPersonalData: PersonalDataContributor[] = [
  {
    name: "sessions",
    export: async (userId) =>
      (await sessionsOf(userId)).map(({ sessionId, createdAt, lastSeenAt, expiresAt, ip, userAgent }) => ({
        sessionId,
        createdAt,
        lastSeenAt,
        expiresAt: new Date(expiresAt * 1000).toISOString(),
        ip: ip ?? null,
        userAgent: userAgent ?? null,
      })),
    erase: async (userId) => {
      await revokeAllSessions(userId);
    },
  },
  {
    name: "passwordResets",
    export: async (userId) => (await resetsOf(userId)).map(({ createdAt, expiresAt, usedAt }) => ({ createdAt, expiresAt: new Date(expiresAt * 1000).toISOString(), usedAt: usedAt ?? null })),
    erase: async (userId) => {
      const resets = await resetsOf(userId);
      if (resets.length) await db().entities.passwordReset.delete(resets.map(({ tokenHash }) => ({ tokenHash }))).go();
    },
  },
  /** Kept on erasure (see gdpr.ts); exported both ways: what they did, and what was done to them. */
  {
    name: "auditLog",
    export: async (userId) => {
      const entries = [...(await auditByActor(userId)), ...(await auditTrailOf(userId))];
      const unique = new Map(entries.map(({ auditId, actor, action, subject, at, ip, userAgent }) => [auditId, { actor, action, subject, at, ip: ip ?? null, userAgent: userAgent ?? null }]));
      return [...unique.values()].sort((a, b) => b.at.localeCompare(a.at));
    },
  },
];

async function resetsOf(userId: string) {
  const { data } = await db().entities.passwordReset.query.byUser({ userId }).go({ pages: "all" });
  return data;
}
