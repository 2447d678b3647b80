import { createHash, randomBytes } from "node:crypto";

/**
 * Opaque bearer secrets (session cookies, password-reset links): 256 random bits, base64url.
 * Only their SHA-256 is stored, so a leaked table or backup holds nothing that signs in.
 * A fast hash is right here (unlike passwords): the input already has 256 bits of entropy.
 */
export const TOKEN_BYTES = 32;

export function newSecretToken(random: (size: number) => Buffer = randomBytes): string {
  return random(TOKEN_BYTES).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Rejects values that cannot be one of our tokens before any table read. */
export function looksLikeSecretToken(value: string | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
