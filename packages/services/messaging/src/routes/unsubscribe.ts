import { Hono, type Context } from "hono";
import * as z from "zod";
import { escapeHtml } from "../domain/render";
import { findUnsubscribe, maskEmail, unknownToken, unsubscribeWithToken } from "../domain/unsubscribes";
import { validate } from "@mas/core/http/validate";

/**
 * RFC 8058 one-click unsubscribe. No session and no CSRF check: the POST comes from the
 * mail provider (`List-Unsubscribe=One-Click`) or the confirmation page, and the token
 * in the link is the authority. GET never unsubscribes — link scanners fetch every URL
 * in a mail — it shows a page with the button (or JSON for scripts).
 */
const tokenQuery = z.object({ token: z.string().min(1).max(128) });

const wantsJson = (c: Context) => (c.req.header("accept") ?? "").includes("application/json");

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Helvetica,Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#2b2321;background:#f5efec;line-height:1.5">
<h1 style="font-family:Georgia,serif;font-weight:normal">${escapeHtml(title)}</h1>${body}</body></html>`;
}

export const unsubscribeRoutes = new Hono()
  .get("/unsubscribe", validate("query", tokenQuery), async (c) => {
    const { token } = c.req.valid("query");
    const record = await findUnsubscribe(token);
    if (!record) {
      if (wantsJson(c)) throw unknownToken();
      return c.html(page("Link not recognised", "<p>This unsubscribe link is not valid. If you keep receiving mail you did not ask for, reply to it and we will remove you.</p>"), 404);
    }
    const email = maskEmail(record.email);
    const unsubscribed = Boolean(record.unsubscribedAt);
    if (wantsJson(c)) return c.json({ email, unsubscribed }, 200);
    if (unsubscribed) return c.html(page("You are unsubscribed", `<p>${escapeHtml(email)} no longer receives marketing email from us.</p>`), 200);
    const action = `?token=${encodeURIComponent(token)}`;
    return c.html(
      page(
        "Unsubscribe from marketing email",
        `<p>Stop review requests, offers and news to ${escapeHtml(email)}? Booking and account emails still arrive.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit" style="font-size:1rem;padding:.75rem 1.5rem;background:#7a3e48;color:#fff;border:0;border-radius:6px;cursor:pointer">Unsubscribe</button></form>`,
      ),
      200,
    );
  })
  .post("/unsubscribe", validate("query", tokenQuery), async (c) => {
    const { token } = c.req.valid("query");
    const body = await c.req.text().catch(() => "");
    const via = body.includes("List-Unsubscribe=One-Click") ? "one-click" : "link";
    const record = await unsubscribeWithToken(token, via);
    const email = maskEmail(record.email);
    if (wantsJson(c) || via === "one-click") return c.json({ email, unsubscribed: true }, 200);
    return c.html(page("You are unsubscribed", `<p>${escapeHtml(email)} no longer receives marketing email from us.</p>`), 200);
  });
