import { Hono } from "hono";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { AuditQuery, searchAudit } from "../domain/audit-search";
import { openCursor, sealCursor } from "@mas/core/db/cursor";

/** The audit log, searched by subject or by actor: owner only. */
export const adminAuditRoutes = new Hono<AuthEnv>().get("/admin/audit", requireRole("owner"), validate("query", AuditQuery), async (c) => {
  const query = c.req.valid("query");
  const scope = ["accounts.audit", c.var.auth.userId, query.subject ?? null, query.actor ?? null, query.action ?? null];
  const page = await searchAudit({ ...query, cursor: openCursor(query.cursor, scope) ?? undefined });
  return c.json({ ...page, cursor: sealCursor(page.cursor, scope) }, 200);
});
