import { publishStaged, type StagedEvent } from "@mas/core/outbox/outbox";
import { ulid } from "ulid";
import { db } from "../entities";
import type { UserItem } from "../entities/user";
import { DomainError, notFound } from "@mas/core/errors";
import { hashPassword } from "../crypto/password";
import { normaliseRoles, type Role } from "@mas/core/http/roles";
import type { DirectoryQuery, ProfileChanges } from "./schemas";
import { cancellationCodes, commitRetryingConflicts } from "@mas/core/db/transactions";

/**
 * The User repository: creating people (with their email claim, in one transaction),
 * reading them, and the changes accounts allows. Intent-level flows (registration,
 * sign-in, erasure) live in their own modules and call these.
 */
export interface PublicUser {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  dateOfBirth: string | null;
  roles: Role[];
  createdAt: string;
}

/** What the API shows of a user: never the hash or the search text. */
export function publicUser(user: UserItem): PublicUser {
  return {
    userId: user.userId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone ?? null,
    dateOfBirth: user.dateOfBirth ?? null,
    roles: normaliseRoles(user.roles),
    createdAt: user.createdAt,
  };
}

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string;
  dateOfBirth?: string;
  roles: Role[];
  passwordHash: string;
}

export const emailTaken = () =>
  new DomainError("conflict", "accounts.email_taken", "An account with this email already exists", { email: "This email is already registered" });

/**
 * Writes the user and claims its email in one transaction. The claim's
 * attribute_not_exists makes the address unique whatever its casing, even for
 * concurrent registrations (conflicting ones retry until the winner has committed).
 */
export async function createUser(input: NewUser, now = new Date(), announce: (user: UserItem) => StagedEvent[] = () => []): Promise<UserItem> {
  const at = now.toISOString();
  const user: UserItem = { ...input, userId: ulid(now.getTime()), email: input.email.toLowerCase(), roles: normaliseRoles(input.roles), createdAt: at, updatedAt: at };
  user.searchText = searchTextOf(user);
  const events = announce(user);
  const result = await commitRetryingConflicts(() =>
    db()
      .transaction.write(({ user: users, emailClaim, outboxEvent }) => [
        emailClaim.create({ email: user.email, userId: user.userId }).commit(),
        users.create(user).commit(),
        ...events.map((event) => outboxEvent.put(event.item).commit()),
      ])
      .go(),
  );
  if (!result.canceled) {
    await publishStaged(events);
    return user;
  }
  if (result.data[0]?.code === "ConditionalCheckFailed") throw emailTaken();
  throw new Error(`createUser cancelled: ${cancellationCodes(result)}`);
}

/** The user, erased ones included (they are kept, anonymised). */
export async function getUser(userId: string): Promise<UserItem | undefined> {
  const { data } = await db().entities.user.get({ userId }).go({ consistent: true });
  return data ?? undefined;
}

/** The user unless missing or erased: what every "who is this" question wants. */
export async function getActiveUser(userId: string): Promise<UserItem | undefined> {
  const user = await getUser(userId);
  return user && !user.erasedAt ? user : undefined;
}

export async function requireActiveUser(userId: string): Promise<UserItem> {
  const user = await getActiveUser(userId);
  if (!user) throw notFound("accounts.user_not_found", "No such user");
  return user;
}

export async function findUserByEmail(email: string): Promise<UserItem | undefined> {
  const { data: claim } = await db().entities.emailClaim.get({ email: email.trim().toLowerCase() }).go({ consistent: true });
  return claim ? getActiveUser(claim.userId) : undefined;
}

export async function updateProfile(userId: string, changes: ProfileChanges, now = new Date()): Promise<UserItem> {
  const current = await requireActiveUser(userId);
  const next: UserItem = { ...current, ...definedOnly(changes), updatedAt: now.toISOString() };
  const removed = (["phone", "dateOfBirth"] as const).filter((field) => changes[field] === null);
  for (const field of removed) delete next[field];
  const update = db()
    .entities.user.patch({ userId })
    .set({ firstName: next.firstName, lastName: next.lastName, updatedAt: next.updatedAt, searchText: searchTextOf(next), ...pick(next, ["phone", "dateOfBirth"]) });
  await (removed.length ? update.remove(removed) : update).go();
  return next;
}

export async function setRoles(userId: string, roles: Role[], now = new Date()): Promise<UserItem> {
  const current = await requireActiveUser(userId);
  const next = { ...current, roles: normaliseRoles(roles), updatedAt: now.toISOString() };
  await db().entities.user.patch({ userId }).set({ roles: next.roles, updatedAt: next.updatedAt }).go();
  return next;
}

export async function setPasswordHash(userId: string, passwordHash: string, now = new Date()): Promise<void> {
  await db().entities.user.patch({ userId }).set({ passwordHash, updatedAt: now.toISOString() }).go();
}

/**
 * The owner's directory: newest first, live users only, optionally by role and text. The
 * filter runs after DynamoDB's page limit, so a filtered page can come back short with more
 * behind it: read on until the page is full or the directory ends (bounded).
 */
export async function listUsers(query: DirectoryQuery): Promise<{ users: PublicUser[]; cursor: string | null }> {
  const text = query.q?.toLowerCase();
  const filtered = db()
    .entities.user.query.directory({})
    .where((attr, op) =>
      [op.notExists(attr.erasedAt), query.role && op.contains(attr.roles, query.role), text && op.contains(attr.searchText, text)].filter(Boolean).join(" AND "),
    );
  const users: PublicUser[] = [];
  let next: string | null = query.cursor ?? null;
  for (let reads = 0; reads < 20; reads++) {
    const page = await filtered.go({ order: "desc", limit: query.limit - users.length, cursor: next });
    users.push(...page.data.map(publicUser));
    next = page.cursor ?? null;
    if (!next || users.length >= query.limit) break;
  }
  return { users, cursor: next };
}

export interface EnsuredUser {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  phone?: string;
  dateOfBirth?: string;
  roles: Role[];
}

/**
 * Creates the user unless the email is already registered (then returns the existing one
 * untouched): for seeds and test fixtures. Publishes nothing — provisioning is not a
 * registration. `passwordHash` skips hashing when a caller reuses one.
 */
export async function ensureUser(input: EnsuredUser & { passwordHash?: string }, now = new Date()): Promise<{ user: UserItem; created: boolean }> {
  const existing = await findUserByEmail(input.email);
  if (existing) return { user: existing, created: false };
  const { password, passwordHash, ...profile } = input;
  try {
    const user = await createUser({ ...profile, passwordHash: passwordHash ?? (await hashPassword(password)) }, now);
    return { user, created: true };
  } catch (error) {
    const raced = error instanceof DomainError && error.code === "accounts.email_taken" && (await findUserByEmail(input.email));
    if (raced) return { user: raced, created: false };
    throw error;
  }
}

function searchTextOf(user: Pick<UserItem, "firstName" | "lastName" | "email" | "phone">): string {
  const nationalPhone = user.phone?.replace(/^\+44/, "0");
  return [user.firstName, user.lastName, user.email, user.phone, nationalPhone].filter(Boolean).join(" ").toLowerCase();
}

function definedOnly<T extends object>(value: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: NonNullable<T[K]> };
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]])) as Partial<Pick<T, K>>;
}

/** Several users at once (missing ids are left out): names for diaries and recall lists. */
export async function usersByIds(userIds: readonly string[]): Promise<UserItem[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const { data } = await db().entities.user.get(ids.map((userId) => ({ userId }))).go();
  return data;
}
