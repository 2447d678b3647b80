import { createHash } from "node:crypto";

/**
 * Tamper evidence. Three things are hashed with SHA-256:
 *  - the signing inputs (what was shown, who typed what, the drawn signature's bytes, when,
 *    from where), as canonical JSON so the same facts always give the same digest;
 *  - the final signed PDF's bytes;
 *  - the document's trail, as a chain: each entry's hash covers the previous entry's hash,
 *    so removing, reordering or editing any entry breaks every hash after it.
 * Verification recomputes all three from what is stored and says which one disagrees.
 */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** JSON with object keys sorted at every depth, so equal facts hash equally whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("canonicalJson: non-finite number");
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export interface SigningInputs {
  documentId: string;
  templateId: string;
  templateVersion: number;
  /** The merged title and sections exactly as shown to the signer. */
  content: unknown;
  signerUserId: string;
  typedName: string;
  signaturePngSha256: string;
  consentStatement: string;
  signedAt: string;
  ip: string;
  userAgent: string;
}

export const inputsHash = (inputs: SigningInputs): string => sha256Hex(canonicalJson(inputs));

/** The first entry's `prevHash`: 64 zeros, so every entry has the same shape. */
export const GENESIS = "0".repeat(64);

export interface TrailFacts {
  documentId: string;
  seq: number;
  action: string;
  at: string;
  actor: string;
  ip?: string;
  userAgent?: string;
  detail?: Record<string, string>;
}

export interface TrailEntry extends TrailFacts {
  prevHash: string;
  hash: string;
}

export function chainHash(prevHash: string, facts: TrailFacts): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(facts)}`);
}

/** The next entry after `previous` (or the first when none). */
export function nextTrailEntry(previous: TrailEntry | undefined, facts: Omit<TrailFacts, "seq">): TrailEntry {
  const full: TrailFacts = { ...facts, seq: previous ? previous.seq + 1 : 1 };
  const prevHash = previous?.hash ?? GENESIS;
  return { ...full, prevHash, hash: chainHash(prevHash, full) };
}

/** Where the chain first breaks (`brokenAt` = that entry's seq), or intact. Entries must be in seq order. */
export function verifyTrail(entries: readonly TrailEntry[]): { intact: true } | { intact: false; brokenAt: number; reason: string } {
  let prevHash = GENESIS;
  for (const [index, entry] of entries.entries()) {
    if (entry.seq !== index + 1) return { intact: false, brokenAt: entry.seq, reason: `entry ${index + 1} is missing` };
    if (entry.prevHash !== prevHash) return { intact: false, brokenAt: entry.seq, reason: "does not follow the previous entry" };
    const { prevHash: _p, hash, ...facts } = entry;
    if (chainHash(prevHash, facts) !== hash) return { intact: false, brokenAt: entry.seq, reason: "its content was changed" };
    prevHash = hash;
  }
  return { intact: true };
}

export type Check = "intact" | "tampered" | "missing";

export interface Verification {
  status: "intact" | "tampered";
  checks: { pdf: Check; inputs: Check; trail: Check };
  detail: string[];
}

/** Combines the three comparisons into the verify endpoint's answer. */
export function verdict(input: {
  storedPdfSha256: string;
  actualPdfSha256: string | undefined;
  storedInputsSha256: string;
  actualInputsSha256: string | undefined;
  trail: ReturnType<typeof verifyTrail>;
  trailHead: string | undefined;
  storedTrailHead: string;
}): Verification {
  const detail: string[] = [];
  const pdf: Check = input.actualPdfSha256 === undefined ? "missing" : input.actualPdfSha256 === input.storedPdfSha256 ? "intact" : "tampered";
  if (pdf !== "intact") detail.push(pdf === "missing" ? "The signed PDF is missing from storage" : "The signed PDF's bytes differ from those recorded at signing");
  const inputs: Check = input.actualInputsSha256 === undefined ? "missing" : input.actualInputsSha256 === input.storedInputsSha256 ? "intact" : "tampered";
  if (inputs !== "intact") detail.push(inputs === "missing" ? "The drawn signature is missing from storage" : "The signed content, signer details or signature image differ from those recorded");
  let trail: Check = "intact";
  if (!input.trail.intact) {
    trail = "tampered";
    detail.push(`The audit trail breaks at entry ${input.trail.brokenAt}: ${input.trail.reason}`);
  } else if (input.trailHead !== input.storedTrailHead) {
    trail = "tampered";
    detail.push("The audit trail does not end where it ended at signing");
  }
  const status = pdf === "intact" && inputs === "intact" && trail === "intact" ? "intact" : "tampered";
  return { status, checks: { pdf, inputs, trail }, detail };
}
