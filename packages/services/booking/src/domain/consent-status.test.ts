import { describe, expect, it } from "vitest";
import { consentMovesTo } from "./consent-status";

describe("consentMovesTo: the consent state only moves forward", () => {
  it.each([
    [undefined, "awaiting_signature", true],
    [undefined, "signed", true],
    ["awaiting_signature", "signed", true],
    ["awaiting_signature", "expired", true],
    ["expired", "signed", true],
    ["awaiting_signature", "awaiting_signature", false],
    ["signed", "awaiting_signature", false],
    ["signed", "expired", false],
    ["expired", "awaiting_signature", false],
  ] as const)("%s → %s: %s", (current, next, moves) => expect(consentMovesTo(current, next)).toBe(moves));
});
