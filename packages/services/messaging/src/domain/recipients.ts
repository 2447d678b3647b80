import { getActiveUser, listUsers } from "@mas/accounts/read";
import { appointmentsOfClient } from "@mas/booking/read";
import { profileOf } from "@mas/booking/read";
import type { AudienceFilter, RecipientProfile } from "./audience";
import { isUnsubscribed } from "./unsubscribes";
import { activeCourseOf, mirroredAppointmentsOf } from "./workflow-state";

/**
 * Who mail goes to, read from the services that own the facts: name and address from
 * accounts' User, marketing consent from booking's ClientProfile (no profile, or no
 * answer, means no consent), visit history from booking's appointments merged with
 * messaging's own copy (appointments booking has not stored, e.g. before it existed).
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

const VISITED = new Set(["completed"]);
const BOOKED = new Set(["confirmed", "completed"]);

async function visitHistory(userId: string, now: Date): Promise<{ categories: string[]; lastVisitAt: string | null }> {
  const byId = new Map<string, { category: string; status: string; end: string }>();
  for (const a of await mirroredAppointmentsOf(userId)) byId.set(a.appointmentId, a);
  for (const a of await appointmentsOfClient(userId)) byId.set(a.appointmentId, a);
  const appointments = [...byId.values()];
  const categories = [...new Set(appointments.filter((a) => BOOKED.has(a.status)).map((a) => a.category))].sort();
  const visits = appointments
    .filter((a) => VISITED.has(a.status) || (a.status === "confirmed" && a.end <= now.toISOString()))
    .map((a) => a.end)
    .sort();
  return { categories, lastVisitAt: visits.at(-1) ?? null };
}

export async function recipientProfile(user: Recipient & { roles: string[] }, now: Date): Promise<RecipientProfile> {
  const [history, hasActiveCourse, marketingConsent, unsubscribed] = await Promise.all([
    visitHistory(user.userId, now),
    activeCourseOf(user.userId),
    hasMarketingConsent(user.userId),
    isUnsubscribed(user.email),
  ]);
  return { userId: user.userId, email: user.email, firstName: user.firstName, roles: user.roles, ...history, hasActiveCourse, marketingConsent, unsubscribed };
}

/** Every live user worth considering for the filter, with the facts the filter needs. */
export async function candidateProfiles(filter: AudienceFilter, now: Date): Promise<RecipientProfile[]> {
  const role = filter.roles?.length === 1 ? (filter.roles[0] as "client" | "student" | "owner") : undefined;
  const users: { userId: string; email: string; firstName: string; roles: string[] }[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers({ role, limit: 100, cursor });
    users.push(...page.users);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  const profiles: RecipientProfile[] = [];
  for (let i = 0; i < users.length; i += 10) {
    profiles.push(...(await Promise.all(users.slice(i, i + 10).map((user) => recipientProfile(user, now)))));
  }
  return profiles;
}
