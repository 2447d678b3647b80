import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchBrowser } from "./browser";
import { ApiUser, dateOfBirthYearsAgo, depositService, expectAccessible, ownerPage, site, slotsOf } from "./support";

/**
 * The back office's last gaps (issue 17): the clinic's pictures (logo on the site), client
 * notes and before/after photos on the client record, a refund with its reason, and moving
 * lessons in the curriculum builder — each through the admin pages in Chromium. Ends with
 * the dashboard, diary and a client record photographed at 1280×800 and 1024×768.
 */
const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 1024, height: 768 };
const SHOTS = resolve(import.meta.dirname, "../../screenshots");
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 9)]);

describe("back office: pictures, notes, photos, refund reasons, lesson order", () => {
  let browser: Browser;
  let owner: ApiUser;
  let page: Page;
  let recordPath = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    owner = await ApiUser.owner();
    page = await ownerPage(browser, LAPTOP);
  });
  afterAll(() => browser?.close());

  const open = async (path: string) => {
    const res = await page.goto(`${site().url}${path}`);
    expect(res?.status(), path).toBe(200);
  };

  it("uploads a logo in Settings; every page's header shows it, served cacheable from the clinic's media", async () => {
    await open("/admin/settings#pictures");
    await page.getByLabel("Upload a logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
    await page.getByRole("button", { name: "Upload logo" }).click();
    await page.waitForURL("**saved=picture*");
    await page.getByRole("img", { name: /logo$/ }).waitFor();
    await expectAccessible(page);
    // A file that is not what it claims is refused, with the reason by its field.
    await page.getByLabel("Upload a portrait").setInputFiles({ name: "me.jpg", mimeType: "image/jpeg", buffer: Buffer.from("MZ not a picture at all") });
    await page.getByRole("button", { name: "Upload portrait" }).click();
    await page.getByRole("alert").filter({ hasText: "not the picture type" }).waitFor();

    const visitor = await (await browser.newContext({ viewport: LAPTOP })).newPage();
    await visitor.goto(`${site().url}/`);
    const src = await visitor.locator("header .brand img.brand-logo").getAttribute("src");
    expect(src).toMatch(/^\/api\/booking\/media\/[0-9A-Z]{26}\.png$/);
    const served = await visitor.request.get(`${site().url}${src}`);
    expect(served.status()).toBe(200);
    expect(served.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await served.body())).toEqual(png);
    await visitor.context().close();

    await open("/admin/settings#pictures");
    await page.getByRole("button", { name: "Remove logo" }).click();
    await page.waitForURL("**saved=picture*");
    expect(await page.getByRole("img", { name: /logo$/ }).count()).toBe(0);
  });

  it("adds dated notes and a before photo to a client's record, attached to a treatment and opened by a short audited link", async () => {
    const client = await ApiUser.register({ firstName: "Noted", lastName: `Photos${unique()}`, dateOfBirth: dateOfBirthYearsAgo(37) });
    await client.ensureMedicalHistory();
    expect((await client.call("PUT", "/api/booking/me/profile", { consents: { photo: true } })).status).toBe(200);
    const clientId = (await client.call<{ user: { userId: string } }>("GET", "/api/accounts/me")).body.user.userId;
    const record = await owner.call("POST", `/api/booking/admin/clients/${clientId}/treatments`, { performedAt: new Date().toISOString(), serviceName: "Skin booster" });
    expect(record.status, JSON.stringify(record.body)).toBe(201);
    recordPath = `/admin/clients/${clientId}`;

    await open(`${recordPath}#notes`);
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByRole("alert").filter({ hasText: "Write the note" }).waitFor();
    await page.getByLabel("Add a note").fill("Prefers morning appointments.");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.waitForURL("**saved=note*");
    await page.getByRole("status").filter({ hasText: "Note added" }).waitFor();
    await page.getByText("Prefers morning appointments.").waitFor();

    await page.getByText("Upload a photo").click();
    await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "before.jpg", mimeType: "image/jpeg", buffer: jpeg });
    await page.getByLabel("Before or after").selectOption("before");
    await page.getByRole("button", { name: "Upload photo" }).click();
    await page.waitForURL("**saved=photo*");
    await page.getByRole("status").filter({ hasText: "Photo uploaded and checked" }).waitFor();
    await expectAccessible(page);
    const view = page.getByRole("link", { name: /^View before photo of/ });
    await view.waitFor();
    const opened = await page.request.get(`${site().url}${await view.getAttribute("href")}`, { maxRedirects: 0 });
    expect(opened.status()).toBe(302);
    expect(opened.headers()["location"]).toMatch(/X-Amz-Expires=60/);
    expect(opened.headers()["cache-control"]).toContain("no-store");
    // Listed under the treatment record it was taken for.
    await page.locator(".record").filter({ hasText: "Skin booster" }).getByRole("link", { name: /^Before/ }).waitFor();
  });

  it("refunds a payment only with a reason, shown on the payment and in the accountant's export", async () => {
    const service = await depositService();
    const client = await ApiUser.register({ firstName: "Refunda", dateOfBirth: dateOfBirthYearsAgo(33) });
    await client.ensureMedicalHistory();
    const { appointmentId } = await client.bookAndPay(service.slug, (await slotsOf(service.slug)).at(-2)!.start);
    const payments = await owner.call<{ payments: { paymentId: string; subjectId: string }[] }>("GET", "/api/payments/admin/payments");
    const paymentId = payments.body.payments.find((p) => p.subjectId === appointmentId)!.paymentId;

    await open(`/admin/money/${encodeURIComponent(paymentId)}`);
    await page.getByLabel("Amount to refund (£)").fill("1.00");
    await page.getByRole("button", { name: "Refund" }).click();
    await page.getByRole("alert").filter({ hasText: "Say why you are refunding" }).waitFor();
    await page.getByLabel("Reason for the refund").fill("Goodwill: appointment ran late");
    await page.getByRole("button", { name: "Refund" }).click();
    await page.waitForURL("**refunded=100*");
    await page.getByText("Goodwill: appointment ran late").waitFor();
    await expectAccessible(page);
    const csv = await page.request.get(`${site().url}/api/payments/admin/payments/export.csv`);
    expect(await csv.text()).toContain("Goodwill: appointment ran late");
  });

  it("moves a lesson down and back up in the curriculum builder, by keyboard", async () => {
    const slug = `order-${unique()}`;
    const courseId = (await owner.call<{ course: { courseId: string } }>("POST", "/api/learning/admin/courses", { title: "Ordering course", slug, summary: "Lesson order", level: "foundation", priceInPence: 0 })).body.course.courseId;
    const moduleId = (await owner.call<{ module: { moduleId: string } }>("POST", `/api/learning/admin/courses/${courseId}/modules`, { title: "Basics" })).body.module.moduleId;
    for (const title of ["Anatomy", "Products", "Safety"]) {
      expect((await owner.call("POST", `/api/learning/admin/courses/${courseId}/modules/${moduleId}/lessons`, { title, kind: "text", body: title })).status).toBe(201);
    }
    const titles = async () => (await page.locator("ol.lessons > li").allTextContents()).map((t) => t.trim().split(" ·")[0]!.trim());
    await open(`/admin/academy/${courseId}#curriculum`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Move Anatomy down (now 1 of 3 in Basics)" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/saved=lesson-move/);
    expect(await titles()).toEqual(["Products", "Anatomy", "Safety"]);
    await page.getByRole("button", { name: "Move Safety up (now 3 of 3 in Basics)" }).click();
    await page.waitForURL(/#lesson-/);
    await page.waitForLoadState("load");
    expect(await titles()).toEqual(["Products", "Safety", "Anatomy"]);
  });

  it("photographs the dashboard, the diary and a client record at 1280×800 and 1024×768 (no sideways scroll)", async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const [name, path] of [["dashboard", "/admin"], ["diary", "/admin/diary"], ["client-record", recordPath || "/admin/clients"]] as const) {
      for (const size of [LAPTOP, TABLET]) {
        await page.setViewportSize(size);
        await open(path);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${path} overflows at ${size.width}`).toBe(true);
        await page.screenshot({ path: join(SHOTS, `h17-${name}-${size.width}x${size.height}.png`) });
      }
    }
    await page.setViewportSize(LAPTOP);
  });
});
