import type { EntityItem } from "electrodb";
import { getActiveUser, listUsers } from "@mas/accounts/read";
import { appointmentsOfClient, profileOf } from "@mas/booking/read";
import type { EventData } from "@mas/core/events/catalogue";
import { isConditionFailure } from "@mas/core/db/conditions";
import { clock } from "@mas/core/shared/clock";
import { db } from "../entities";
import type { MarketingAudience } from "../entities/marketing-audience";
import type { RecipientProfile } from "./audience";
import { ukMobileE164 } from "./sms/numbers";
import { activeCourseOf, mirroredAppointmentsOf } from "./workflow-state";

/**
 * The marketing audience read model (entities/marketing-audience.ts), kept from events:
 *
 * | facts                          | set from                                                     |
 * |--------------------------------|--------------------------------------------------------------|
 * | email, first name, roles, mobile | `user.registered`, `client.consents_changed`, `enrollment.activated` (accounts' user, read then) |
 * | categories, visits             | every `appointment.*` messaging hears (its mirror + booking's list) |
 * | active course                  | `enrollment.activated`, `course.completed`                    |
 * | consents                       | `client.consents_changed` (booking, through its outbox)      |
 * | unsubscribed                   | messaging's own one-click unsubscribe                        |
 * | (gone)                         | `user.erased`                                                |
 *
 * Each group of facts is written with the time of its cause and only if not older than
 * what is there, so events arriving late or twice never roll a fact back. A recompute
 * re-reads the source (one or two reads for one person, at event time) rather than
 * patching a list, so a missed event is healed by the next one. The send re-checks
 * consent and the address at the moment of sending (delivery.ts, sms/sending.ts): the
 * read model chooses whom to consider and makes the owner's count cheap; it is never
 * the last word on consent.
 */
export type AudienceMember = EntityItem<typeof MarketingAudience>;

type Group = "contactAt" | "visitsAt" | "courseAt" | "consentsAt";

/** Writes one group of facts if `at` is not older than the group's last write; false if it was. */
async function writeFacts(userId: string, group: Group, at: string, facts: Partial<AudienceMember>, remove: (keyof AudienceMember)[] = []): Promise<boolean> {
  try {
    let update = db()
      .entities.marketingAudience.update({ userId })
      .set({ ...facts, [group]: at, updatedAt: clock.now().toISOString() });
    if (remove.length) update = update.remove(remove as never[]);
    await update.where((attr, op) => `${op.notExists(attr[group])} OR ${op.lte(attr[group], at)}`).go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Name, address, roles and mobile as accounts holds them now. An unknown or erased user leaves the audience. */
export async function refreshContact(userId: string, at: string): Promise<void> {
  const user = await getActiveUser(userId);
  if (!user) return removeMember(userId);
  const mobile = ukMobileE164(user.phone);
  await writeFacts(userId, "contactAt", at, { email: user.email, firstName: user.firstName, roles: [...user.roles], ...(mobile ? { mobile } : {}) }, mobile ? [] : ["mobile"]);
}

const BOOKED = new Set(["confirmed", "completed"]);

/** What the filter needs of a client's appointments: booked categories, last completed visit, ends of confirmed ones. */
export function visitFacts(appointments: readonly { category: string; status: string; end: string }[]): Pick<AudienceMember, "categories" | "lastCompletedAt" | "confirmedEnds"> {
  const categories = [...new Set(appointments.filter((a) => BOOKED.has(a.status)).map((a) => a.category))].sort();
  const completed = appointments.filter((a) => a.status === "completed").map((a) => a.end).sort();
  const confirmedEnds = appointments.filter((a) => a.status === "confirmed").map((a) => a.end).sort();
  return { categories, lastCompletedAt: completed.at(-1), confirmedEnds };
}

/** Booking's appointments merged with messaging's copies (appointments booking has not stored), booking's first. */
export async function refreshVisits(clientId: string, at: string): Promise<void> {
  const byId = new Map<string, { category: string; status: string; end: string }>();
  for (const a of await mirroredAppointmentsOf(clientId)) byId.set(a.appointmentId, a);
  for (const a of await appointmentsOfClient(clientId)) byId.set(a.appointmentId, a);
  const facts = visitFacts([...byId.values()]);
  await writeFacts(clientId, "visitsAt", at, { categories: facts.categories, confirmedEnds: facts.confirmedEnds, ...(facts.lastCompletedAt ? { lastCompletedAt: facts.lastCompletedAt } : {}) });
}

export async function refreshCourse(userId: string, at: string): Promise<void> {
  await writeFacts(userId, "courseAt", at, { hasActiveCourse: await activeCourseOf(userId) });
}

type Consents = EventData<"client.consents_changed">["consents"];

export async function recordConsents(clientId: string, consents: Consents, at: string): Promise<void> {
  const given = Object.fromEntries(Object.entries(consents).filter(([, c]) => c !== null)) as AudienceMember["consents"];
  await writeFacts(clientId, "consentsAt", at, { consents: given });
}

/** An unsubscribe is final for marketing mail: no ordering needed. */
export async function recordUnsubscribed(userId: string): Promise<void> {
  await db().entities.marketingAudience.update({ userId }).set({ unsubscribed: true, updatedAt: clock.now().toISOString() }).go();
}

export async function removeMember(userId: string): Promise<void> {
  await db().entities.marketingAudience.delete({ userId }).go();
}

export async function findMember(userId: string): Promise<AudienceMember | undefined> {
  return (await db().entities.marketingAudience.get({ userId }).go({ consistent: true })).data ?? undefined;
}

/**
 * Everything about one person from the sources (six reads, one write): the backfill, and a
 * member whose events predate the read model. Written as one update of every group, each
 * only if not older than what events have written since.
 */
export async function refreshMember(userId: string, at: string): Promise<void> {
  const user = await getActiveUser(userId);
  if (!user) return removeMember(userId);
  const [profile, booked, mirrored, hasActiveCourse, unsubscribe] = await Promise.all([
    profileOf(userId),
    appointmentsOfClient(userId),
    mirroredAppointmentsOf(userId),
    activeCourseOf(userId),
    // unsubscribes.ts tells this module of new unsubscribes; read its item directly (no import cycle).
    db().entities.unsubscribe.get({ email: user.email.trim().toLowerCase() }).go(),
  ]);
  const byId = new Map<string, { category: string; status: string; end: string }>();
  for (const a of mirrored) byId.set(a.appointmentId, a);
  for (const a of booked) byId.set(a.appointmentId, a);
  const visits = visitFacts([...byId.values()]);
  const mobile = ukMobileE164(user.phone);
  const { marketingEmail, sms, marketingSms } = profile.consents;
  const consents = Object.fromEntries(Object.entries({ marketingEmail, sms, marketingSms }).filter(([, c]) => c !== null)) as AudienceMember["consents"];
  const groups: Group[] = ["contactAt", "visitsAt", "courseAt", "consentsAt"];
  try {
    await db()
      .entities.marketingAudience.update({ userId })
      .set({
        email: user.email,
        firstName: user.firstName,
        roles: [...user.roles],
        ...(mobile ? { mobile } : {}),
        categories: visits.categories,
        confirmedEnds: visits.confirmedEnds,
        ...(visits.lastCompletedAt ? { lastCompletedAt: visits.lastCompletedAt } : {}),
        hasActiveCourse,
        consents,
        ...(unsubscribe.data?.unsubscribedAt ? { unsubscribed: true } : {}),
        contactAt: at,
        visitsAt: at,
        courseAt: at,
        consentsAt: at,
        updatedAt: clock.now().toISOString(),
      })
      .where((attr, op) => groups.map((group) => `(${op.notExists(attr[group])} OR ${op.lte(attr[group], at)})`).join(" AND "))
      .go();
  } catch (error) {
    // An event newer than this rebuild has written some of it: apply what is not newer, group by group.
    if (!isConditionFailure(error)) throw error;
    await refreshContact(userId, at);
    await refreshVisits(userId, at);
    await refreshCourse(userId, at);
    await recordConsents(userId, { marketingEmail, sms, marketingSms }, at);
  }
}

/**
 * Builds the read model from the sources for every live user (a new deployment, the demo
 * seed): a page of users at a time, 25 people at once. Later changes arrive as events.
 */
export async function rebuildAudience(at = clock.now().toISOString()): Promise<number> {
  let cursor: string | undefined;
  let members = 0;
  do {
    const page = await listUsers({ limit: 100, cursor });
    for (let i = 0; i < page.users.length; i += 25) await Promise.all(page.users.slice(i, i + 25).map((user) => refreshMember(user.userId, at)));
    members += page.users.length;
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return members;
}

/** One page of members in user-id order; `cursor` is where the previous page ended. */
export async function membersPage(cursor: string | null, limit: number): Promise<{ members: AudienceMember[]; cursor: string | null }> {
  const page = await db().entities.marketingAudience.query.members({}).go({ cursor, limit });
  return { members: page.data, cursor: page.cursor };
}

/** What the audience filter and the channel rules read of a member (the live count needs no names or addresses). */
const COUNTED = ["userId", "roles", "categories", "lastCompletedAt", "confirmedEnds", "hasActiveCourse", "consents", "unsubscribed", "mobile"] as const;

/**
 * Every member as the filter sees them (the owner's live count): the whole partition, 1 MB
 * a request, only the attributes the filter reads. The items are taken as DynamoDB returns
 * them (`data: "raw"`), without ElectroDB's per-item formatting, which took twice as long
 * as the queries themselves on 5,000 members (measured on DynamoDB Local); the attributes
 * are stored under their model names, so an item is a member as it is.
 */
export async function allMembers(): Promise<AudienceMember[]> {
  const members: AudienceMember[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    // In raw mode ElectroDB hands DynamoDB's own LastEvaluatedKey back as the cursor, unencoded.
    const page = (await db().entities.marketingAudience.query.members({}).go({ cursor: (startKey ?? null) as string | null, data: "raw", attributes: [...COUNTED] })) as unknown as RawPage;
    members.push(...((page.data.Items ?? []) as AudienceMember[]));
    startKey = page.data.LastEvaluatedKey;
  } while (startKey);
  return members;
}
type RawPage = { data: { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> } };

/** The member as the audience filter sees it at `now`: a confirmed appointment that is over counts as a visit. */
export function memberProfile(member: AudienceMember, now: Date): RecipientProfile {
  const visits = [...(member.confirmedEnds ?? []).filter((end) => Date.parse(end) <= now.getTime()), ...(member.lastCompletedAt ? [member.lastCompletedAt] : [])].sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    userId: member.userId,
    email: member.email ?? "",
    firstName: member.firstName ?? "",
    roles: member.roles ?? [],
    categories: member.categories ?? [],
    lastVisitAt: visits.at(-1) ?? null,
    hasActiveCourse: member.hasActiveCourse ?? false,
    marketingConsent: member.consents?.marketingEmail?.granted === true,
    unsubscribed: member.unsubscribed === true,
    mobile: member.mobile ?? null,
    smsConsent: member.consents?.sms?.granted === true,
    marketingSmsConsent: member.consents?.marketingSms?.granted === true,
  };
}
