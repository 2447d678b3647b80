import type { UserItem } from "../entities/user";
import { DomainError } from "@mas/core/errors";
import { audit, ANONYMOUS } from "@mas/core/audit/audit";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "../crypto/password";
import { rateLimitSubject } from "./rate-limit";
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from "./sign-in-throttle";
import { revokeAllSessions, startSession, type StartedSession } from "./sessions";
import { findUserByEmail, requireActiveUser, setPasswordHash } from "./users";

/**
 * Proving who you are with a password: sign-in, re-entry before sensitive changes, and
 * changing it. Every failure looks the same from outside — one status, one body, and the
 * same scrypt work whether or not the email exists — so responses cannot enumerate users.
 */
export interface RequestOrigin {
  ip?: string;
  userAgent?: string;
}

export const invalidCredentials = () => new DomainError("unauthorized", "accounts.invalid_credentials", "Email or password is incorrect");

/**
 * The user if `password` is theirs, else undefined, costing one scrypt either way. Upgrades
 * the stored hash when the cost parameters have been raised since it was made.
 */
export async function checkPassword(email: string, password: string): Promise<UserItem | undefined> {
  return (await passwordCheck(email, password)).verified;
}

/** The account the email names (if any) and whether `password` is its password. */
async function passwordCheck(email: string, password: string): Promise<{ account?: UserItem; verified?: UserItem }> {
  // Both paths wait for the dummy hash, so even a fresh instance's first call (which computes it) is alike.
  const [user, dummy] = await Promise.all([findUserByEmail(email), dummyPasswordHash()]);
  const matches = await verifyPassword(password, user?.passwordHash ?? dummy);
  if (!user || !user.passwordHash || !matches) return { account: user };
  if (needsRehash(user.passwordHash)) await setPasswordHash(user.userId, await hashPassword(password));
  return { account: user, verified: user };
}

/**
 * Waits out any throttling for this source and account (sign-in-policy.ts), checks the
 * password, counts a failure or clears the source's count, starts a session.
 */
export async function signIn(email: string, password: string, origin: RequestOrigin, now = new Date()): Promise<{ user: UserItem; session: StartedSession }> {
  await assertSignInAllowed(email, origin.ip, now);
  const { account, verified: user } = await passwordCheck(email, password);
  if (!user) {
    await recordSignInFailure(email, origin.ip, account, now);
    await audit({ actor: ANONYMOUS, action: "accounts.login_failed", subject: `email:${rateLimitSubject("email", email)}`, ...origin, at: now });
    throw invalidCredentials();
  }
  await clearSignInFailures(email, origin.ip, now);
  const session = await startSession(user.userId, { now, ...origin });
  await audit({ actor: user.userId, action: "accounts.login_succeeded", subject: user.userId, ...origin, at: now });
  return { user, session };
}

/** Re-entry of the current password before a sensitive change (422, not 401: the session is fine). */
export async function confirmPassword(userId: string, password: string, field = "password"): Promise<UserItem> {
  const user = await requireActiveUser(userId);
  const matches = await verifyPassword(password, user.passwordHash ?? (await dummyPasswordHash()));
  if (!user.passwordHash || !matches) {
    const message = "That is not your current password";
    throw new DomainError("unprocessable", "accounts.wrong_password", message, { [field]: message });
  }
  return user;
}

/** New password (policy already checked by the schema); signs out every other session. */
export async function changePassword(
  userId: string,
  change: { currentPassword: string; newPassword: string; keepSessionId?: string },
  origin: RequestOrigin,
  now = new Date(),
): Promise<void> {
  await confirmPassword(userId, change.currentPassword, "currentPassword");
  await setPasswordHash(userId, await hashPassword(change.newPassword), now);
  await revokeAllSessions(userId, { except: change.keepSessionId });
  await audit({ actor: userId, action: "accounts.password_changed", subject: userId, ...origin, at: now });
}
