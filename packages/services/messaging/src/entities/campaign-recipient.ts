import { Entity } from "electrodb";

/** One person a campaign considered, and what happened: sent, suppressed (why), failed. */
export const CampaignRecipient = new Entity({
  model: { entity: "campaignRecipient", version: "1", service: "mas" },
  attributes: {
    campaignId: { type: "string", required: true },
    userId: { type: "string", required: true },
    email: { type: "string", required: true },
    status: { type: ["pending", "sent", "suppressed", "failed"] as const, required: true },
    reason: { type: "string" },
    messageId: { type: "string" },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byCampaign: {
      pk: { field: "pk", composite: ["campaignId"] },
      sk: { field: "sk", composite: ["userId"] },
    },
  },
});
