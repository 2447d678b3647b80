import { createHash } from "node:crypto";
import * as z from "zod";
import { DomainError } from "../errors";

/**
 * Page links for list routes: opaque tokens that wrap ElectroDB's cursor (a table key) and
 * are bound to the caller and the query that made them. A token from another list, another
 * person or another filter, a truncated one or plain junk is a 400 `pagination.bad_cursor`
 * — never a 500 from ElectroDB ("Unable to parse cursor") or DynamoDB ("The provided
 * starting key is invalid").
 *
 * Routes: `openCursor(query.cursor, scope)` before reading, `sealCursor(page.cursor, scope)`
 * in the answer, with the same `scope` (e.g. `["messaging.me", userId]`).
 */
export const CursorParam = z.string().max(2048, "Not a page link of this list").optional();

export const badCursor = () =>
  new DomainError("bad_request", "pagination.bad_cursor", "This page link does not belong to this list. Start again from the first page.", {
    cursor: "Not a page link of this list",
  });

const TOKEN_VERSION = 1;

function fingerprint(scope: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(scope)).digest("base64url").slice(0, 22);
}

export function sealCursor(next: string | null | undefined, scope: readonly unknown[]): string | null {
  if (!next) return null;
  return Buffer.from(JSON.stringify({ v: TOKEN_VERSION, s: fingerprint(scope), c: next })).toString("base64url");
}

/** A table key as ElectroDB's cursor holds it: a few string or number attributes. */
function isTableKey(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length >= 1 && entries.length <= 4 && entries.every(([name, v]) => /^[A-Za-z0-9_]{1,32}$/.test(name) && (typeof v === "string" || typeof v === "number"));
}

function decode(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

/** ElectroDB's cursor inside `token` (null for the first page), or 400 if it is not this list's. */
export function openCursor(token: string | undefined, scope: readonly unknown[]): string | null {
  if (token === undefined || token === "") return null;
  const parsed = decode(token) as { v?: unknown; s?: unknown; c?: unknown } | undefined;
  if (!parsed || typeof parsed !== "object" || parsed.v !== TOKEN_VERSION || parsed.s !== fingerprint(scope) || typeof parsed.c !== "string") throw badCursor();
  if (!isTableKey(decode(parsed.c))) throw badCursor();
  return parsed.c;
}

/** What ElectroDB and DynamoDB throw for a cursor they cannot use (a forged key inside a well-formed token). */
export function isCursorRejection(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (/Unable to parse cursor|Invalid cursor provided|provided starting key is invalid|ExclusiveStartKey/i.test(e.message)) return true;
  }
  return false;
}
