import { Hono } from "hono";
import * as z from "zod";
import { changeRoles } from "../domain/role-changes";
import { directoryQuerySchema, rolesChangeSchema } from "../domain/schemas";
import { listUsers, publicUser } from "../domain/users";
import { requestMeta, requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { openCursor, sealCursor } from "@mas/core/db/cursor";

const userParams = z.object({ id: z.string().min(1).max(64) });

/** The practitioner's view of everyone: owner only (403 for clients and students). */
export const adminRoutes = new Hono<AuthEnv>()
  .get("/admin/users", requireRole("owner"), validate("query", directoryQuerySchema), async (c) => {
    const query = c.req.valid("query");
    const scope = ["accounts.users", c.var.auth.userId, query.role ?? null, query.q ?? null];
    const page = await listUsers({ ...query, cursor: openCursor(query.cursor, scope) ?? undefined });
    return c.json({ users: page.users, cursor: sealCursor(page.cursor, scope) }, 200);
  })
  .patch("/admin/users/:id/roles", requireRole("owner"), validate("param", userParams), validate("json", rolesChangeSchema), async (c) => {
    const user = await changeRoles(c.var.auth.userId, c.req.valid("param").id, c.req.valid("json").roles, requestMeta(c));
    return c.json({ user: publicUser(user) }, 200);
  });
