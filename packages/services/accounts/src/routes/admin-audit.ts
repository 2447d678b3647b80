import { Hono } from "hono";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { AuditQuery, searchAudit } from "../domain/audit-search";

/** The audit log, searched by subject or by actor: owner only. */
export const adminAuditRoutes = new Hono<AuthEnv>().get("/admin/audit", requireRole("owner"), validate("query", AuditQuery), async (c) => c.json(await searchAudit(c.req.valid("query")), 200));
