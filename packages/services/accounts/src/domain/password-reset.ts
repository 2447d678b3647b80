import { db } from "../entities";
import { DomainError } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { audit } from "@mas/core/audit/audit";
import type { RequestOrigin } from "./credentials";
import { hashPassword } from "../crypto/password";
import { RATE_LIMITS, hitRateLimit, rateLimitSubject } from "./rate-limit";
import { revokeAllSessions } from "./sessions";
import { hashToken, looksLikeSecretToken, newSecretToken } from "./tokens";
import { cancellationCodes, commitRetryingConflicts } from "@mas/core/db/transactions";
import { findUserByEmail } from "./users";
import { siteLinks } from "@mas/core/links";

/**
 * "Forgot password": an emailed single-use link valid for one hour. Requesting one says
 * nothing about whether the address is registered (the route always answers 202);
 * using one sets the password and signs the user out everywhere.
 */
export const RESET_LINK_SECONDS = 60 * 60;

export const resetTokenInvalid = () =>
  new DomainError("bad_request", "accounts.reset_token_invalid", "This reset link has expired or was already used", {
    token: "This reset link has expired or was already used. Ask for a new one.",
  });

export function resetUrlFor(token: string, siteUrl: string): string {
  return siteLinks(siteUrl).resetPassword(token);
}

/**
 * Issues a reset link if the email belongs to someone and publishes
 * `user.password_reset_requested` (messaging sends the email). Returns the token for
 * callers that need it (tests); the HTTP route never reveals it.
 */
export async function requestPasswordReset(email: string, origin: RequestOrigin, now: Date, siteUrl: string): Promise<{ token: string; expiresAt: Date } | undefined> {
  if (origin.ip) await hitRateLimit(RATE_LIMITS.forgotPerIp, rateLimitSubject("ip", origin.ip), now);
  await hitRateLimit(RATE_LIMITS.forgotPerEmail, rateLimitSubject("email", email), now);
  const user = await findUserByEmail(email);
  if (!user) return undefined;
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + RESET_LINK_SECONDS * 1000);
  const announcement = stageEvent(
    Events.PasswordResetRequested,
    { userId: user.userId, email: user.email, firstName: user.firstName, resetUrl: resetUrlFor(token, siteUrl), expiresAt: expiresAt.toISOString() },
    { occurredAt: now },
  );
  const result = await db()
    .transaction.write(({ passwordReset, outboxEvent }) => [
      passwordReset.create({ tokenHash: hashToken(token), userId: user.userId, createdAt: now.toISOString(), expiresAt: Math.floor(expiresAt.getTime() / 1000) }).commit(),
      outboxEvent.put(announcement.item).commit(),
    ])
    .go();
  if (result.canceled) throw new Error(`Password reset not stored: ${cancellationCodes(result)}`);
  await publishStaged([announcement]);
  await audit({ actor: user.userId, action: "accounts.password_reset_requested", subject: user.userId, ...origin, at: now });
  return { token, expiresAt };
}

/**
 * Consumes the link and sets the new password in one transaction: the link's condition
 * (unused, unexpired) makes it single-use even under concurrent submissions. Then every
 * session of the user ends and any other outstanding links are voided.
 */
export async function resetPassword(token: string, newPassword: string, origin: RequestOrigin, now = new Date()): Promise<{ userId: string }> {
  if (!looksLikeSecretToken(token)) throw resetTokenInvalid();
  const tokenHash = hashToken(token);
  const { data: reset } = await db().entities.passwordReset.get({ tokenHash }).go({ consistent: true });
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (!reset || reset.usedAt || reset.expiresAt <= nowSeconds) throw resetTokenInvalid();
  const passwordHash = await hashPassword(newPassword);
  const result = await commitRetryingConflicts(() =>
    db()
      .transaction.write(({ passwordReset, user }) => [
        passwordReset
          .patch({ tokenHash })
          .set({ usedAt: now.toISOString() })
          .where((attr, op) => `${op.notExists(attr.usedAt)} AND ${op.gt(attr.expiresAt, nowSeconds)}`)
          .commit(),
        user
          .patch({ userId: reset.userId })
          .set({ passwordHash, updatedAt: now.toISOString() })
          .where((attr, op) => op.notExists(attr.erasedAt))
          .commit(),
      ])
      .go(),
  );
  if (result.canceled) throw resetTokenInvalid();
  await revokeAllSessions(reset.userId);
  await voidOutstandingResets(reset.userId, now);
  await audit({ actor: reset.userId, action: "accounts.password_reset", subject: reset.userId, ...origin, at: now });
  return { userId: reset.userId };
}

/** Marks every unused link of the user as used (after a reset; on erasure they are deleted). */
async function voidOutstandingResets(userId: string, now: Date): Promise<void> {
  const { data } = await db().entities.passwordReset.query.byUser({ userId }).go({ pages: "all" });
  for (const reset of data.filter((item) => !item.usedAt)) {
    await db().entities.passwordReset.patch({ tokenHash: reset.tokenHash }).set({ usedAt: now.toISOString() }).go({ response: "none" });
  }
}
