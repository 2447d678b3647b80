import { Hono } from "hono";
import { signIn } from "../domain/credentials";
import { registerUser } from "../domain/registration";
import { endSession } from "../domain/sessions";
import { registrationSchema, loginSchema } from "../domain/schemas";
import { publicUser } from "../domain/users";
import { clearSessionCookie, issueSessionCookie, requestMeta, sessionToken, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";

/**
 * Getting in and out. Registering and signing in both start a fresh session (and end the
 * one the browser presented, if any, so a planted cookie cannot be carried over).
 */
export const sessionRoutes = new Hono<AuthEnv>()
  .post("/register", validate("json", registrationSchema), async (c) => {
    await endSession(sessionToken(c));
    const { user, session } = await registerUser(c.req.valid("json"), requestMeta(c));
    issueSessionCookie(c, session.token, session.expiresAt);
    return c.json({ user: publicUser(user) }, 201);
  })
  .post("/login", validate("json", loginSchema), async (c) => {
    const { email, password } = c.req.valid("json");
    const { user, session } = await signIn(email, password, requestMeta(c));
    await endSession(sessionToken(c));
    issueSessionCookie(c, session.token, session.expiresAt);
    return c.json({ user: publicUser(user) }, 200);
  })
  /** Idempotent: signing out without a session is still a success. */
  .post("/logout", async (c) => {
    await endSession(sessionToken(c));
    clearSessionCookie(c);
    return c.body(null, 204);
  });
