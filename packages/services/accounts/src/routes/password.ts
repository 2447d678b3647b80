import { config } from "@mas/core/config";
import { Hono } from "hono";
import { changePassword } from "../domain/credentials";
import { requestPasswordReset, resetPassword } from "../domain/password-reset";
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from "../domain/schemas";
import { clearSessionCookie, requestMeta, requireAuth, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";

export const passwordRoutes = new Hono<AuthEnv>()
  /** Always 202 with the same body: the answer never says whether the email is registered. */
  .post("/password/forgot", validate("json", forgotPasswordSchema), async (c) => {
    await requestPasswordReset(c.req.valid("json").email, requestMeta(c), new Date(), config.siteUrl());
    return c.json({ message: "If that email is registered, a reset link is on its way. It works for one hour." }, 202);
  })
  /** Sets the password from an emailed link and signs the user out everywhere. */
  .post("/password/reset", validate("json", resetPasswordSchema), async (c) => {
    const { token, password } = c.req.valid("json");
    await resetPassword(token, password, requestMeta(c));
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  /** Keeps this session, ends every other one. */
  .post("/password/change", requireAuth(), validate("json", changePasswordSchema), async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const { userId, sessionId } = c.var.auth;
    await changePassword(userId, { currentPassword, newPassword, keepSessionId: sessionId }, requestMeta(c));
    return c.body(null, 204);
  });
