import { describe, expect, it } from "vitest";
import { InterestInput, interestExpiry, normaliseEmail } from "./interest";

describe("interest input", () => {
  it("takes an email, an optional name and the consent tick", () => {
    expect(InterestInput.parse({ email: "Ann@Example.com", consent: true })).toEqual({ email: "Ann@Example.com", consent: true });
    expect(InterestInput.parse({ email: "ann@example.com", name: "  Ann  ", consent: true }).name).toBe("Ann");
  });

  it.each([
    ["no consent", { email: "ann@example.com", consent: false }, "consent"],
    ["consent missing", { email: "ann@example.com" }, "consent"],
    ["a bad email", { email: "ann", consent: true }, "email"],
    ["an unknown field", { email: "ann@example.com", consent: true, phone: "1" }, ""],
    ["a long name", { email: "ann@example.com", consent: true, name: "x".repeat(121) }, "name"],
  ])("refuses %s", (_, input, path) => {
    const result = InterestInput.safeParse(input);
    expect(result.success).toBe(false);
    if (path) expect(result.error!.issues.map((i) => i.path.join("."))).toContain(path);
  });
});

describe("normaliseEmail", () => {
  it.each([
    ["Ann@Example.COM", "ann@example.com"],
    ["  ann@example.com ", "ann@example.com"],
  ])("%s → %s", (input, expected) => expect(normaliseEmail(input)).toBe(expected));
});

describe("interestExpiry", () => {
  it("is two years (730 days) on", () => {
    expect(interestExpiry(new Date("2026-06-01T09:00:00Z"))).toBe(Date.parse("2028-05-31T09:00:00Z") / 1000);
  });
});
