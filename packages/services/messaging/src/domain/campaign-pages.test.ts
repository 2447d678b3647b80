import { describe, expect, it } from "vitest";
import { AudienceFilter, audienceDecision, type RecipientProfile } from "./audience";
import { memberProfile, visitFacts, type AudienceMember } from "./audience-projection";
import { planPage, textPageStart } from "./campaign-pages";

const granted = { granted: true, at: "2026-05-01T10:00:00Z" };
const withdrawn = { granted: false, at: "2026-05-02T10:00:00Z" };
const member = (userId: string, extra: Partial<AudienceMember> = {}): AudienceMember => ({
  userId,
  email: `${userId}@example.com`,
  firstName: userId,
  roles: ["client"],
  categories: ["anti-wrinkle"],
  lastCompletedAt: "2026-03-10T11:00:00Z",
  consents: { marketingEmail: granted },
  ...extra,
});
const NOW = new Date("2026-06-10T12:00:00Z");

describe("the marketing audience read model", () => {
  it("keeps booked and completed categories, the last completed visit, and the ends of confirmed appointments", () => {
    expect(
      visitFacts([
        { category: "facial", status: "completed", end: "2026-02-01T10:00:00Z" },
        { category: "anti-wrinkle", status: "completed", end: "2026-03-10T11:00:00Z" },
        { category: "dermal-filler", status: "confirmed", end: "2026-06-20T10:45:00Z" },
        { category: "peel", status: "cancelled", end: "2026-04-01T10:00:00Z" },
        { category: "peel", status: "no_show", end: "2026-04-02T10:00:00Z" },
      ]),
    ).toEqual({ categories: ["anti-wrinkle", "dermal-filler", "facial"], lastCompletedAt: "2026-03-10T11:00:00Z", confirmedEnds: ["2026-06-20T10:45:00Z"] });
  });

  it.each([
    ["before the confirmed appointment: the last completed visit", "2026-06-20T10:44:00Z", "2026-03-10T11:00:00Z"],
    ["once the confirmed appointment is over, it is the last visit", "2026-06-20T10:45:00Z", "2026-06-20T10:45:00Z"],
  ])("a member as the filter sees it at a time — %s", (_label, now, lastVisitAt) => {
    const m = member("U1", { confirmedEnds: ["2026-06-20T10:45:00Z"] });
    expect(memberProfile(m, new Date(now)).lastVisitAt).toBe(lastVisitAt);
  });

  it("a member with nothing known yet is a stranger with no consent", () => {
    expect(memberProfile({ userId: "U9" }, NOW)).toEqual({
      userId: "U9", email: "", firstName: "", roles: [], categories: [], lastVisitAt: null, hasActiveCourse: false,
      marketingConsent: false, unsubscribed: false, mobile: null, smsConsent: false, marketingSmsConsent: false,
    });
  });
});

describe("audienceDecision by channel", () => {
  const base: RecipientProfile = memberProfile(member("U1", { mobile: "+447700900123", consents: { marketingEmail: granted, sms: granted, marketingSms: granted } }), NOW);
  it.each([
    ["mail: consent given", {}, "email", "include"],
    ["mail: unsubscribed", { unsubscribed: true }, "email", "unsubscribed"],
    ["mail: no marketing consent", { marketingConsent: false }, "email", "no_consent"],
    ["text: both consents and a mobile", {}, "sms", "include"],
    ["text: unsubscribed from mail does not stop a text", { unsubscribed: true }, "sms", "include"],
    ["text: no mobile", { mobile: null }, "sms", "no_mobile_number"],
    ["text: SMS consent only (reminders), no offers by text", { marketingSmsConsent: false }, "sms", "no_consent"],
    ["text: offers by text but texts withdrawn (STOP)", { smsConsent: false }, "sms", "no_consent"],
    ["text: mail consent alone is not enough", { smsConsent: false, marketingSmsConsent: false }, "sms", "no_consent"],
  ] as const)("%s", (_label, change, channel, expected) => {
    expect(audienceDecision({ ...base, ...change }, {}, undefined, channel)).toBe(expected);
  });
});

describe("planPage", () => {
  const page = [
    member("A"),
    member("B", { consents: { marketingEmail: withdrawn } }),
    member("C", { unsubscribed: true }),
    member("D", { roles: ["student"] }),
    member("E", { categories: ["dermal-filler"], mobile: "+447700900124", consents: { marketingEmail: granted, sms: granted, marketingSms: granted } }),
    member("F", { consents: { sms: granted, marketingSms: granted } }),
  ];

  it("sends to whom the filter selects and the channel allows, lists the rest of the audience with why, leaves out the others", () => {
    expect(planPage(page, AudienceFilter.parse({ roles: ["client"] }), "email", NOW)).toEqual({
      send: ["A", "E"],
      suppressed: [
        { userId: "B", reason: "no_consent" },
        { userId: "C", reason: "unsubscribed" },
        { userId: "F", reason: "no_consent" },
      ],
    });
  });

  it("by text: only both text consents and a mobile", () => {
    expect(planPage(page, AudienceFilter.parse({ roles: ["client"] }), "sms", NOW)).toEqual({
      send: ["E"],
      suppressed: ["A", "B", "C", "F"].map((userId) => ({ userId, reason: "no_mobile_number" })),
    });
  });

  it("by treatment history", () => {
    expect(planPage(page, AudienceFilter.parse({ serviceCategories: ["dermal-filler"] }), "sms", NOW)).toEqual({ send: ["E"], suppressed: [] });
  });
});

describe("textPageStart (a page of texts only inside 09:00–20:00 London)", () => {
  const BUDGET = 20_000;
  it.each([
    ["midday in June: now", "2026-06-10T12:00:00Z", "2026-06-10T12:00:00Z"],
    ["08:59:59 BST: 09:00 BST", "2026-06-10T07:59:59Z", "2026-06-10T08:00:00Z"],
    ["09:00 BST: now", "2026-06-10T08:00:00Z", "2026-06-10T08:00:00Z"],
    ["19:59:50 BST: the page would run past 20:00 — tomorrow 09:00", "2026-06-10T18:59:50Z", "2026-06-11T08:00:00Z"],
    ["19:59:39 BST: its 20 s end before 20:00", "2026-06-10T18:59:39Z", "2026-06-10T18:59:39Z"],
    ["21:00 GMT in winter: 09:00 GMT", "2026-12-01T21:00:00Z", "2026-12-02T09:00:00Z"],
    // 29 Mar 2026: clocks go forward at 01:00 GMT.
    ["Saturday 20:30 GMT before the spring change → Sunday 09:00 BST", "2026-03-28T20:30:00Z", "2026-03-29T08:00:00Z"],
    ["08:30 BST on the spring change day waits", "2026-03-29T07:30:00Z", "2026-03-29T08:00:00Z"],
    // 25 Oct 2026: clocks go back at 02:00 BST.
    ["Saturday 20:30 BST before the autumn change → Sunday 09:00 GMT", "2026-10-24T19:30:00Z", "2026-10-25T09:00:00Z"],
    ["08:30 GMT on the autumn change day waits (08:30Z is not 09:30)", "2026-10-25T08:30:00Z", "2026-10-25T09:00:00Z"],
    ["19:30 GMT on the autumn change day: now", "2026-10-25T19:30:00Z", "2026-10-25T19:30:00Z"],
  ])("%s", (_label, now, expected) => {
    expect(textPageStart(new Date(now), BUDGET).toISOString()).toBe(new Date(expected).toISOString());
  });
});
