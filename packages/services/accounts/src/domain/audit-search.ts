import * as z from "zod";
import { CursorParam } from "@mas/core/db/cursor";
import { kernelDb as db } from "@mas/core/db/service";
import type { AuditLogItem } from "@mas/core/audit/audit-log";
import { usersByIds } from "./users";

/**
 * The owner's audit search: everything that happened to one subject (a client's id — who
 * read their health record —, `payment:<id>`, `batch:<lot>`) or everything one person did,
 * newest first, a page at a time, optionally narrowed to actions starting with a prefix
 * (`booking.`, `payments.refunded`). Both questions are indexes of the audit log, so a
 * page costs one query however long the log grows. Actors come back with their names.
 */
export const AuditQuery = z
  .object({
    subject: z.string().trim().min(1).max(200).optional(),
    actor: z.string().trim().min(1).max(64).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z_]+(\.[a-z_]*)?$/, "Use an action or its start, e.g. booking. or payments.refunded")
      .max(80)
      .optional(),
    cursor: CursorParam,
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => Boolean(q.subject) !== Boolean(q.actor), { message: "Search by a subject or by who acted (one of them)", path: ["subject"] });
export type AuditQuery = z.output<typeof AuditQuery>;

export async function searchAudit(query: AuditQuery) {
  const { action, cursor, limit } = query;
  const index = query.subject ? db().entities.auditLog.query.bySubject({ subject: query.subject }) : db().entities.auditLog.query.byActor({ actor: query.actor! });
  const filtered = action ? index.where((attr, op) => op.begins(attr.action, action)) : index;
  // A filtered page can come back short with more behind it: read on until full (bounded).
  const entries: AuditLogItem[] = [];
  let next: string | null = cursor ?? null;
  for (let reads = 0; reads < 20; reads++) {
    const page = await filtered.go({ order: "desc", limit: limit - entries.length, cursor: next });
    entries.push(...(page.data as AuditLogItem[]));
    next = page.cursor ?? null;
    if (!next || entries.length >= limit) break;
  }
  const people = await usersByIds([...new Set(entries.map((e) => e.actor).filter((a) => a !== "anonymous"))]);
  const names = new Map(people.map((u) => [u.userId, `${u.firstName} ${u.lastName}`]));
  return {
    entries: entries.map((e) => ({ auditId: e.auditId, at: e.at, action: e.action, subject: e.subject, actor: e.actor, actorName: names.get(e.actor) ?? null, ip: e.ip ?? null, detail: e.detail ?? {} })),
    cursor: next,
  };
}
