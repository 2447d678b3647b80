import { describe, expect, it } from "vitest";
import { currentScryptParams, dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./password";
import { isCommonPassword, passwordProblem, PASSWORD_MIN_LENGTH } from "../domain/password-policy";
import { COMMON_PASSWORDS } from "../domain/common-passwords";

const fast = { log2N: 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("encodes algorithm, parameters, salt and key, and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery", fast);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash: the same password never hashes the same twice", async () => {
    const [a, b] = await Promise.all([hashPassword("same password here", fast), hashPassword("same password here", fast)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password here", a)).toBe(true);
    expect(await verifyPassword("same password here", b)).toBe(true);
  });

  it("treats canonically equivalent Unicode the same (NFKC)", async () => {
    const hash = await hashPassword("caf\u00e9 au lait!", fast);
    expect(await verifyPassword("cafe\u0301 au lait!", hash)).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["wrong scheme", "bcrypt$10$8$1$abc$def"],
    ["too few parts", "scrypt$10$8$1$abc"],
    ["non-numeric cost", "scrypt$x$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["absurd cost", "scrypt$40$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
  ])("a malformed stored hash (%s) never verifies", async (_case, stored) => {
    expect(await verifyPassword("anything at all", stored)).toBe(false);
  });

  it("defaults to OWASP's minimum scrypt cost and only lowers it when told to", () => {
    expect(currentScryptParams({})).toEqual({ log2N: 17, r: 8, p: 1 });
    expect(currentScryptParams({ PASSWORD_HASH_LOG2N: "12" })).toEqual({ log2N: 12, r: 8, p: 1 });
    expect(currentScryptParams({ PASSWORD_HASH_LOG2N: "3" })).toEqual({ log2N: 17, r: 8, p: 1 });
    expect(currentScryptParams({ PASSWORD_HASH_LOG2N: "nope" })).toEqual({ log2N: 17, r: 8, p: 1 });
  });

  it("asks for a rehash when the stored cost is below the current one", async () => {
    const weak = await hashPassword("upgrade me please", fast);
    expect(needsRehash(weak, { log2N: 12, r: 8, p: 1 })).toBe(true);
    expect(needsRehash(weak, fast)).toBe(false);
    expect(needsRehash("garbage", fast)).toBe(true);
  });

  it("has a dummy hash at the current cost that no guess verifies against", async () => {
    const dummy = await dummyPasswordHash(fast);
    expect(dummy.startsWith("scrypt$10$8$1$")).toBe(true);
    expect(await dummyPasswordHash(fast)).toBe(dummy);
    expect(await verifyPassword("password123", dummy)).toBe(false);
  });
});

describe("password policy", () => {
  it("ships at least 1,000 unique lowercase common passwords", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(1000);
    for (const entry of COMMON_PASSWORDS) expect(entry).toBe(entry.toLowerCase());
  });

  it.each([
    ["too short", "short", `Use at least ${PASSWORD_MIN_LENGTH} characters`],
    ["nine characters", "abcdefgh9", `Use at least ${PASSWORD_MIN_LENGTH} characters`],
    ["common", "1234567890", "This password is too common; choose something less guessable"],
    ["common, other casing", "QwertyUiop", "This password is too common; choose something less guessable"],
    ["common, surrounding spaces", " password123 ", "This password is too common; choose something less guessable"],
    ["common seasonal", "Summer2025", "This password is too common; choose something less guessable"],
    ["too long", "x".repeat(129), "Use at most 128 characters"],
  ])("refuses %s", (_case, password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it.each([["ten characters", "tulip-7-ok"], ["passphrase", "violet kettle harbour sings"], ["unicode", "zażółć gęślą jaźń"]])(
    "accepts %s",
    (_case, password) => {
      expect(passwordProblem(password)).toBeUndefined();
    },
  );

  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblem("🔑".repeat(10))).toBeUndefined();
    expect(passwordProblem("🔑".repeat(9))).toBe(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
  });

  it("matches common passwords case-insensitively", () => {
    expect(isCommonPassword("LIVERPOOL1")).toBe(true);
    expect(isCommonPassword("liverpool-harbour-1")).toBe(false);
  });
});
