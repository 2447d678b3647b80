import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveProfile } from "@mas/booking/domain/client-records";
import { listSchedules } from "@mas/core/ports/scheduler";
import { platform } from "../../../local/test/harness";
import { json, signUp, type TestUser } from "../../accounts/test/support";
import { app } from "../src/app";
import { onCampaignDue, type CampaignPacing } from "../src/domain/campaigns";
import { messagesOf } from "../src/domain/history";
import { countSegments } from "../src/domain/sms/segments";
import { appointment, client, confirm, e164, followSchedulerClock, mailTo, nextMobile, settleWithTexts, sms } from "./support";

/**
 * Campaigns by mail and by text through the local platform (SES emulator, SMS twin, bus,
 * scheduler on a manual clock from 2026-06-01 09:00Z), paged through the marketing
 * audience two members a page: only those the filter selects and who consented to the
 * channel get the campaign; a crash in the middle of a page, then the retry, sends each
 * recipient exactly once; a text campaign never goes in quiet hours, across the clock change.
 */
const restore = followSchedulerClock();
const savedPageSize = process.env.CAMPAIGN_PAGE_SIZE;
afterAll(() => {
  restore();
  if (savedPageSize === undefined) delete process.env.CAMPAIGN_PAGE_SIZE;
  else process.env.CAMPAIGN_PAGE_SIZE = savedPageSize;
});

const HOUR = 3_600_000;
let owner: TestUser;
type Person = TestUser & { phone: string };
const people: Record<string, Person> = {};

async function person(firstName: string, consents: { consent?: boolean; sms?: boolean; marketingSms?: boolean }, options: { phone?: boolean; category?: string; roles?: ("client" | "student")[] } = {}): Promise<Person> {
  const number = options.phone === false ? undefined : nextMobile();
  const user = await client({ firstName, phone: number, roles: options.roles, ...consents });
  if (options.category) await confirm(appointment(user.userId, new Date(platform().scheduler.now().getTime() + 24 * HOUR).toISOString(), { category: options.category }));
  return { ...user, phone: number ? e164(number) : "" };
}

async function createCampaign(body: Record<string, unknown>) {
  const res = await app.request("/api/messaging/admin/campaigns", json("POST", body, owner));
  expect(res.status).toBe(201);
  return ((await res.json()) as { campaign: { campaignId: string; channel: string } }).campaign;
}

async function campaignDetail(id: string) {
  const res = await app.request(`/api/messaging/admin/campaigns/${id}`, { headers: owner.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    campaign: { status: string; recipients: number; sent: number; suppressed: number; waitingUntil?: string; invocations?: number; pagesDone?: number };
    recipients: { userId: string; status: string; reason?: string }[];
  };
}

const textsWith = (phone: string, words: string) => sms().texts().filter((t) => t.to === phone && t.body.includes(words));
const mailWith = async (user: TestUser, subject: string) => (await mailTo(user.email)).filter((m) => m.subject === subject);

beforeAll(async () => {
  process.env.CAMPAIGN_PAGE_SIZE = "2";
  owner = await signUp("owner");
  // Everyone but Fin has had (booked) a filler; consents as each chose them.
  people.ana = await person("Ana", { consent: true, sms: true, marketingSms: true }, { category: "dermal-filler" });
  people.ben = await person("Ben", { consent: true }, { category: "dermal-filler" });
  people.cat = await person("Cat", { consent: false, sms: true, marketingSms: true }, { category: "dermal-filler" });
  people.dov = await person("Dov", { consent: true, sms: true }, { category: "dermal-filler" }); // appointment texts, no offers
  people.eve = await person("Eve", { consent: true, sms: true, marketingSms: true }, { phone: false, category: "dermal-filler" });
  people.fin = await person("Fin", { consent: true, sms: true, marketingSms: true }, { category: "facial" });
  people.gia = await person("Gia", { consent: true, sms: true, marketingSms: true }, { category: "dermal-filler" });
  // Gia replies STOP to a text: booking withdraws her text consents, and the audience follows.
  await sms().reply(people.gia.phone, "STOP");
  await settleWithTexts();
});

describe("campaigns by channel, paged through the marketing audience", () => {
  it("the live count applies each channel's rules", async () => {
    const count = async (channel: string) => {
      const res = await app.request("/api/messaging/admin/campaigns/audience", json("POST", { serviceCategories: ["dermal-filler"], channel }, owner));
      expect(res.status).toBe(200);
      return ((await res.json()) as { count: unknown }).count;
    };
    expect(await count("email")).toEqual({ matching: 6, reachable: 5, noConsent: 1, unsubscribed: 0, noMobile: 0 });
    expect(await count("sms")).toEqual({ matching: 6, reachable: 2, noConsent: 3, unsubscribed: 0, noMobile: 1 });
  });

  it("by mail: only who the filter selects and who agreed to marketing mail", async () => {
    const campaign = await createCampaign({ name: "Filler mail", headline: "Filler review week, {{client.firstName}}", body: "Book your review.", audience: { serviceCategories: ["dermal-filler"] } });
    await settleWithTexts();
    for (const [name, firstName] of [["ana", "Ana"], ["ben", "Ben"], ["dov", "Dov"], ["eve", "Eve"], ["gia", "Gia"]] as const) expect(await mailWith(people[name]!, `Filler review week, ${firstName}`)).toHaveLength(1);
    for (const name of ["cat", "fin"]) expect((await mailTo(people[name]!.email)).filter((m) => m.subject.startsWith("Filler review week"))).toHaveLength(0);
    const detail = await campaignDetail(campaign.campaignId);
    expect(detail.campaign).toMatchObject({ status: "sent", sent: 5, suppressed: 1, recipients: 6 });
    expect(detail.campaign.pagesDone).toBeGreaterThan(3); // two members a page
    expect(detail.recipients.find((r) => r.userId === people.cat!.userId)).toMatchObject({ status: "suppressed", reason: "no_consent" });
  });

  it("by text: only a mobile with both text consents; ends 'Reply STOP to opt out'; cost recorded", async () => {
    const campaign = await createCampaign({
      name: "Filler text",
      headline: "Filler week",
      body: "Hi {{client.firstName}}, filler reviews are half price this week.",
      ctaUrl: "https://example.co.uk/book/filler",
      audience: { serviceCategories: ["dermal-filler"] },
      channel: "sms",
    });
    expect(campaign.channel).toBe("sms");
    await settleWithTexts();
    const [toAna] = textsWith(people.ana!.phone, "half price");
    expect(toAna?.body).toMatch(/^[^:]+: Hi Ana, filler reviews are half price this week\. https:\/\/example\.co\.uk\/book\/filler Reply STOP to opt out$/);
    expect(toAna?.messageType).toBe("PROMOTIONAL");
    expect(textsWith(people.cat!.phone, "half price")).toHaveLength(1);
    for (const name of ["ben", "dov", "fin", "gia"]) expect(textsWith(people[name]!.phone, "half price")).toHaveLength(0);
    expect(sms().texts().filter((t) => t.body.includes("half price"))).toHaveLength(2);

    const detail = await campaignDetail(campaign.campaignId);
    expect(detail.campaign).toMatchObject({ status: "sent", sent: 2, suppressed: 4 });
    const reasons = Object.fromEntries(detail.recipients.filter((r) => r.status !== "sent").map((r) => [r.userId, r.reason]));
    expect(reasons).toEqual({ [people.ben!.userId]: "no_consent", [people.dov!.userId]: "no_consent", [people.eve!.userId]: "no_mobile_number", [people.gia!.userId]: "no_consent" });
    const [text] = (await messagesOf(people.ana!.userId)).items.filter((m) => m.template === "sms.campaign.offer");
    const segments = countSegments(toAna!.body).segments;
    expect(text).toMatchObject({ status: "sent", channel: "sms", segments, costInPence: 4 * segments, relatedType: "campaign", relatedId: campaign.campaignId });
  });

  const students: Person[] = []; // the audience of both crash tests: every student so far
  it.each(["email", "sms"] as const)("%s: a crash in the middle of a page, then the retry, reaches each recipient exactly once", async (channel) => {
    for (const n of [1, 2, 3, 4, 5]) students.push(await person(`Crash${channel}${n}`, { consent: true, sms: true, marketingSms: true }, { roles: ["student"] }));
    const sendAt = new Date(platform().scheduler.now().getTime() + 2 * HOUR).toISOString();
    const headline = `Crash test ${channel}`;
    const campaign = await createCampaign({ name: headline, headline, body: `${headline} body`, audience: { roles: ["student"] }, channel, sendAt });
    const pacing: CampaignPacing = { ratePerSecond: 14, budgetMs: 20_000, pageSize: 3 };
    let sends = 0;
    const crash = {
      afterSend: () => {
        if (++sends === 4) throw new Error("injected: the function died mid-page");
      },
    };
    await expect(onCampaignDue(campaign.campaignId, pacing, { pencePerSegment: 4 }, crash)).rejects.toThrow("injected");
    await settleWithTexts();
    const received = async () => Promise.all(students.map(async (s) => (channel === "sms" ? textsWith(s.phone, `${headline} body`).length : (await mailWith(s, headline)).length)));
    // Up to the crash: the pages before it were recorded; the one it hit was not.
    const before = await received();
    expect(before.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4);
    expect(before.every((n) => n <= 1)).toBe(true);
    const recorded = (await campaignDetail(campaign.campaignId)).recipients;
    expect(recorded.length).toBeLessThan(students.length);

    await onCampaignDue(campaign.campaignId, pacing, { pencePerSegment: 4 }); // the retry (EventBridge/Lambda would redeliver)
    await settleWithTexts();
    expect(await received()).toEqual(students.map(() => 1));
    expect((await campaignDetail(campaign.campaignId)).campaign).toMatchObject({ status: "sent", sent: students.length, invocations: 2 });

    // The schedule still fires at sendAt: the campaign is sent, nothing more goes.
    await platform().scheduler.advanceTo(new Date(Date.parse(sendAt) + HOUR));
    await settleWithTexts();
    expect(await received()).toEqual(students.map(() => 1));
  });

  it("a text campaign due in quiet hours waits for 09:00 London, across the October clock change", async () => {
    // Saturday 24 Oct, 20:30 BST; the clocks go back at 02:00 BST on Sunday, so 09:00 is 09:00Z.
    await platform().scheduler.advanceTo(new Date("2026-10-24T19:30:00Z"));
    await settleWithTexts();
    const campaign = await createCampaign({ name: "Autumn", headline: "Autumn", body: "Autumn peels are back.", audience: { serviceCategories: ["dermal-filler"] }, channel: "sms" });
    await settleWithTexts();
    expect(sms().texts().filter((t) => t.body.includes("Autumn peels"))).toHaveLength(0);
    const waiting = await campaignDetail(campaign.campaignId);
    expect(waiting.campaign).toMatchObject({ status: "sending", waitingUntil: "2026-10-25T09:00:00.000Z" });
    expect(await listSchedules(`campaign-${campaign.campaignId}`)).toEqual([`campaign-${campaign.campaignId}`]);

    await platform().scheduler.advanceTo(new Date("2026-10-25T08:59:00Z")); // 08:59 GMT (09:59 had BST stayed)
    await settleWithTexts();
    expect(sms().texts().filter((t) => t.body.includes("Autumn peels"))).toHaveLength(0);

    await platform().scheduler.advanceTo(new Date("2026-10-25T09:00:00Z"));
    await settleWithTexts();
    const sent = sms().texts().filter((t) => t.body.includes("Autumn peels"));
    expect(sent.map((t) => t.to).sort()).toEqual([people.ana!.phone, people.cat!.phone].sort());
    expect((await campaignDetail(campaign.campaignId)).campaign).toMatchObject({ status: "sent", sent: 2 });
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("a withdrawn consent reaches the audience through booking's event: the next campaign leaves them out", async () => {
    await saveProfile(people.ana!.userId, { consents: { marketingSms: false } }, platform().scheduler.now());
    await settleWithTexts();
    const res = await app.request("/api/messaging/admin/campaigns/audience", json("POST", { serviceCategories: ["dermal-filler"], channel: "sms" }, owner));
    expect(((await res.json()) as { count: { reachable: number } }).count.reachable).toBe(1);
  });
});
