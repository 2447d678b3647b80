import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { unsubscribeTokenFor } from "../src/domain/unsubscribes";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { json, signUp, type TestUser } from "../../accounts/test/support";
import { app } from "../src/app";
import { DEFAULT_TEMPLATES } from "../src/domain/templates";
import { followSchedulerClock, mailTo, settle } from "./support";

/** Every route × anonymous / client / owner, bad input, and what the owner's edits do. */
const restore = followSchedulerClock();
afterAll(restore);

let clientUser: TestUser;
let otherClient: TestUser;
let owner: TestUser;
const as = { anonymous: undefined as TestUser | undefined, client: undefined as TestUser | undefined, owner: undefined as TestUser | undefined };

beforeAll(async () => {
  clientUser = await signUp("client", { firstName: "Rosa" });
  otherClient = await signUp("client", { firstName: "Sid" });
  owner = await signUp("owner", { firstName: "Lea" });
  as.client = clientUser;
  as.owner = owner;
});

const base = "/api/messaging";
const templateBody = { subject: "See you tomorrow, {{client.firstName}}", html: "<p>{{service.name}} at {{appointment.start|time}}</p>", text: "{{service.name}} at {{appointment.start|time}}" };
const campaignBody = () => ({ name: "News", headline: "News for {{client.firstName}}", body: "Hello.", audience: { roles: ["student"] } });

function request(method: string, path: string, body: unknown, who: TestUser | undefined) {
  return app.request(`${base}${path}`, json(method, body, who));
}

async function passwordReset(user: TestUser) {
  const expiresAt = new Date(platform().scheduler.now().getTime() + 3_600_000).toISOString();
  await publish(Events.PasswordResetRequested, { userId: user.userId, email: user.email, firstName: "Rosa", resetUrl: "https://example.co.uk/reset?token=abc", expiresAt });
  await settle();
}

describe("routes × roles", () => {
  it.each([
    ["GET", "/me/messages", undefined, [401, 200, 200]],
    ["GET", "/admin/templates", undefined, [401, 403, 200]],
    ["GET", "/admin/templates/appointment.reminder", undefined, [401, 403, 200]],
    ["PUT", "/admin/templates/appointment.reminder", templateBody, [401, 403, 200]],
    ["DELETE", "/admin/templates/appointment.reminder", undefined, [401, 403, 200]],
    ["POST", "/admin/templates/appointment.reminder/preview", undefined, [401, 403, 200]],
    ["GET", "/admin/messages", undefined, [401, 403, 200]],
    ["GET", "/admin/sms/report", undefined, [401, 403, 200]],
    ["GET", "/admin/campaigns", undefined, [401, 403, 200]],
    ["POST", "/admin/campaigns", campaignBody(), [401, 403, 201]],
    ["POST", "/admin/campaigns", { ...campaignBody(), channel: "sms" }, [401, 403, 201]],
    ["POST", "/admin/campaigns/audience", { roles: ["client"], channel: "sms" }, [401, 403, 200]],
    ["GET", "/admin/campaigns/nope", undefined, [401, 403, 404]],
    ["POST", "/admin/campaigns/nope/send", undefined, [401, 403, 404]],
  ] as const)("%s %s → anonymous %j / client / owner", async (method, path, body, statuses) => {
    const [anonymous, client, ownerStatus] = statuses;
    expect((await request(method, path, body, as.anonymous)).status).toBe(anonymous);
    expect((await request(method, path, body, as.client)).status).toBe(client);
    const res = await request(method, path, body, as.owner);
    expect(res.status).toBe(ownerStatus);
    if (anonymous === 401) expect((await request(method, path, body, undefined)).headers.get("content-type")).toContain("application/json");
  });

  it("the unsubscribe routes need no session", async () => {
    const token = await unsubscribeTokenFor({ email: otherClient.email, userId: otherClient.userId });
    const res = await app.request(`${base}/unsubscribe?token=${token}`, { headers: { accept: "application/json" } });
    expect(res.status).toBe(200);
  });
});

describe("bad input (owner)", () => {
  it.each([
    ["PUT", "/admin/templates/nope", templateBody, 404, "messaging.template_not_found"],
    ["PUT", "/admin/templates/appointment.reminder", { ...templateBody, text: "Hi {{client.nickname}}" }, 422, "messaging.template_invalid"],
    ["PUT", "/admin/templates/appointment.reminder", { ...templateBody, html: "{{course.title}}" }, 422, "messaging.template_invalid"],
    ["PUT", "/admin/templates/appointment.reminder", { ...templateBody, html: "{{appointment.start|weekday}}" }, 422, "messaging.template_invalid"],
    ["PUT", "/admin/templates/appointment.reminder", { subject: "x", html: "<p>x</p>" }, 400, "validation_failed"],
    ["PUT", "/admin/templates/appointment.reminder", { ...templateBody, extra: 1 }, 400, "validation_failed"],
    ["PUT", "/admin/templates/appointment.reminder", { ...templateBody, subject: "" }, 400, "validation_failed"],
    ["POST", "/admin/templates/nope/preview", undefined, 404, "messaging.template_not_found"],
    ["POST", "/admin/templates/appointment.reminder/preview", { subject: "x" }, 400, "validation_failed"],
    ["GET", "/admin/messages?month=2026-13", undefined, 400, "validation_failed"],
    ["GET", "/admin/messages?limit=0", undefined, 400, "validation_failed"],
    ["GET", "/admin/sms/report?month=2026-13", undefined, 400, "validation_failed"],
    ["GET", "/admin/sms/report?month=June", undefined, 400, "validation_failed"],
    ["POST", "/admin/campaigns", { ...campaignBody(), name: "" }, 400, "validation_failed"],
    ["POST", "/admin/campaigns", { ...campaignBody(), ctaUrl: "javascript:alert(1)" }, 400, "validation_failed"],
    ["POST", "/admin/campaigns", { ...campaignBody(), audience: { lastVisitBefore: "01/02/2026" } }, 400, "validation_failed"],
    ["POST", "/admin/campaigns", { ...campaignBody(), audience: { consent: false } }, 400, "validation_failed"],
    ["POST", "/admin/campaigns", { ...campaignBody(), sendAt: "tomorrow" }, 400, "validation_failed"],
    ["POST", "/admin/campaigns", { ...campaignBody(), sendAt: "2020-01-01T10:00:00Z" }, 422, "messaging.send_at_past"],
    ["POST", "/admin/campaigns", { ...campaignBody(), body: "Hi {{client.nickname}}" }, 422, "messaging.campaign_invalid"],
    ["POST", "/admin/campaigns", { ...campaignBody(), channel: "fax" }, 400, "validation_failed"],
    ["POST", "/admin/campaigns", { ...campaignBody(), channel: "sms", body: "Spring offers. ".repeat(20) }, 422, "messaging.campaign_text_too_long"],
    ["POST", "/admin/campaigns", { ...campaignBody(), channel: "sms", body: "Spring offers 😊 ".repeat(6) }, 422, "messaging.campaign_text_too_long"],
    ["POST", "/admin/campaigns/audience", { channel: "post" }, 400, "validation_failed"],
    ["POST", "/admin/campaigns/audience", { roles: [], channel: "sms" }, 400, "validation_failed"],
    ["POST", "/admin/campaigns/audience", { channel: "sms", pages: 3 }, 400, "validation_failed"],
  ] as const)("%s %s %j → %i %s", async (method, path, body, status, code) => {
    const res = await request(method, path, body, owner);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  it("rejects a preview body that is not JSON", async () => {
    const res = await app.request(`${base}/admin/templates/appointment.reminder/preview`, { method: "POST", headers: { ...owner.headers, "content-type": "application/json" }, body: "{nope" });
    expect(res.status).toBe(400);
  });

  it("refuses a cross-site form post to an owner route (CSRF)", async () => {
    const res = await app.request(`${base}/admin/campaigns`, {
      method: "POST",
      headers: { ...owner.headers, "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: "name=x",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "auth.csrf_rejected" } });
  });
});

describe("templates", () => {
  it("lists every default with its fields and whether it is customised", async () => {
    const res = await request("GET", "/admin/templates", undefined, owner);
    const { templates } = (await res.json()) as { templates: { key: string; customised: boolean; fields: string[]; purpose: string }[] };
    expect(templates.map((t) => t.key).sort()).toEqual([...DEFAULT_TEMPLATES.keys()].sort());
    const review = templates.find((t) => t.key === "appointment.review");
    expect(review).toMatchObject({ purpose: "marketing", customised: false });
    expect(review?.fields).toContain("links.unsubscribe");
  });

  it("previews the current version or a draft with sample data, reporting unknown fields", async () => {
    const current = await request("POST", "/admin/templates/appointment.reminder/preview", undefined, owner);
    const { preview } = (await current.json()) as { preview: { subject: string; html: string; issues: unknown[] } };
    expect(preview.subject).toMatch(/^See you tomorrow at \d{2}:\d{2}$/);
    expect(preview.html).toContain("Amelia");
    expect(preview.issues).toEqual([]);

    const draft = await request("POST", "/admin/templates/appointment.reminder/preview", { ...templateBody, text: "{{client.nickname}}" }, owner);
    const body = (await draft.json()) as { preview: { issues: { problem: string }[]; subject: string } };
    expect(body.preview.subject).toBe("See you tomorrow, Amelia");
    expect(body.preview.issues.map((i) => i.problem)).toEqual(["unknown_field"]);
  });

  it("an override is used for the next mail, and resetting restores the default", async () => {
    const put = await request("PUT", "/admin/templates/account.password-reset", { subject: "Your reset link, {{client.firstName}}", html: "<p>{{links.resetPassword}}</p>", text: "{{links.resetPassword}}" }, owner);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ template: { key: "account.password-reset", customised: true } });
    await passwordReset(clientUser);
    expect((await mailTo(clientUser.email)).at(-1)?.subject).toBe("Your reset link, Rosa");

    const reset = await request("DELETE", "/admin/templates/account.password-reset", undefined, owner);
    expect(await reset.json()).toMatchObject({ template: { customised: false } });
    await passwordReset(clientUser);
    expect((await mailTo(clientUser.email)).at(-1)?.subject).toBe("Reset your Master Aesthetics password");
  });
});

describe("history", () => {
  it("a client sees only their own messages; the owner sees anyone's", async () => {
    await passwordReset(otherClient);
    const mine = (await (await request("GET", "/me/messages", undefined, clientUser)).json()) as { messages: { template: string; status: string; subject: string }[] };
    expect(mine.messages.length).toBeGreaterThanOrEqual(2);
    expect(mine.messages.every((m) => m.template === "account.password-reset" && m.status === "sent")).toBe(true);
    expect(JSON.stringify(mine)).not.toContain(otherClient.userId);
    expect(JSON.stringify(mine)).not.toContain("sesMessageId");

    const theirs = (await (await request("GET", `/admin/messages?userId=${otherClient.userId}`, undefined, owner)).json()) as { messages: { userId: string; sesMessageId: string }[] };
    expect(theirs.messages).toHaveLength(1);
    expect(theirs.messages[0]).toMatchObject({ userId: otherClient.userId, sesMessageId: expect.stringMatching(/^ses-/) });

    const month = (await (await request("GET", "/admin/messages?month=2026-06", undefined, owner)).json()) as { messages: { userId: string }[] };
    expect(new Set(month.messages.map((m) => m.userId))).toEqual(new Set([clientUser.userId, otherClient.userId]));
  });
});

describe("unsubscribe", () => {
  it.each([
    ["GET", "", 400],
    ["GET", "?token=unknown-token-123456789", 404],
    ["POST", "?token=unknown-token-123456789", 404],
    ["POST", "", 400],
  ] as const)("%s /unsubscribe%s → %i", async (method, query, status) => {
    const res = await app.request(`${base}/unsubscribe${query}`, { method, headers: { accept: "application/json" } });
    expect(res.status).toBe(status);
    expect(await res.json()).toHaveProperty("error");
  });

  it("GET shows a confirmation page and changes nothing; POST (one-click) unsubscribes at once, idempotently", async () => {
    const email = `someone-${randomUUID()}@example.test`;
    const token = await unsubscribeTokenFor({ email });
    const page = await app.request(`${base}/unsubscribe?token=${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post"');
    expect(html).toContain("s***@example.test");
    expect(html).not.toContain(email);
    const state = async () => (await (await app.request(`${base}/unsubscribe?token=${token}`, { headers: { accept: "application/json" } })).json()) as { unsubscribed: boolean };
    expect(await state()).toMatchObject({ unsubscribed: false });

    const oneClick = () => app.request(`${base}/unsubscribe?token=${token}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://mail.example" }, body: "List-Unsubscribe=One-Click" });
    expect((await oneClick()).status).toBe(200);
    expect(await state()).toMatchObject({ unsubscribed: true });
    expect((await oneClick()).status).toBe(200);

    const otherCase = await app.request(`${base}/unsubscribe?token=${token.toUpperCase()}`, { headers: { accept: "application/json" } });
    expect(otherCase.status).toBe(404); // keys are lowercased by ElectroDB; the token is compared exactly

    const unknownPage = await app.request(`${base}/unsubscribe?token=unknown-token-123456789`);
    expect(unknownPage.status).toBe(404);
    expect(await unknownPage.text()).toContain("not valid");
  });
});
