import { getActiveUser } from "@mas/accounts/read";
import { profileOf } from "@mas/booking/read";
import { isUnsubscribed } from "./unsubscribes";

/**
 * Who mail goes to, read from the services that own the facts: name and address from
 * accounts' User, marketing consent from booking's ClientProfile (no profile, or no
 * answer, means no consent), read at the moment of sending. Who a campaign considers
 * comes from the marketing audience read model (audience-projection.ts).
 */
export interface Recipient {
  userId: string;
  email: string;
  firstName: string;
}

/** undefined for an unknown or erased user: there is nobody to write to. */
export async function recipientFor(userId: string): Promise<Recipient | undefined> {
  const user = await getActiveUser(userId);
  return user ? { userId, email: user.email, firstName: user.firstName } : undefined;
}

export async function hasMarketingConsent(userId: string): Promise<boolean> {
  const profile = await profileOf(userId);
  return profile.consents.marketingEmail?.granted === true;
}

/** Why a marketing mail must not go to this person, if it must not. */
export async function marketingBlock(recipient: Recipient): Promise<"unsubscribed" | "no_consent" | undefined> {
  if (await isUnsubscribed(recipient.email)) return "unsubscribed";
  if (!(await hasMarketingConsent(recipient.userId))) return "no_consent";
  return undefined;
}
