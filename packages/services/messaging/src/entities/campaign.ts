import { Entity } from "electrodb";

export const CAMPAIGN_STATUSES = ["scheduled", "sending", "sent"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * A marketing mail to an audience, sent now or at `sendAt` (a Scheduler schedule named
 * `campaign-<id>`). The status only moves forward; the move to `sending` is conditional,
 * so a schedule firing twice or a concurrent "send now" sends once.
 */
export const Campaign = new Entity({
  model: { entity: "campaign", version: "1", service: "mas" },
  attributes: {
    campaignId: { type: "string", required: true },
    name: { type: "string", required: true },
    headline: { type: "string", required: true },
    body: { type: "string", required: true },
    ctaUrl: { type: "string" },
    /** The AudienceFilter (messaging/audience.ts), validated on the way in. */
    audience: { type: "any", required: true },
    /** By mail (default) or by text. */
    channel: { type: ["email", "sms"] as const, required: true, default: "email" },
    status: { type: CAMPAIGN_STATUSES, required: true },
    sendAt: { type: "string" },
    createdBy: { type: "string", required: true },
    createdAt: { type: "string", required: true },
    startedAt: { type: "string" },
    /** Campaigns sent before paging built their whole list first, once. */
    listedAt: { type: "string" },
    /**
     * Paging through the marketing audience: where the next page starts (ElectroDB's cursor
     * over the read model) and how many pages are done; a page is done once its recipients
     * are recorded, and the move to the next is conditional on `pagesDone`, so two
     * invocations never both advance.
     */
    cursor: { type: "string" },
    pagesDone: { type: "number" },
    /** Invocations that worked on the send (the first and each continuation). */
    invocations: { type: "number" },
    /** A text campaign waiting for 09:00 London time (quiet hours). */
    waitingUntil: { type: "string" },
    finishedAt: { type: "string" },
    recipients: { type: "number", required: true, default: 0 },
    sent: { type: "number", required: true, default: 0 },
    suppressed: { type: "number", required: true, default: 0 },
    failed: { type: "number", required: true, default: 0 },
  },
  indexes: {
    byId: {
      pk: { field: "pk", composite: ["campaignId"] },
      sk: { field: "sk", composite: [] },
    },
    /** The owner's list, newest first. */
    all: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [] },
      sk: { field: "gsi1sk", composite: ["createdAt", "campaignId"] },
    },
  },
});
