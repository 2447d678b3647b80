import { ulid } from "ulid";
import { db } from "../entities";
import type { SessionItem } from "../entities/session";
import { hashToken, looksLikeSecretToken, newSecretToken } from "./tokens";
import { getActiveUser } from "./users";
import { normaliseRoles, type Role } from "@mas/core/http/roles";

/**
 * Sessions: an opaque 256-bit token in the cookie, its SHA-256 in the table. Expiry slides:
 * a session idle for 14 days ends; activity renews it, but at most once an hour (one write
 * per hour of use, not per request) and never past 90 days from sign-in.
 */
export const SESSION_IDLE_SECONDS = 14 * 24 * 60 * 60;
export const SESSION_MAX_SECONDS = 90 * 24 * 60 * 60;
export const SESSION_RENEW_AFTER_SECONDS = 60 * 60;

export interface StartedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

export interface ResolvedSession {
  userId: string;
  roles: Role[];
  sessionId: string;
  /** Set when this request renewed the session: the cookie should be re-issued. */
  renewedUntil?: Date;
}

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export async function startSession(userId: string, options: { now?: Date; ip?: string; userAgent?: string } = {}): Promise<StartedSession> {
  const now = options.now ?? new Date();
  const token = newSecretToken();
  const session: SessionItem = {
    tokenHash: hashToken(token),
    sessionId: ulid(now.getTime()),
    userId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: epochSeconds(now) + SESSION_IDLE_SECONDS,
    absoluteExpiresAt: epochSeconds(now) + SESSION_MAX_SECONDS,
    ip: options.ip,
    userAgent: options.userAgent?.slice(0, 512),
  };
  await db().entities.session.create(session).go({ response: "none" });
  return { token, sessionId: session.sessionId, expiresAt: new Date(session.expiresAt * 1000) };
}

/** Whether a stored session still counts at `now` (TTL deletion can lag by hours). */
export function isLive(session: Pick<SessionItem, "expiresAt" | "absoluteExpiresAt">, now: Date): boolean {
  const nowSeconds = epochSeconds(now);
  return session.expiresAt > nowSeconds && session.absoluteExpiresAt > nowSeconds;
}

/** The new idle expiry if the session is due a renewal at `now`, else undefined. */
export function renewedExpiry(session: Pick<SessionItem, "lastSeenAt" | "expiresAt" | "absoluteExpiresAt">, now: Date): number | undefined {
  const idleSince = (now.getTime() - Date.parse(session.lastSeenAt)) / 1000;
  if (idleSince < SESSION_RENEW_AFTER_SECONDS) return undefined;
  const next = Math.min(epochSeconds(now) + SESSION_IDLE_SECONDS, session.absoluteExpiresAt);
  return next > session.expiresAt ? next : undefined;
}

/** Who holds this cookie token, if anyone: live session of a live user. Renews when due. */
export async function resolveSession(token: string | undefined, now = new Date()): Promise<ResolvedSession | undefined> {
  if (!looksLikeSecretToken(token)) return undefined;
  const { data: session } = await db().entities.session.get({ tokenHash: hashToken(token) }).go();
  if (!session || !isLive(session, now)) return undefined;
  const user = await getActiveUser(session.userId);
  if (!user) return undefined;
  const resolved: ResolvedSession = { userId: user.userId, roles: normaliseRoles(user.roles), sessionId: session.sessionId };
  const expiresAt = renewedExpiry(session, now);
  if (expiresAt) {
    // patch() requires the item to exist: a concurrent sign-out is not undone.
    const renewed = await db()
      .entities.session.patch({ tokenHash: session.tokenHash })
      .set({ lastSeenAt: now.toISOString(), expiresAt })
      .go({ response: "none" })
      .then(() => true, ignoreMissingSession);
    if (renewed) resolved.renewedUntil = new Date(expiresAt * 1000);
  }
  return resolved;
}

/** Sign-out: forget this token's session (no-op for unknown tokens). */
export async function endSession(token: string | undefined): Promise<void> {
  if (!looksLikeSecretToken(token)) return;
  await db().entities.session.delete({ tokenHash: hashToken(token) }).go({ response: "none" });
}

export async function sessionsOf(userId: string): Promise<SessionItem[]> {
  const { data } = await db().entities.session.query.byUser({ userId }).go({ pages: "all" });
  return data;
}

/** Signs the user out everywhere (password reset/change, erasure), optionally sparing one session. */
export async function revokeAllSessions(userId: string, options: { except?: string } = {}): Promise<number> {
  const doomed = (await sessionsOf(userId)).filter((session) => session.sessionId !== options.except);
  if (doomed.length) await db().entities.session.delete(doomed.map(({ tokenHash }) => ({ tokenHash }))).go();
  return doomed.length;
}

function ignoreMissingSession(error: unknown): false {
  const cause = (error as { cause?: { name?: string } }).cause;
  if (cause?.name === "ConditionalCheckFailedException") return false;
  throw error;
}
