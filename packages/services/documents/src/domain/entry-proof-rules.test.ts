import { describe, expect, it } from "vitest";
import { entryProofRefusal } from "./entry-proof-rules";

const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe("entryProofRefusal (checked after the upload)", () => {
  it.each([
    ["the declared PDF", "application/pdf", { size: 2000, head: pdf }, undefined],
    ["the declared JPEG", "image/jpeg", { size: 2000, head: jpeg }, undefined],
    ["the declared PNG", "image/png", { size: 2000, head: png }, undefined],
    ["nothing uploaded", "application/pdf", { size: undefined, head: new Uint8Array() }, "missing"],
    ["a different size than declared", "application/pdf", { size: 1999, head: pdf }, "size_mismatch"],
    ["over 10 MB", "application/pdf", { size: 10 * 1024 * 1024 + 1, head: pdf }, "too_large"],
    ["a JPEG declared as PDF", "application/pdf", { size: 2000, head: jpeg }, "wrong_type"],
    ["a PDF declared as PNG", "image/png", { size: 2000, head: pdf }, "wrong_type"],
    ["HTML declared as PDF", "application/pdf", { size: 2000, head: new TextEncoder().encode("<html><script>") }, "wrong_type"],
    ["an .exe declared as JPEG", "image/jpeg", { size: 2000, head: new Uint8Array([0x4d, 0x5a, 0x90, 0]) }, "wrong_type"],
  ] as const)("%s", (_, contentType, actual, expected) => expect(entryProofRefusal({ contentType, size: 2000 }, actual)).toBe(expected));
});
