import { Hono } from "hono";
import { requestMeta, requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { addClientForClinic, clinicClientSchema } from "../domain/clinic-clients";
import { publicUser } from "../domain/users";

/** The practitioner adds a client who has no account yet (walk-in, phone booking): owner only. */
export const adminClientRoutes = new Hono<AuthEnv>().post("/admin/clients", requireRole("owner"), validate("json", clinicClientSchema), async (c) => {
  const user = await addClientForClinic(c.req.valid("json"), c.var.auth.userId, requestMeta(c));
  return c.json({ user: publicUser(user) }, 201);
});
