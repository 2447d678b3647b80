import { describe, expect, it } from "vitest";
import { hashToken, looksLikeSecretToken, newSecretToken, TOKEN_BYTES } from "./tokens";

describe("secret tokens", () => {
  it("carries 256 random bits, base64url, 43 characters", () => {
    expect(TOKEN_BYTES * 8).toBe(256);
    const token = newSecretToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(looksLikeSecretToken(token)).toBe(true);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newSecretToken()));
    expect(tokens.size).toBe(1000);
  });

  it("uses the randomness it is given (so tests can pin it)", () => {
    expect(newSecretToken((size) => Buffer.alloc(size, 0xff))).toBe("_".repeat(42) + "8");
  });

  it("is stored as its SHA-256 hex digest, never as itself", () => {
    const token = newSecretToken((size) => Buffer.alloc(size, 0));
    expect(hashToken(token)).toBe("0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a");
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(newSecretToken())).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([[undefined], [""], ["short"], ["x".repeat(44)], ["has spaces in it and is forty-three chars!!"]])("rejects %j before any lookup", (value) => {
    expect(looksLikeSecretToken(value)).toBe(false);
  });
});
