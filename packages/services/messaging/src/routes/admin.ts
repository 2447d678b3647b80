import { Hono } from "hono";
import * as z from "zod";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { CursorParam, openCursor, sealCursor } from "@mas/core/db/cursor";
import { badRequest } from "@mas/core/errors";
import { CampaignInput, campaignWithRecipients, createCampaign, listCampaigns, sendCampaignNow } from "../domain/campaigns";
import { clock } from "@mas/core/shared/clock";
import { AudienceFilter, CHANNELS } from "../domain/audience";
import { countAudience } from "../domain/audience-count";
import { messagesInMonth, messagesOf, textsInMonth } from "../domain/history";
import { textCostReport } from "../domain/sms/cost-report";
import { listTemplates, previewTemplate, requireDefinition, resetTemplate, saveTemplate } from "../domain/template-store";
import { ownerMessageView } from "./views";

/** The practitioner's messaging: templates, history, campaigns. Owner only. */
const keyParam = z.object({ key: z.string().min(1).max(80) });
const idParam = z.object({ id: z.string().min(1).max(64) });
const content = z
  .object({ subject: z.string().trim().min(1).max(200), html: z.string().min(1).max(100_000), text: z.string().min(1).max(50_000) })
  .strict();
const historyQuery = z.object({
  userId: z.string().min(1).max(64).optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use YYYY-MM").optional(),
  cursor: CursorParam,
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** The live count's question: the audience's criteria, and by which channel (a text needs other consents and a mobile). */
const audienceQuery = AudienceFilter.extend({ channel: z.enum(CHANNELS).default("email") }).strict();

const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use YYYY-MM").optional() });

const owner = requireRole("owner");

/** Preview takes an optional draft; without one it renders the current version. */
async function optionalDraft(raw: string) {
  if (!raw.trim()) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw badRequest("validation_failed", "The body is not JSON");
  }
  return content.parse(body);
}

export const adminRoutes = new Hono<AuthEnv>()
  .get("/admin/templates", owner, async (c) => c.json({ templates: await listTemplates() }, 200))
  .get("/admin/templates/:key", owner, validate("param", keyParam), async (c) => {
    const key = c.req.valid("param").key;
    requireDefinition(key);
    const template = (await listTemplates()).find((t) => t.key === key);
    return c.json({ template }, 200);
  })
  .put("/admin/templates/:key", owner, validate("param", keyParam), validate("json", content, { maxBytes: 512 * 1024 }), async (c) => {
    const template = await saveTemplate(c.req.valid("param").key, c.req.valid("json"), c.var.auth.userId);
    return c.json({ template }, 200);
  })
  .delete("/admin/templates/:key", owner, validate("param", keyParam), async (c) => c.json({ template: await resetTemplate(c.req.valid("param").key) }, 200))
  .post("/admin/templates/:key/preview", owner, validate("param", keyParam), async (c) => {
    const draft = await optionalDraft(await c.req.text());
    return c.json({ preview: await previewTemplate(c.req.valid("param").key, draft) }, 200);
  })
  .get("/admin/messages", owner, validate("query", historyQuery), async (c) => {
    const { userId, month, cursor, limit } = c.req.valid("query");
    const listed = userId ? { userId } : { month: month ?? clock.now().toISOString().slice(0, 7) };
    const scope = ["messaging.history", c.var.auth.userId, listed.userId ?? null, listed.month ?? null];
    const from = openCursor(cursor, scope);
    const page = listed.userId ? await messagesOf(listed.userId, { cursor: from, limit }) : await messagesInMonth(listed.month!, { cursor: from, limit });
    return c.json({ messages: page.items.map(ownerMessageView), cursor: sealCursor(page.cursor, scope) }, 200);
  })
  /** What texts cost in a month (this month by default): sent, segments, pence, per kind (issue 19). */
  .get("/admin/sms/report", owner, validate("query", monthQuery), async (c) => {
    const month = c.req.valid("query").month ?? clock.now().toISOString().slice(0, 7);
    return c.json({ report: textCostReport(month, await textsInMonth(month)) }, 200);
  })
  /** The audience builder's live count: who the criteria select, and who of them would be mailed. */
  .post("/admin/campaigns/audience", owner, validate("json", audienceQuery), async (c) => {
    const { channel, ...filter } = c.req.valid("json");
    return c.json({ count: await countAudience(filter, clock.now(), channel) }, 200);
  })
  .post("/admin/campaigns", owner, validate("json", CampaignInput), async (c) => {
    return c.json({ campaign: await createCampaign(c.req.valid("json"), c.var.auth.userId) }, 201);
  })
  .get("/admin/campaigns", owner, async (c) => c.json({ campaigns: await listCampaigns() }, 200))
  .get("/admin/campaigns/:id", owner, validate("param", idParam), async (c) => c.json(await campaignWithRecipients(c.req.valid("param").id), 200))
  .post("/admin/campaigns/:id/send", owner, validate("param", idParam), async (c) => {
    return c.json({ campaign: await sendCampaignNow(c.req.valid("param").id) }, 202);
  });
