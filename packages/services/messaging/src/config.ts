import type { CampaignPacing } from "./domain/campaigns";

/** Messaging's settings, read at the service edge (never in domain code). */
export function campaignPacing(env: Record<string, string | undefined> = process.env): CampaignPacing {
  return { ratePerSecond: Number(env.SES_MAX_SEND_RATE ?? 14), budgetMs: Number(env.CAMPAIGN_SEND_BUDGET_MS ?? 20_000) };
}
