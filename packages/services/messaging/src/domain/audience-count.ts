import { audienceDecision, AudienceFilter, type Channel } from "./audience";
import { allMembers, memberProfile } from "./audience-projection";

/**
 * How many people a campaign's audience holds right now, and how many of them it would
 * actually reach: the same read model, selection and consent rules the send uses
 * (`audienceDecision` over the marketing audience), so the owner's live count and the
 * campaign's result agree. Cheap: the read model is one partition, read 1 MB a request
 * (a few thousand members each), and nothing per person from other services.
 */
export interface AudienceCount {
  /** Everyone the criteria select. */
  matching: number;
  /** Of those, who would be sent to (mail: marketing consent, not unsubscribed; text: both text consents and a mobile). */
  reachable: number;
  noConsent: number;
  unsubscribed: number;
  /** Text campaigns: selected but no UK mobile on the account. */
  noMobile: number;
}

export async function countAudience(filter: AudienceFilter, now: Date, channel: Channel = "email"): Promise<AudienceCount> {
  const audience = AudienceFilter.parse(filter);
  const count: AudienceCount = { matching: 0, reachable: 0, noConsent: 0, unsubscribed: 0, noMobile: 0 };
  for (const member of await allMembers()) {
    const decision = audienceDecision(memberProfile(member, now), audience, undefined, channel);
    if (decision === "not_in_audience") continue;
    count.matching++;
    if (decision === "include") count.reachable++;
    else if (decision === "no_consent") count.noConsent++;
    else if (decision === "no_mobile_number") count.noMobile++;
    else count.unsubscribed++;
  }
  return count;
}
