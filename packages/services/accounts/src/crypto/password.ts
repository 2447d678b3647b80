import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashing with scrypt (Node's built-in; argon2 needs a native package). Each hash
 * carries its own parameters and a per-user 16-byte salt:
 *
 *   scrypt$<log2 N>$<r>$<p>$<salt base64url>$<key base64url>
 *
 * so the cost can be raised later and old hashes still verify (and are upgraded at the next
 * sign-in, see `needsRehash`). Default cost is OWASP's minimum for scrypt (N=2^17, r=8, p=1,
 * 128 MiB). `PASSWORD_HASH_LOG2N` lowers it where speed matters more than strength (tests);
 * it is never set in deployed stages.
 */
export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

const PREFIX = "scrypt";
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const DEFAULT_LOG2N = 17;

export function currentScryptParams(env: Record<string, string | undefined> = process.env): ScryptParams {
  const override = Number(env.PASSWORD_HASH_LOG2N);
  const log2N = Number.isInteger(override) && override >= 10 && override <= 20 ? override : DEFAULT_LOG2N;
  return { log2N, r: 8, p: 1 };
}

export async function hashPassword(password: string, params = currentScryptParams(), salt = randomBytes(SALT_BYTES)): Promise<string> {
  const key = await derive(password, salt, params, KEY_BYTES);
  return [PREFIX, params.log2N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Constant-time comparison; a malformed stored hash simply does not verify. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

export function needsRehash(encoded: string, params = currentScryptParams()): boolean {
  const parsed = parseHash(encoded);
  return !parsed || parsed.params.log2N < params.log2N || parsed.params.r !== params.r || parsed.params.p < params.p;
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * A hash of a password nobody knows, at the current cost. Sign-in verifies against it
 * when the email is unknown, so "no such user" costs the same time as "wrong password".
 */
export function dummyPasswordHash(params = currentScryptParams()): Promise<string> {
  const key = `${params.log2N}/${params.r}/${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(24).toString("base64url"), params);
    dummyHashes.set(key, hash);
  }
  return hash;
}

function parseHash(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0) || log2N > 24) return undefined;
  const salt = Buffer.from(parts[4]!, "base64url");
  const key = Buffer.from(parts[5]!, "base64url");
  if (salt.length < 8 || key.length < 16) return undefined;
  return { params: { log2N, r, p }, salt, key };
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const N = 2 ** params.log2N;
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below OWASP's minimum cost.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
