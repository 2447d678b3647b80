import { Hono } from "hono";
import { eraseAccount, exportPersonalData } from "../domain/gdpr";
import { erasureSchema, profileChangesSchema } from "../domain/schemas";
import { publicUser, requireActiveUser, updateProfile } from "../domain/users";
import { clearSessionCookie, requestMeta, requireAuth, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";

/** The signed-in person's own account: there is no id in these paths to tamper with. */
export const meRoutes = new Hono<AuthEnv>()
  .get("/me", requireAuth(), async (c) => {
    const user = await requireActiveUser(c.var.auth.userId);
    return c.json({ user: publicUser(user) }, 200);
  })
  .patch("/me", requireAuth(), validate("json", profileChangesSchema), async (c) => {
    const user = await updateProfile(c.var.auth.userId, c.req.valid("json"));
    return c.json({ user: publicUser(user) }, 200);
  })
  /** UK GDPR subject access: everything every service holds about me, as a download. */
  .get("/me/export", requireAuth(), async (c) => {
    const document = await exportPersonalData(c.var.auth.userId, requestMeta(c));
    c.header("Content-Disposition", `attachment; filename="master-aesthetics-data-${document.exportedAt.slice(0, 10)}.json"`);
    return c.json(document, 200);
  })
  /** UK GDPR erasure, confirmed by the password; signs out everywhere. */
  .delete("/me", requireAuth(), validate("json", erasureSchema), async (c) => {
    await eraseAccount(c.var.auth.userId, c.req.valid("json").password, requestMeta(c));
    clearSessionCookie(c);
    return c.body(null, 204);
  });
