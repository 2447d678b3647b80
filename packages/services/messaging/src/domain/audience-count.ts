import { audienceDecision, AudienceFilter } from "./audience";
import { candidateProfiles } from "./recipients";

/**
 * How many people a campaign's audience holds right now, and how many of them it would
 * actually mail: the same selection and the same consent/unsubscribe rules the send uses
 * (`audienceDecision`), so the owner's live count and the campaign's result agree.
 */
export interface AudienceCount {
  /** Everyone the criteria select. */
  matching: number;
  /** Of those, who would be mailed (marketing consent given, not unsubscribed). */
  reachable: number;
  noConsent: number;
  unsubscribed: number;
}

export async function countAudience(filter: AudienceFilter, now: Date): Promise<AudienceCount> {
  const audience = AudienceFilter.parse(filter);
  const count: AudienceCount = { matching: 0, reachable: 0, noConsent: 0, unsubscribed: 0 };
  for (const profile of await candidateProfiles(audience, now)) {
    const decision = audienceDecision(profile, audience);
    if (decision === "not_in_audience") continue;
    count.matching++;
    if (decision === "include") count.reachable++;
    else if (decision === "no_consent") count.noConsent++;
    else count.unsubscribed++;
  }
  return count;
}
