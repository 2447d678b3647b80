import type { Context } from "hono";
import { ulid } from "ulid";
import { kernelDb as db } from "../db/service";
import type { AuditLogItem } from "./audit-log";
import { requestMeta, type AuthEnv } from "../http/auth";

/**
 * The audit trail every service writes to: who (`actor`, a userId or `anonymous`) did what
 * (`action`, `<domain>.<verb>`) to whom/what (`subject`, a userId or `<kind>:<id>`), when,
 * from where. Append-only. Never put names, emails or medical text in it (subjects and
 * details are ids and small facts), so entries can outlive an erasure.
 *
 * Accounts records sign-ins (succeeded/failed), role changes, exports and erasures;
 * booking records reads of medical history, e.g.
 * `await auditFromContext(c, "booking.medical_history_read", clientId)`.
 */
export interface AuditEntry {
  actor: string;
  action: string;
  subject: string;
  ip?: string;
  userAgent?: string;
  detail?: Record<string, string | number | boolean | string[]>;
  at?: Date;
}

export const ANONYMOUS = "anonymous";

export async function audit(entry: AuditEntry): Promise<void> {
  const at = (entry.at ?? new Date()).toISOString();
  await db()
    .entities.auditLog.create({
      auditId: ulid(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      at,
      ip: entry.ip,
      userAgent: entry.userAgent?.slice(0, 512),
      detail: entry.detail,
    })
    .go({ response: "none" });
}

/** `audit` with the actor, IP and user agent taken from the request. */
export async function auditFromContext<E extends AuthEnv>(
  c: Context<E>,
  action: string,
  subject: string,
  detail?: AuditEntry["detail"],
): Promise<void> {
  const auth = (c as unknown as Context<AuthEnv>).var.auth;
  await audit({ actor: auth?.userId ?? ANONYMOUS, action, subject, ...requestMeta(c), detail });
}

/** Entries about a subject, newest first (all of them unless `limit` is given). */
export async function auditTrailOf(subject: string, limit?: number): Promise<AuditLogItem[]> {
  const { data } = await db().entities.auditLog.query.bySubject({ subject }).go({ order: "desc", ...(limit ? { limit } : { pages: "all" }) });
  return data;
}

/** Entries an actor made, newest first (all of them unless `limit` is given). */
export async function auditByActor(actor: string, limit?: number): Promise<AuditLogItem[]> {
  const { data } = await db().entities.auditLog.query.byActor({ actor }).go({ order: "desc", ...(limit ? { limit } : { pages: "all" }) });
  return data;
}
