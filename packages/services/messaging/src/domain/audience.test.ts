import { describe, expect, it } from "vitest";
import { AudienceFilter, audienceDecision, inAudience, type RecipientProfile } from "./audience";

const client: RecipientProfile = {
  userId: "U1",
  email: "a@example.com",
  firstName: "A",
  roles: ["client"],
  categories: ["anti-wrinkle", "skin-booster"],
  lastVisitAt: "2026-03-10T11:00:00Z",
  hasActiveCourse: false,
  marketingConsent: true,
  unsubscribed: false,
};
const student: RecipientProfile = { ...client, userId: "U2", roles: ["student"], categories: [], lastVisitAt: null, hasActiveCourse: true };

describe("inAudience", () => {
  it.each([
    [{}, client, true],
    [{ roles: ["client"] }, client, true],
    [{ roles: ["student", "owner"] }, client, false],
    [{ roles: ["student"] }, student, true],
    [{ serviceCategories: ["dermal-filler"] }, client, false],
    [{ serviceCategories: ["dermal-filler", "skin-booster"] }, client, true],
    [{ serviceCategories: ["anti-wrinkle"] }, student, false],
    [{ lastVisitBefore: "2026-04-01" }, client, true],
    [{ lastVisitBefore: "2026-03-10" }, client, false], // visited on the 10th: not before it
    [{ lastVisitBefore: "2026-03-11" }, client, true],
    [{ lastVisitBefore: "2026-04-01" }, student, false], // never visited is not "lapsed"
    [{ lastVisitAfter: "2026-03-10" }, client, true],
    [{ lastVisitAfter: "2026-03-11" }, client, false],
    [{ lastVisitAfter: "2026-01-01" }, student, false],
    [{ hasActiveCourse: true }, student, true],
    [{ hasActiveCourse: true }, client, false],
    [{ hasActiveCourse: false }, client, true],
    [{ roles: ["client"], serviceCategories: ["anti-wrinkle"], lastVisitBefore: "2026-06-01", lastVisitAfter: "2026-01-01" }, client, true],
    [{ roles: ["client"], serviceCategories: ["anti-wrinkle"], hasActiveCourse: true }, client, false],
  ] as const)("%j, %s → %s", (filter, profile, expected) => {
    expect(inAudience(profile, AudienceFilter.parse(filter))).toBe(expected);
  });

  it("compares last visit with the London day (a late-evening visit in summer belongs to that day)", () => {
    const lateEvening = { ...client, lastVisitAt: "2026-07-31T23:30:00Z" }; // 00:30 BST on 1 August
    expect(inAudience(lateEvening, { lastVisitAfter: "2026-08-01" })).toBe(true);
    expect(inAudience(lateEvening, { lastVisitBefore: "2026-08-01" })).toBe(false);
  });
});

describe("audienceDecision: consent and unsubscribes always apply", () => {
  it.each([
    [client, {}, "include"],
    [{ ...client, marketingConsent: false }, {}, "no_consent"],
    [{ ...client, unsubscribed: true }, {}, "unsubscribed"],
    [{ ...client, unsubscribed: true, marketingConsent: false }, {}, "unsubscribed"],
    [{ ...client, marketingConsent: false }, { roles: ["student"] }, "not_in_audience"],
  ] as const)("%j with %j → %s", (profile, filter, decision) => {
    expect(audienceDecision(profile, AudienceFilter.parse(filter))).toBe(decision);
  });
});

describe("AudienceFilter", () => {
  it.each([
    [{ roles: [] }],
    [{ lastVisitBefore: "01/04/2026" }],
    [{ lastVisitBefore: "2026-02-30" }],
    [{ hasActiveCourse: "yes" }],
    [{ consent: false }],
  ])("rejects %j", (input) => {
    expect(AudienceFilter.safeParse(input).success).toBe(false);
  });
});
