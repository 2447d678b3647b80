import { TIME_ZONE } from "@mas/core/config";
import { audienceDecision, type AudienceFilter, type Channel } from "./audience";
import { memberProfile, type AudienceMember } from "./audience-projection";
import { insideMarketingHours, marketingSendTime } from "./sms/quiet-hours";

/**
 * The pure part of sending a campaign a page at a time: who on a page of the marketing
 * audience is sent to, who is listed as not sent (and why), and when a page of texts may
 * start. A page is a slice of the read model in user-id order; the campaign keeps where
 * the next one starts, so an invocation that runs out of time hands over to the next.
 */
export interface PagePlan {
  /** In the audience and allowed the channel: send to these. */
  send: string[];
  /** In the audience but not to be sent to: listed with the reason. */
  suppressed: { userId: string; reason: string }[];
}

export function planPage(members: readonly AudienceMember[], filter: AudienceFilter, channel: Channel, now: Date, timeZone = TIME_ZONE): PagePlan {
  const plan: PagePlan = { send: [], suppressed: [] };
  for (const member of members) {
    const decision = audienceDecision(memberProfile(member, now), filter, timeZone, channel);
    if (decision === "not_in_audience") continue;
    if (decision === "include") plan.send.push(member.userId);
    else plan.suppressed.push({ userId: member.userId, reason: decision });
  }
  return plan;
}

/**
 * When a page of marketing texts may start: now, if the whole page (its time budget) fits
 * before 20:00 London time; otherwise the next 09:00. A page never straddles 20:00, so no
 * text of it is sent in quiet hours (and none is held back one by one).
 */
export function textPageStart(now: Date, pageBudgetMs: number, timeZone = TIME_ZONE): Date {
  const end = new Date(now.getTime() + pageBudgetMs);
  if (insideMarketingHours(now, timeZone) && insideMarketingHours(end, timeZone)) return now;
  return marketingSendTime(insideMarketingHours(now, timeZone) ? end : now, timeZone);
}
