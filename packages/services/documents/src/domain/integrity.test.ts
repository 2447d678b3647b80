import { describe, expect, it } from "vitest";
import { canonicalJson, GENESIS, inputsHash, nextTrailEntry, sha256Hex, verdict, verifyTrail, type SigningInputs, type TrailEntry } from "./integrity";

describe("canonicalJson", () => {
  it.each([
    ["key order does not matter", { b: 1, a: 2 }, { a: 2, b: 1 }],
    ["nested key order does not matter", { x: { d: [1, { z: 1, y: 2 }], c: "s" } }, { x: { c: "s", d: [1, { y: 2, z: 1 }] } }],
    ["undefined properties are left out", { a: 1, b: undefined }, { a: 1 }],
  ])("%s", (_, left, right) => expect(canonicalJson(left)).toBe(canonicalJson(right)));

  it("keeps array order", () => expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1])));
  it("refuses non-finite numbers", () => expect(() => canonicalJson({ a: Number.NaN })).toThrow());
});

describe("sha256Hex", () => {
  it("matches the known digest of 'abc'", () => expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
});

describe("inputsHash", () => {
  const inputs: SigningInputs = {
    documentId: "d1",
    templateId: "consent-dermal-filler",
    templateVersion: 2,
    content: { title: "Consent", sections: [{ heading: "h", body: "b" }] },
    signerUserId: "u1",
    typedName: "Amelia Hughes",
    signaturePngSha256: sha256Hex("png"),
    consentStatement: "I agree",
    signedAt: "2026-06-01T09:00:00.000Z",
    ip: "203.0.113.9",
    userAgent: "Mozilla/5.0",
  };
  it("is stable for the same facts", () => expect(inputsHash({ ...inputs })).toBe(inputsHash(inputs)));
  it.each<[string, Partial<SigningInputs>]>([
    ["the typed name", { typedName: "Amelia Hughs" }],
    ["the template version", { templateVersion: 3 }],
    ["one character of the content", { content: { title: "Consent", sections: [{ heading: "h", body: "B" }] } }],
    ["the signature image", { signaturePngSha256: sha256Hex("png2") }],
    ["the time", { signedAt: "2026-06-01T09:00:01.000Z" }],
    ["the IP address", { ip: "203.0.113.10" }],
  ])("changes when %s changes", (_, change) => expect(inputsHash({ ...inputs, ...change })).not.toBe(inputsHash(inputs)));
});

function chain(n: number): TrailEntry[] {
  const entries: TrailEntry[] = [];
  for (let i = 0; i < n; i++) entries.push(nextTrailEntry(entries.at(-1), { documentId: "d1", action: `step-${i}`, at: `2026-06-01T09:0${i}:00.000Z`, actor: "u1" }));
  return entries;
}

describe("trail hash chain", () => {
  it("starts from the genesis hash and links each entry to the one before", () => {
    const [first, second] = chain(2);
    expect(first!.prevHash).toBe(GENESIS);
    expect(first!.seq).toBe(1);
    expect(second!.prevHash).toBe(first!.hash);
    expect(second!.seq).toBe(2);
  });

  it.each([0, 1, 3])("verifies an untouched chain of %i entries", (n) => expect(verifyTrail(chain(n))).toEqual({ intact: true }));

  it("finds an edited entry", () => {
    const entries = chain(3);
    entries[1] = { ...entries[1]!, actor: "someone-else" };
    expect(verifyTrail(entries)).toMatchObject({ intact: false, brokenAt: 2, reason: "its content was changed" });
  });

  it("finds an edited entry whose hash was recomputed, at the next entry", () => {
    const entries = chain(3);
    const forged = nextTrailEntry(entries[0], { documentId: "d1", action: "forged", at: entries[1]!.at, actor: "u1" });
    entries[1] = forged;
    expect(verifyTrail(entries)).toMatchObject({ intact: false, brokenAt: 3, reason: "does not follow the previous entry" });
  });

  it("finds a removed entry", () => {
    const entries = chain(3);
    entries.splice(1, 1);
    expect(verifyTrail(entries)).toMatchObject({ intact: false, brokenAt: 3, reason: "entry 2 is missing" });
  });

  it("finds entries in the wrong order", () => {
    const [a, b] = chain(2);
    expect(verifyTrail([b!, a!])).toMatchObject({ intact: false });
  });
});

describe("verdict", () => {
  const good = { storedPdfSha256: "p", actualPdfSha256: "p", storedInputsSha256: "i", actualInputsSha256: "i", trail: { intact: true } as const, trailHead: "h", storedTrailHead: "h" };
  it("is intact when all three agree", () => expect(verdict(good)).toEqual({ status: "intact", checks: { pdf: "intact", inputs: "intact", trail: "intact" }, detail: [] }));
  it.each([
    ["a changed PDF", { actualPdfSha256: "q" }, "pdf", "tampered"],
    ["a deleted PDF", { actualPdfSha256: undefined }, "pdf", "missing"],
    ["changed inputs", { actualInputsSha256: "j" }, "inputs", "tampered"],
    ["a broken trail", { trail: { intact: false, brokenAt: 2, reason: "x" } }, "trail", "tampered"],
    ["entries appended after the recorded head", { trailHead: "h2" }, "trail", "tampered"],
  ] as const)("reports %s as tampered", (_, change, check, state) => {
    const result = verdict({ ...good, ...change });
    expect(result.status).toBe("tampered");
    expect(result.checks[check]).toBe(state);
    expect(result.detail).toHaveLength(1);
  });
});
