import { describe, expect, it } from "vitest";
import { audienceFrom, campaignFieldOf, campaignFrom, countSentence } from "./campaign-form";

const formOf = (entries: [string, string][]) => {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
};

describe("the campaign form", () => {
  it("sends only the criteria chosen", () => {
    expect(audienceFrom(formOf([["course", "any"]]))).toEqual({});
    expect(audienceFrom(formOf([["roles", "client"], ["categories", "anti-wrinkle"], ["categories", "dermal-filler"], ["lastVisitBefore", "2026-01-01"], ["course", "no"]]))).toEqual({
      roles: ["client"],
      serviceCategories: ["anti-wrinkle", "dermal-filler"],
      lastVisitBefore: "2026-01-01",
      hasActiveCourse: false,
    });
  });

  it("sends now unless a later time is chosen, read on the clinic's clock", () => {
    const base: [string, string][] = [["name", " Spring "], ["headline", "Hello {{client.firstName}}"], ["body", "News."]];
    expect(campaignFrom(formOf([...base, ["when", "now"]]))).toEqual({ name: "Spring", headline: "Hello {{client.firstName}}", body: "News.", audience: {} });
    expect(campaignFrom(formOf([...base, ["when", "later"], ["sendDate", "2026-07-01"], ["sendTime", "09:00"]])).sendAt).toBe("2026-07-01T08:00:00.000Z");
  });

  it("goes by text only when chosen, and the count says what stops a text", () => {
    expect(campaignFrom(formOf([["channel", "sms"], ["name", "Offer"]])).channel).toBe("sms");
    expect(campaignFrom(formOf([["channel", "email"], ["name", "Offer"]]))).not.toHaveProperty("channel");
    const count = { matching: 10, reachable: 4, noConsent: 5, unsubscribed: 2, noMobile: 1 };
    expect(countSentence(count, "sms")).toBe(" will receive it: 10 match, of whom 5 have not agreed to offers by text and 1 have no mobile number.");
    expect(countSentence(count, "email")).toBe(" will receive it: 10 match, of whom 5 have not agreed to marketing email and 2 unsubscribed.");
  });

  it("maps messaging's error paths to the inputs", () => {
    expect(campaignFieldOf("sendAt")).toBe("sendDate");
    expect(campaignFieldOf("audience.serviceCategories")).toBe("categories");
    expect(campaignFieldOf("audience.lastVisitBefore")).toBe("lastVisitBefore");
    expect(campaignFieldOf("headline")).toBe("headline");
  });
});
