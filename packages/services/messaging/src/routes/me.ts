import { Hono } from "hono";
import * as z from "zod";
import { requireAuth, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { CursorParam, openCursor, sealCursor } from "@mas/core/db/cursor";
import { messagesOf } from "../domain/history";
import { clientMessageView } from "./views";

const pageQuery = z.object({ cursor: CursorParam, limit: z.coerce.number().int().min(1).max(100).default(50) });

/** A signed-in person's own mail history. */
export const meRoutes = new Hono<AuthEnv>().get("/me/messages", requireAuth(), validate("query", pageQuery), async (c) => {
  const { cursor, limit } = c.req.valid("query");
  const scope = ["messaging.me", c.var.auth.userId];
  const page = await messagesOf(c.var.auth.userId, { cursor: openCursor(cursor, scope), limit });
  return c.json({ messages: page.items.map(clientMessageView), cursor: sealCursor(page.cursor, scope) }, 200);
});
