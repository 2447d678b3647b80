import { randomBytes } from "node:crypto";
import type { EntityItem } from "electrodb";
import type { Unsubscribe } from "../entities/unsubscribe";
import { db } from "../entities";
import { notFound } from "@mas/core/errors";
import { clock } from "@mas/core/shared/clock";
import { isConditionFailure } from "@mas/core/db/conditions";
import { recordUnsubscribed } from "./audience-projection";

/**
 * One-click unsubscribe (RFC 8058). Each address gets one random token, created with its
 * first marketing mail and reused after; the token alone authorises the unsubscribe (the
 * link is the proof of receiving the mail), takes effect at once, and is idempotent.
 */
export type UnsubscribeItem = EntityItem<typeof Unsubscribe>;
export type UnsubscribeVia = "one-click" | "link" | "owner";

const normalise = (email: string) => email.trim().toLowerCase();

export async function unsubscribeTokenFor(recipient: { email: string; userId?: string }): Promise<string> {
  const email = normalise(recipient.email);
  const existing = await db().entities.unsubscribe.get({ email }).go();
  if (existing.data) return existing.data.token;
  const token = randomBytes(24).toString("hex");
  try {
    await db().entities.unsubscribe.create({ email, userId: recipient.userId, token, createdAt: clock.now().toISOString() }).go();
    return token;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const raced = await db().entities.unsubscribe.get({ email }).go();
    if (!raced.data) throw error;
    return raced.data.token;
  }
}

export async function isUnsubscribed(email: string): Promise<boolean> {
  const { data } = await db().entities.unsubscribe.get({ email: normalise(email) }).go();
  return Boolean(data?.unsubscribedAt);
}

export async function findUnsubscribe(token: string): Promise<UnsubscribeItem | undefined> {
  if (!/^[0-9a-f]{48}$/.test(token)) return undefined;
  const { data } = await db().entities.unsubscribe.query.byToken({ token }).go({ limit: 1 });
  // ElectroDB lowercases key values: compare the stored token exactly.
  return data.find((record) => record.token === token);
}

export const unknownToken = () => notFound("messaging.unsubscribe_token_unknown", "This unsubscribe link is not valid");

/** Marks the address unsubscribed (once; a repeat keeps the first time). */
export async function unsubscribeWithToken(token: string, via: UnsubscribeVia): Promise<UnsubscribeItem> {
  const record = await findUnsubscribe(token);
  if (!record) throw unknownToken();
  if (record.unsubscribedAt) return record;
  const unsubscribedAt = clock.now().toISOString();
  await db().entities.unsubscribe.patch({ email: record.email }).set({ unsubscribedAt, via }).go();
  if (record.userId) await recordUnsubscribed(record.userId);
  return { ...record, unsubscribedAt, via };
}

/** `a***@example.com`: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}
