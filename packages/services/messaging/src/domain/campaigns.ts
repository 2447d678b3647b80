import type { EntityItem } from "electrodb";
import { ulid } from "ulid";
import * as z from "zod";
import type { Campaign } from "../entities/campaign";
import type { CampaignRecipient } from "../entities/campaign-recipient";
import { db } from "../entities";
import { conflict, notFound, unprocessable } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishOnItsOwn, stageEvent } from "@mas/core/outbox/outbox";
import { cancelSchedule, scheduleEvent } from "@mas/core/ports/scheduler";
import { AudienceFilter, CHANNELS } from "./audience";
import { membersPage, type AudienceMember } from "./audience-projection";
import { planPage, textPageStart } from "./campaign-pages";
import { clock } from "@mas/core/shared/clock";
import { isConditionFailure } from "@mas/core/db/conditions";
import { DeliveryInProgress, deliver, type DeliveryOutcome } from "./delivery";
import { COMMON_FIELDS } from "./fields";
import { getMessage } from "./history";
import { clinicDetails } from "@mas/booking/read";
import type { Recipient } from "./recipients";
import { usersByIds } from "@mas/accounts/read";
import { textUser, type SmsSettings, type TextOutcome } from "./sms/sending";
import { countSegments } from "./sms/segments";
import { TEXT_KINDS, renderText } from "./sms/texts";
import { lintTemplate, renderContent } from "./render";
import { CAMPAIGN_TEMPLATE_KEY } from "./templates";
import { scheduleName } from "./workflows";
import { siteLinks } from "@mas/core/links";

/**
 * Owner campaigns: an audience, a personalised message (headline and body may use the
 * common merge fields), by mail or by text, sent now or at `sendAt`. Sending reads the
 * marketing audience (a read model kept from events, audience-projection.ts) a page at a
 * time: on each page, who the filter selects and the channel allows is sent to, paced
 * under the send rate; who the filter selects but may not be sent to is listed as
 * suppressed with why. Where the next page starts is kept on the campaign, so a send
 * that runs out of its time budget continues in a new invocation, and a crash repeats at
 * most one page. Each recipient's message id is `campaign.<id>.<userId>` (`.sms` for a
 * text), so a schedule that fires twice, a retried page, or "send now" racing the
 * schedule never sends anyone the same campaign twice.
 */
export type CampaignItem = EntityItem<typeof Campaign>;
export type CampaignRecipientItem = EntityItem<typeof CampaignRecipient>;

export const CampaignInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    headline: z.string().trim().min(1).max(150),
    body: z.string().trim().min(1).max(5_000),
    ctaUrl: z.url({ protocol: /^https?$/, error: "Use an http(s) link" }).max(500).optional(),
    audience: AudienceFilter.default({}),
    channel: z.enum(CHANNELS).default("email"),
    sendAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type CampaignInput = z.input<typeof CampaignInput>;

/** The text a campaign would send to someone with a long first name from a clinic with a long name: what the cap is checked against. */
export function campaignTextLength(body: string, ctaUrl?: string) {
  const firstName = "Bartholomew-Alexand";
  const message = body.replace(/{{\s*client\.firstName\s*}}/g, firstName);
  return countSegments(renderText("campaign.offer", { firstName, practiceName: "x".repeat(30), serviceName: "", start: new Date(0).toISOString(), link: ctaUrl ?? "", message }));
}

const notFoundCampaign = () => notFound("messaging.campaign_not_found", "No such campaign");

export async function createCampaign(input: CampaignInput, createdBy: string): Promise<CampaignItem> {
  const parsed = CampaignInput.parse(input);
  const issues = lintTemplate({ subject: parsed.headline, html: "", text: parsed.body }, COMMON_FIELDS);
  if (issues.length) {
    const fields = { [issues[0]!.part === "subject" ? "headline" : "body"]: issues[0]!.message };
    throw unprocessable("messaging.campaign_invalid", issues.map((i) => i.message).join("; "), fields);
  }
  if (parsed.channel === "sms") {
    const longest = campaignTextLength(parsed.body, parsed.ctaUrl);
    if (longest.segments > TEXT_KINDS["campaign.offer"].maxSegments) {
      const message = `Too long for a text: up to ${TEXT_KINDS["campaign.offer"].maxSegments} segments with the clinic's name and "Reply STOP to opt out" (this takes ${longest.segments}, ${longest.encoding})`;
      throw unprocessable("messaging.campaign_text_too_long", message, { body: message });
    }
  }
  const at = clock.now();
  if (parsed.sendAt && Date.parse(parsed.sendAt) <= at.getTime()) {
    throw unprocessable("messaging.send_at_past", "Choose a time in the future, or send now", { sendAt: "Must be in the future" });
  }
  const campaign: CampaignItem = {
    campaignId: ulid(at.getTime()),
    name: parsed.name,
    headline: parsed.headline,
    body: parsed.body,
    ctaUrl: parsed.ctaUrl,
    audience: parsed.audience,
    channel: parsed.channel,
    status: "scheduled",
    sendAt: parsed.sendAt ? new Date(parsed.sendAt).toISOString() : undefined,
    createdBy,
    createdAt: at.toISOString(),
    recipients: 0,
    sent: 0,
    suppressed: 0,
    failed: 0,
  };
  await db().entities.campaign.create(campaign).go();
  if (campaign.sendAt) {
    await scheduleEvent({
      name: scheduleName("campaign", campaign.campaignId, "send"),
      at: new Date(campaign.sendAt),
      event: Events.ReminderDue,
      data: { workflow: "campaign", step: "send", subjectId: campaign.campaignId, scheduledFor: campaign.sendAt },
    });
  } else {
    await requestSend(campaign.campaignId, at);
  }
  return campaign;
}

/** Sending happens in the event handler (it may take minutes), never in the request. */
async function requestSend(campaignId: string, at: Date): Promise<void> {
  // A fresh id per request (a continuation is a new request); the handler re-reads the campaign's status, so a stray repeat sends nothing twice.
  const request = stageEvent(Events.ReminderDue, { workflow: "campaign", step: "send", subjectId: campaignId, scheduledFor: at.toISOString() });
  await publishOnItsOwn(request);
}

export async function sendCampaignNow(campaignId: string): Promise<CampaignItem> {
  const campaign = await findCampaign(campaignId);
  if (!campaign) throw notFoundCampaign();
  if (campaign.status !== "scheduled") throw conflict("messaging.campaign_already_sent", "This campaign has already been sent");
  await cancelSchedule(scheduleName("campaign", campaignId, "send"));
  await requestSend(campaignId, clock.now());
  return campaign;
}

export async function findCampaign(campaignId: string): Promise<CampaignItem | undefined> {
  return (await db().entities.campaign.get({ campaignId }).go({ consistent: true })).data ?? undefined;
}

export async function listCampaigns(): Promise<CampaignItem[]> {
  return (await db().entities.campaign.query.all({}).go({ order: "desc", pages: "all" })).data;
}

export async function campaignRecipients(campaignId: string): Promise<CampaignRecipientItem[]> {
  return (await db().entities.campaignRecipient.query.byCampaign({ campaignId }).go({ pages: "all" })).data;
}

export async function campaignWithRecipients(campaignId: string) {
  const campaign = await findCampaign(campaignId);
  if (!campaign) throw notFoundCampaign();
  return { campaign, recipients: await campaignRecipients(campaignId) };
}

/** scheduled → sending, once; false if it had already moved on. */
async function startSending(campaignId: string): Promise<boolean> {
  try {
    await db()
      .entities.campaign.patch({ campaignId })
      .set({ status: "sending", startedAt: clock.now().toISOString() })
      .where((attr, op) => op.eq(attr.status, "scheduled"))
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How fast a campaign may send (SES's per-second quota, 14 by default), how long one
 * invocation may keep sending before it hands over (the service's Lambda also answers
 * HTTP and has a short timeout), and how many audience members one page reads.
 */
export interface CampaignPacing {
  ratePerSecond: number;
  budgetMs: number;
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 100;

/** Test seam for fault injection: called after each recipient's send, before the page is recorded. */
export interface CampaignFaults {
  afterSend?: (userId: string) => void | Promise<void>;
}

type Practice = Awaited<ReturnType<typeof clinicDetails>>;
type Outcome = Partial<Pick<CampaignRecipientItem, "status" | "reason" | "messageId">>;

const campaignMessageId = (campaign: CampaignItem, userId: string) => `campaign.${campaign.campaignId}.${userId}${campaign.channel === "sms" ? ".sms" : ""}`;

function personalise(campaign: CampaignItem, recipient: Recipient, practice: Practice) {
  const links = siteLinks(practice.siteUrl);
  return renderContent(
    { subject: campaign.headline, html: "", text: campaign.body },
    { client: { firstName: recipient.firstName, email: recipient.email }, practice: { name: practice.name, email: practice.email, phone: practice.phone, address: practice.address }, links: { site: links.site(), account: links.account() } },
  );
}

async function mailTo(campaign: CampaignItem, recipient: Recipient, practice: Practice): Promise<Outcome> {
  const personal = personalise(campaign, recipient, practice);
  const messageId = campaignMessageId(campaign, recipient.userId);
  let outcome: DeliveryOutcome;
  try {
    outcome = await deliver({
      messageId,
      template: CAMPAIGN_TEMPLATE_KEY,
      recipient,
      data: { campaign: { headline: personal.subject, body: personal.text }, links: { campaign: campaign.ctaUrl ?? siteLinks(practice.siteUrl).site() } },
      related: { type: "campaign", id: campaign.campaignId },
    });
  } catch (error) {
    if (error instanceof DeliveryInProgress) return {};
    return { status: "failed", reason: error instanceof Error ? error.message.slice(0, 300) : "send failed", messageId };
  }
  if (outcome.status === "sent") return { status: "sent", messageId };
  if (outcome.status === "suppressed") return { status: "suppressed", reason: outcome.reason, messageId };
  return settledOutcome(messageId);
}

async function textTo(campaign: CampaignItem, recipient: Recipient, practice: Practice, settings: SmsSettings): Promise<Outcome> {
  const messageId = campaignMessageId(campaign, recipient.userId);
  let outcome: TextOutcome;
  try {
    outcome = await textUser(
      {
        messageId,
        kind: "campaign.offer",
        userId: recipient.userId,
        data: { serviceName: campaign.name, start: clock.now().toISOString(), link: campaign.ctaUrl ?? "", message: personalise(campaign, recipient, practice).text },
        related: { type: "campaign", id: campaign.campaignId },
      },
      settings,
    );
  } catch (error) {
    if (error instanceof DeliveryInProgress) return {};
    return { status: "failed", reason: error instanceof Error ? error.message.slice(0, 300) : "send failed", messageId };
  }
  if (outcome.status === "sent") return { status: "sent", messageId };
  if (outcome.status === "suppressed") return { status: "suppressed", reason: outcome.reason, messageId };
  if (outcome.status === "failed") return { status: "failed", reason: outcome.reason, messageId };
  // Deferred by the text's own quiet-hours check: its schedule owns it now; the row stays pending.
  if (outcome.status === "deferred") return { status: "pending", reason: "quiet_hours", messageId };
  return settledOutcome(messageId);
}

/** A repeat (a retried page): the history says what became of the first attempt. */
async function settledOutcome(messageId: string): Promise<Outcome> {
  const message = await getMessage(messageId);
  return message?.status === "sent" || message?.status === "suppressed" ? { status: message.status, reason: message.reason, messageId } : {};
}

/**
 * One page: who of these members is in the audience and allowed the channel (the read
 * model), then each is sent to, paced under the rate, with name and address read for the
 * whole page at once (one BatchGet). Each send is keyed `campaign.<id>.<userId>`, so a
 * page done again after a crash sends nobody twice; the page's rows are written last.
 */
async function sendPage(campaign: CampaignItem, members: AudienceMember[], pacing: CampaignPacing, settings: SmsSettings, faults: CampaignFaults): Promise<void> {
  const now = clock.now();
  const updatedAt = now.toISOString();
  // Roles as accounts holds them now: a role change raises no event the read model follows
  // (a client made a student must leave a clients-only audience before the next page).
  const users = new Map((await usersByIds(members.map((m) => m.userId))).filter((u) => !u.erasedAt).map((u) => [u.userId, u]));
  const current = members.map((m) => {
    const user = users.get(m.userId);
    return user ? { ...m, roles: [...user.roles] } : m;
  });
  const plan = planPage(current, AudienceFilter.parse(campaign.audience), campaign.channel ?? "email", now);
  const emailOf = new Map(members.map((m) => [m.userId, m.email ?? ""]));
  const rows: CampaignRecipientItem[] = plan.suppressed.map(({ userId, reason }) => ({ campaignId: campaign.campaignId, userId, email: emailOf.get(userId) ?? "", status: "suppressed", reason, updatedAt }));
  const practice = await clinicDetails();
  const rate = Math.max(1, Math.floor(pacing.ratePerSecond));
  for (let i = 0; i < plan.send.length; i += rate) {
    const started = Date.now();
    const batch = plan.send.slice(i, i + rate);
    const outcomes = await Promise.all(
      batch.map(async (userId): Promise<CampaignRecipientItem> => {
        const user = users.get(userId);
        const base = { campaignId: campaign.campaignId, userId, email: user?.email ?? emailOf.get(userId) ?? "", updatedAt };
        if (!user) return { ...base, status: "suppressed", reason: "recipient_unknown" };
        const recipient = { userId, email: user.email, firstName: user.firstName };
        const outcome = campaign.channel === "sms" ? await textTo(campaign, recipient, practice, settings) : await mailTo(campaign, recipient, practice);
        await faults.afterSend?.(userId);
        return { ...base, status: "pending", ...outcome };
      }),
    );
    rows.push(...outcomes);
    if (i + rate < plan.send.length) await sleep(Math.max(0, 1_000 - (Date.now() - started)));
  }
  if (rows.length) await db().entities.campaignRecipient.put(rows).go();
}

/** Moves the campaign past a page, once: false if another invocation already did. */
async function pageDone(campaignId: string, done: number, next: string | null): Promise<boolean> {
  try {
    let patch = db()
      .entities.campaign.patch({ campaignId })
      .set({ pagesDone: done + 1, ...(next ? { cursor: next } : {}) });
    if (!next) patch = patch.remove(["cursor"]);
    await patch.where((attr, op) => (done === 0 ? `${op.notExists(attr.pagesDone)} OR ${op.eq(attr.pagesDone, 0)}` : op.eq(attr.pagesDone, done))).go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

async function finish(campaignId: string): Promise<void> {
  const all = await campaignRecipients(campaignId);
  const count = (status: CampaignRecipientItem["status"]) => all.filter((r) => r.status === status).length;
  await db()
    .entities.campaign.patch({ campaignId })
    .set({ status: "sent", finishedAt: clock.now().toISOString(), recipients: all.length, sent: count("sent"), suppressed: count("suppressed"), failed: count("failed") })
    .go();
}

/** A text campaign in quiet hours: its schedule brings it back at 09:00 London time. */
async function waitForOpening(campaignId: string, until: Date): Promise<void> {
  await db().entities.campaign.patch({ campaignId }).set({ waitingUntil: until.toISOString() }).go();
  await scheduleEvent({
    name: scheduleName("campaign", campaignId, "send"),
    at: until,
    event: Events.ReminderDue,
    data: { workflow: "campaign", step: "send", subjectId: campaignId, scheduledFor: until.toISOString() },
  });
}

/**
 * The campaign's schedule (or "send now", or a continuation) fired: send page after page
 * of the marketing audience until the time budget is spent, then hand over to a fresh
 * invocation (a new `reminder.due` through the outbox). A text campaign sends a page only
 * if the whole page fits inside 09:00–20:00 London time, else it waits for 09:00.
 */
export async function onCampaignDue(campaignId: string, pacing: CampaignPacing, settings: SmsSettings, faults: CampaignFaults = {}): Promise<void> {
  let campaign = await findCampaign(campaignId);
  if (!campaign || campaign.status === "sent") return;
  if (campaign.status === "scheduled" && !(await startSending(campaignId))) {
    campaign = await findCampaign(campaignId);
    if (!campaign || campaign.status === "sent") return;
  }
  await db().entities.campaign.patch({ campaignId }).add({ invocations: 1 }).remove(["waitingUntil"]).go();
  const deadline = Date.now() + pacing.budgetMs;
  // A page takes about pageSize / rate seconds: start one only if it ends inside the budget, so
  // an invocation stays under the budget (20 s) and well inside the function's 29 s.
  const pageSize = pacing.pageSize ?? DEFAULT_PAGE_SIZE;
  const pageMs = Math.ceil(pageSize / Math.max(1, Math.floor(pacing.ratePerSecond))) * 1_000;
  let done = campaign.pagesDone ?? 0;
  let cursor = campaign.cursor ?? null;
  for (;;) {
    if (campaign.channel === "sms") {
      const now = clock.now();
      const opens = textPageStart(now, pacing.budgetMs);
      if (opens.getTime() > now.getTime()) return waitForOpening(campaignId, opens);
    }
    const page = await membersPage(cursor, pageSize);
    await sendPage(campaign, page.members, pacing, settings, faults);
    if (!(await pageDone(campaignId, done, page.cursor))) return;
    done += 1;
    cursor = page.cursor;
    if (!cursor) return finish(campaignId);
    if (Date.now() + pageMs >= deadline) return requestSend(campaignId, clock.now());
  }
}
