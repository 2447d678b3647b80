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
import { AudienceFilter, audienceDecision } from "./audience";
import { clock } from "@mas/core/shared/clock";
import { isConditionFailure } from "@mas/core/db/conditions";
import { DeliveryInProgress, deliver, type DeliveryOutcome } from "./delivery";
import { COMMON_FIELDS } from "./fields";
import { getMessage } from "./history";
import { clinicDetails } from "@mas/booking/read";
import { candidateProfiles, recipientFor } from "./recipients";
import { lintTemplate, renderContent } from "./render";
import { CAMPAIGN_TEMPLATE_KEY } from "./templates";
import { scheduleName } from "./workflows";
import { siteLinks } from "@mas/core/links";

/**
 * Owner campaigns: an audience, a personalised message (headline and body may use the
 * common merge fields), sent now or at `sendAt`. Sending builds the recipient list once
 * (everyone the filter selects; those without consent or unsubscribed are listed as
 * suppressed), then delivers in batches paced under SES's send rate. Each recipient's
 * message id is `campaign.<id>.<userId>`, so a schedule that fires twice, a retry after a
 * crash, or "send now" racing the schedule never mails anyone twice. A send that runs
 * out of its time budget continues in a new invocation.
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
    sendAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type CampaignInput = z.input<typeof CampaignInput>;

const notFoundCampaign = () => notFound("messaging.campaign_not_found", "No such campaign");

export async function createCampaign(input: CampaignInput, createdBy: string): Promise<CampaignItem> {
  const parsed = CampaignInput.parse(input);
  const issues = lintTemplate({ subject: parsed.headline, html: "", text: parsed.body }, COMMON_FIELDS);
  if (issues.length) {
    const fields = { [issues[0]!.part === "subject" ? "headline" : "body"]: issues[0]!.message };
    throw unprocessable("messaging.campaign_invalid", issues.map((i) => i.message).join("; "), fields);
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

/** Lists everyone the filter selects, once (a retry adds only who is missing). */
async function buildRecipientList(campaign: CampaignItem): Promise<void> {
  const existing = new Set((await campaignRecipients(campaign.campaignId)).map((r) => r.userId));
  const audience = AudienceFilter.parse(campaign.audience);
  const at = clock.now().toISOString();
  const fresh: CampaignRecipientItem[] = [];
  for (const profile of await candidateProfiles(audience, clock.now())) {
    if (existing.has(profile.userId)) continue;
    const decision = audienceDecision(profile, audience);
    if (decision === "not_in_audience") continue;
    const suppressed = decision !== "include";
    fresh.push({ campaignId: campaign.campaignId, userId: profile.userId, email: profile.email, status: suppressed ? "suppressed" : "pending", reason: suppressed ? decision : undefined, updatedAt: at });
  }
  if (fresh.length) await db().entities.campaignRecipient.put(fresh).go();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** SES's default sending quota is 14 messages a second; raise with the account's quota. */
/** How fast a campaign may send (SES's per-second quota) and how long one invocation may keep sending. */
export interface CampaignPacing {
  ratePerSecond: number;
  budgetMs: number;
}

async function deliverTo(campaign: CampaignItem, pending: CampaignRecipientItem): Promise<Partial<CampaignRecipientItem>> {
  const recipient = await recipientFor(pending.userId);
  if (!recipient) return { status: "suppressed", reason: "recipient_unknown" };
  const practice = await clinicDetails();
  const personal = renderContent(
    { subject: campaign.headline, html: "", text: campaign.body },
    { client: { firstName: recipient.firstName, email: recipient.email }, practice: { name: practice.name, email: practice.email, phone: practice.phone, address: practice.address }, links: { site: siteLinks(practice.siteUrl).site(), account: siteLinks(practice.siteUrl).account() } },
  );
  const messageId = `campaign.${campaign.campaignId}.${recipient.userId}`;
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
  const message = await getMessage(messageId);
  return message?.status === "sent" || message?.status === "suppressed" ? { status: message.status, reason: message.reason, messageId } : {};
}

/**
 * Wall-clock time one invocation spends sending before it hands over: the service's
 * Lambda also answers HTTP and has a short timeout, so a large campaign continues in a
 * fresh invocation (a new `reminder.due`) instead of being cut off mid-batch.
 */

/** The campaign's schedule (or "send now", or a continuation) fired. */
export async function onCampaignDue(campaignId: string, pacing: CampaignPacing): Promise<void> {
  const campaign = await findCampaign(campaignId);
  if (!campaign || campaign.status === "sent") return;
  if (campaign.status === "scheduled" && !(await startSending(campaignId))) {
    const current = await findCampaign(campaignId);
    if (!current || current.status === "sent") return;
  }
  if (!campaign.listedAt) {
    await buildRecipientList(campaign);
    await db().entities.campaign.patch({ campaignId }).set({ listedAt: clock.now().toISOString() }).go();
  }
  const pending = (await campaignRecipients(campaignId)).filter((r) => r.status === "pending");
  const rate = Math.max(1, Math.floor(pacing.ratePerSecond));
  const deadline = Date.now() + pacing.budgetMs;
  for (let i = 0; i < pending.length; i += rate) {
    if (i > 0 && Date.now() >= deadline) {
      await requestSend(campaignId, clock.now());
      return;
    }
    const started = Date.now();
    const batch = pending.slice(i, i + rate);
    const results = await Promise.all(batch.map((r) => deliverTo(campaign, r)));
    const updatedAt = clock.now().toISOString();
    const changed = batch.flatMap((r, index) => (results[index]?.status ? [{ ...r, ...results[index], updatedAt }] : []));
    if (changed.length) await db().entities.campaignRecipient.put(changed).go();
    if (i + rate < pending.length) await sleep(Math.max(0, 1_000 - (Date.now() - started)));
  }
  const all = await campaignRecipients(campaignId);
  const count = (status: CampaignRecipientItem["status"]) => all.filter((r) => r.status === status).length;
  await db()
    .entities.campaign.patch({ campaignId })
    .set({ status: count("pending") ? "sending" : "sent", finishedAt: clock.now().toISOString(), recipients: all.length, sent: count("sent"), suppressed: count("suppressed"), failed: count("failed") })
    .go();
}
