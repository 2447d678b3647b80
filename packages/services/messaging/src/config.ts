import type { CampaignPacing } from "./domain/campaigns";
import type { SmsSettings } from "./domain/sms/sending";

/** Messaging's settings, read at the service edge (never in domain code). */
export function campaignPacing(env: Record<string, string | undefined> = process.env): CampaignPacing {
  return { ratePerSecond: Number(env.SES_MAX_SEND_RATE ?? 14), budgetMs: Number(env.CAMPAIGN_SEND_BUDGET_MS ?? 20_000), pageSize: Number(env.CAMPAIGN_PAGE_SIZE ?? 100) };
}

/** What one UK SMS segment costs, whole pence (AWS's price to UK mobiles, about 3-4p), for the owner's report. */
export function smsSettings(env: Record<string, string | undefined> = process.env): SmsSettings {
  const pence = Number(env.SMS_PENCE_PER_SEGMENT ?? 4);
  return { pencePerSegment: Number.isInteger(pence) && pence >= 0 ? pence : 4 };
}
