import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { unsubscribeTokenFor } from "../src/domain/unsubscribes";
import { publish } from "../../../local/src/publish";
import { listSchedules } from "@mas/core/ports/scheduler";
import { platform } from "../../../local/test/harness";
import { json, signUp, type TestUser } from "../../accounts/test/support";
import { app } from "../src/app";
import { advanceTo, appointment, client, confirm, followSchedulerClock, mailTo, settle } from "./support";

/** Owner campaigns end to end: audience, consent, unsubscribes, scheduled send, batching. */
const restore = followSchedulerClock();
afterAll(restore);

const HOUR = 3_600_000;
let owner: TestUser;
let cara: TestUser; // client, consents
let dan: TestUser; // client, refused consent
let eli: TestUser; // client, never answered (no profile)
let fay: TestUser; // client, consents, then unsubscribes
let gus: TestUser; // student only, consents

beforeAll(async () => {
  owner = await signUp("owner");
  cara = await client({ consent: true, firstName: "Cara" });
  dan = await client({ consent: false, firstName: "Dan" });
  eli = await client({ firstName: "Eli" });
  fay = await client({ consent: true, firstName: "Fay" });
  gus = await client({ consent: true, firstName: "Gus", roles: ["student"] });
});

async function createCampaign(body: Record<string, unknown>) {
  const res = await app.request("/api/messaging/admin/campaigns", json("POST", body, owner));
  expect(res.status).toBe(201);
  return ((await res.json()) as { campaign: { campaignId: string; status: string } }).campaign;
}

async function campaignDetail(id: string) {
  const res = await app.request(`/api/messaging/admin/campaigns/${id}`, { headers: owner.headers });
  expect(res.status).toBe(200);
  return (await res.json()) as { campaign: { status: string; recipients: number; sent: number; suppressed: number; invocations?: number; pagesDone?: number }; recipients: { userId: string; status: string; reason?: string }[] };
}

const campaignMail = async (user: TestUser, subject: string) => (await mailTo(user.email)).filter((m) => m.subject === subject);

async function oneClick(url: string) {
  const { pathname, search } = new URL(url);
  return app.request(`${pathname}${search}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
}

describe("campaigns", () => {
  let scheduledId = "";

  it("a scheduled campaign fires once, at its time, to consenting clients only", async () => {
    const now = platform().scheduler.now();
    const sendAt = new Date(now.getTime() + 48 * HOUR).toISOString();
    const campaign = await createCampaign({
      name: "Spring skin boosters",
      headline: "Spring offer for {{client.firstName}}",
      body: "Hello {{client.firstName}},\nSkin boosters are 20% off in March.",
      ctaUrl: "https://example.co.uk/book/skin-booster",
      audience: { roles: ["client"] },
      sendAt,
    });
    scheduledId = campaign.campaignId;
    expect(campaign.status).toBe("scheduled");
    expect(await listSchedules(`campaign-${campaign.campaignId}`)).toEqual([`campaign-${campaign.campaignId}`]);

    // Fay unsubscribes (one-click) before it goes out.
    const token = await unsubscribeTokenFor({ email: fay.email, userId: fay.userId });
    expect((await oneClick(`http://x/api/messaging/unsubscribe?token=${token}`)).status).toBe(200);

    await advanceTo(new Date(Date.parse(sendAt) - HOUR));
    expect(await campaignMail(cara, "Spring offer for Cara")).toHaveLength(0);

    await advanceTo(new Date(Date.parse(sendAt) + HOUR));
    const [mail] = await campaignMail(cara, "Spring offer for Cara");
    expect(mail?.body.text).toContain("Skin boosters are 20% off in March.");
    expect(mail?.body.html).toContain('href="https://example.co.uk/book/skin-booster"');
    expect(mail?.body.html).toMatch(/href="[^"]*\/api\/messaging\/unsubscribe\?token=[\w-]+"/);
    for (const user of [dan, eli, fay, gus, owner]) expect(await mailTo(user.email)).toHaveLength(0);
    expect(await listSchedules(`campaign-${campaign.campaignId}`)).toEqual([]);

    const detail = await campaignDetail(campaign.campaignId);
    expect(detail.campaign).toMatchObject({ status: "sent", recipients: 4, sent: 1, suppressed: 3 });
    const statuses = Object.fromEntries(detail.recipients.map((r) => [r.userId, [r.status, r.reason ?? null]]));
    expect(statuses).toEqual({
      [cara.userId]: ["sent", null],
      [dan.userId]: ["suppressed", "no_consent"],
      [eli.userId]: ["suppressed", "no_consent"],
      [fay.userId]: ["suppressed", "unsubscribed"],
    });
  });

  it("fires once: a second delivery of the due event and a late 'send now' change nothing", async () => {
    await publish(Events.ReminderDue, { workflow: "campaign", step: "send", subjectId: scheduledId, scheduledFor: platform().scheduler.now().toISOString() });
    await settle();
    await advanceTo(new Date(platform().scheduler.now().getTime() + 72 * HOUR));
    expect(await campaignMail(cara, "Spring offer for Cara")).toHaveLength(1);
    const res = await app.request(`/api/messaging/admin/campaigns/${scheduledId}/send`, json("POST", undefined, owner));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "messaging.campaign_already_sent" } });
  });

  it("honours the one-click unsubscribe (RFC 8058 headers, as SES delivered them) at once", async () => {
    const [mail] = await campaignMail(cara, "Spring offer for Cara");
    const header = (name: string) => mail!.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
    expect(header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    // A mailbox provider POSTs to the https URL in List-Unsubscribe; the same link is in the body.
    const url = /<(https?:[^>]+)>/.exec(header("List-Unsubscribe") ?? "")?.[1];
    expect(url).toMatch(/\/api\/messaging\/unsubscribe\?token=[\w-]+$/);
    expect(header("List-Unsubscribe")).toMatch(/<mailto:unsubscribe@[^>]+>/);
    expect(mail!.body.html).toContain(url!.replace(/&/g, "&amp;"));
    expect((await oneClick(url!)).status).toBe(200);

    const campaign = await createCampaign({ name: "Summer", headline: "Summer evenings", body: "Join us.", audience: {} });
    await settle();
    expect(await campaignMail(cara, "Summer evenings")).toHaveLength(0);
    expect(await campaignMail(gus, "Summer evenings")).toHaveLength(1);
    const detail = await campaignDetail(campaign.campaignId);
    expect(detail.recipients.find((r) => r.userId === cara.userId)).toMatchObject({ status: "suppressed", reason: "unsubscribed" });
  });

  it("selects by treatment history", async () => {
    const hana = await client({ consent: true, firstName: "Hana" });
    const ivo = await client({ consent: true, firstName: "Ivo" });
    await confirm(appointment(hana.userId, new Date(platform().scheduler.now().getTime() + 24 * HOUR).toISOString(), { category: "dermal-filler" }));
    await confirm(appointment(ivo.userId, new Date(platform().scheduler.now().getTime() + 24 * HOUR).toISOString(), { category: "facial" }));
    await createCampaign({ name: "Filler top-ups", headline: "Filler top-up week", body: "Book your review.", audience: { serviceCategories: ["dermal-filler"] } });
    await settle();
    expect(await campaignMail(hana, "Filler top-up week")).toHaveLength(1);
    expect(await campaignMail(ivo, "Filler top-up week")).toHaveLength(0);
  });

  it("paces sending under the SES rate (batches of SES_MAX_SEND_RATE a second)", async () => {
    const previous = process.env.SES_MAX_SEND_RATE;
    process.env.SES_MAX_SEND_RATE = "2";
    try {
      const users = await Promise.all([1, 2, 3, 4, 5].map((n) => client({ consent: true, firstName: `Batch${n}`, roles: ["student"] })));
      const started = Date.now();
      await createCampaign({ name: "Paced", headline: "Paced news", body: "Hello.", audience: { roles: ["student"] } });
      await settle();
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000); // 2 + 2 + 1: two pauses
      for (const user of users) expect(await campaignMail(user, "Paced news")).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.SES_MAX_SEND_RATE;
      else process.env.SES_MAX_SEND_RATE = previous;
    }
  });

  it("hands a long send over to a fresh invocation when its time budget runs out", async () => {
    const saved = { rate: process.env.SES_MAX_SEND_RATE, budget: process.env.CAMPAIGN_SEND_BUDGET_MS, page: process.env.CAMPAIGN_PAGE_SIZE };
    process.env.SES_MAX_SEND_RATE = "1";
    process.env.CAMPAIGN_SEND_BUDGET_MS = "1";
    process.env.CAMPAIGN_PAGE_SIZE = "2";
    try {
      const users = await Promise.all([1, 2, 3].map((n) => client({ consent: true, firstName: `Relay${n}`, roles: ["owner"] })));
      const publishedBefore = platform().bus.published.length;
      const campaign = await createCampaign({ name: "Relay", headline: "Relay news", body: "Hello.", audience: { roles: ["owner"] } });
      await settle();
      for (const user of users) expect(await campaignMail(user, "Relay news")).toHaveLength(1);
      const dues = platform().bus.published.slice(publishedBefore).filter((e) => e["detail-type"] === "reminder.due");
      // "Send now", then one continuation per further page of two members (the whole audience is paged, in user-id order).
      const detail = await campaignDetail(campaign.campaignId);
      expect(detail.campaign).toMatchObject({ status: "sent", sent: 3 });
      expect(dues.length).toBeGreaterThanOrEqual(2);
      expect(detail.campaign).toMatchObject({ invocations: dues.length, pagesDone: dues.length });
    } finally {
      for (const [name, value] of [["SES_MAX_SEND_RATE", saved.rate], ["CAMPAIGN_SEND_BUDGET_MS", saved.budget], ["CAMPAIGN_PAGE_SIZE", saved.page]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
