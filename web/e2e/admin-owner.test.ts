import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, dateOfBirthYearsAgo, expectAccessible, mailTo, ownerPage, shot, site, slotsOf, until } from "./support";

/**
 * The owner's back office (issue 17, part B): settings and the business profile, treatments,
 * clients and batch recall, campaigns, reviews — each driven through the admin pages in
 * Chromium and checked where clients see the result (the public site, the mail).
 */
const TABLET = { width: 1024, height: 768 };
const LAPTOP = { width: 1280, height: 900 };
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

describe("owner back office", () => {
  let browser: Browser;
  let owner: ApiUser;
  let page: Page;

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

  it("creates a treatment that is then listed and bookable on the public site", async () => {
    const name = `Jawline contour ${unique()}`;
    await open("/admin/treatments/new");
    await expectAccessible(page);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Category").selectOption("dermal-filler");
    await page.getByLabel("Price (£)").fill("320");
    await page.getByLabel("Duration (minutes)").fill("30");
    await page.getByLabel("Deposit", { exact: true }).selectOption("none");
    await page.getByLabel("Aftercare advice").fill("Avoid make-up for 12 hours.");
    await page.getByRole("button", { name: "Add treatment" }).click();
    await page.waitForURL("**/admin/treatments?saved=*");
    await page.getByRole("status").filter({ hasText: name }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name }).click();
    await expectAccessible(page);
    const slug = (await page.getByLabel("Web address").inputValue()).trim();
    expect(slug).toMatch(/^jawline-contour-/);

    const publicPage = await (await browser.newContext({ viewport: LAPTOP })).newPage();
    expect((await publicPage.goto(`${site().url}/treatments/${slug}`))?.status()).toBe(200);
    await publicPage.getByRole("heading", { level: 1, name }).waitFor();
    await publicPage.getByText("Avoid make-up for 12 hours.").waitFor();
    await publicPage.context().close();
    const slots = await slotsOf(slug);
    expect(slots.length).toBeGreaterThan(0);
    const client = await ApiUser.register({ firstName: "Jaw", dateOfBirth: dateOfBirthYearsAgo(35) });
    await client.ensureMedicalHistory();
    const booked = await client.call<{ appointment: { status: string } }>("POST", "/api/booking/appointments", { service: slug, start: slots.at(-1)!.start }, { "idempotency-key": crypto.randomUUID() });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  });

  it("changes a day's opening hours in Settings and the listed times follow", async () => {
    const before = await owner.call<{ settings: { weeklyHours: { start: string; end: string }[][] } }>("GET", "/api/booking/admin/settings");
    const original = before.body.settings;
    type Listed = { slug: string; durationMinutes: number; bufferBeforeMinutes: number; bufferAfterMinutes: number; active: boolean; requiresConsultation: boolean; requiresPatchTest: boolean };
    const menu = (await owner.call<{ services: Listed[] }>("GET", "/api/booking/admin/services")).body.services;
    const service = menu.find((s) => s.active && !s.requiresConsultation && !s.requiresPatchTest && s.bufferBeforeMinutes === 0 && s.bufferAfterMinutes === 0 && s.durationMinutes <= 60)!;
    // A day three or more days ahead that has times now (minimum notice and closures allowing).
    const slots = (await slotsOf(service.slug)).filter((s) => Date.parse(s.start) > Date.now() + 3 * 86_400_000);
    const day = slots[0]!.start.slice(0, 10);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const dayName = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][weekday]!;
    const opens = original.weeklyHours[weekday]![0]!.start;
    const closes = `${String(Number(opens.slice(0, 2)) + 2).padStart(2, "0")}:${opens.slice(3)}`;
    const listedOn = async () => (await slotsOf(service.slug)).filter((s) => s.start.slice(0, 10) === day);
    const wasListed = (await listedOn()).length;
    try {
      await open("/admin/settings");
      await expectAccessible(page);
      await page.getByLabel(`${dayName} opens`, { exact: true }).fill(opens);
      await page.getByLabel(`${dayName} closes`, { exact: true }).fill(closes);
      await page.getByLabel(`${dayName} second stretch opens`, { exact: true }).fill("");
      await page.getByLabel(`${dayName} second stretch closes`, { exact: true }).fill("");
      await page.getByRole("button", { name: "Save opening hours" }).click();
      await page.waitForURL("**/admin/settings?saved=hours*");
      await page.locator("#hours").getByRole("status").waitFor();
      const listed = await listedOn();
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.length).toBeLessThan(wasListed);
      const lastEnd = new Date(Math.max(...listed.map((s) => Date.parse(s.end))));
      const closing = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" }).format(lastEnd);
      expect(closing <= closes, `${closing} after ${closes}`).toBe(true);

      // A mistake is refused with the field marked, and nothing changes.
      await page.getByLabel(`${dayName} closes`, { exact: true }).fill("06:00");
      await page.getByRole("button", { name: "Save opening hours" }).click();
      await page.getByRole("alert").waitFor();
      expect(await page.locator(`[aria-invalid="true"]`).count()).toBeGreaterThan(0);
      await expectAccessible(page);
      expect((await listedOn()).length).toBe(listed.length);
    } finally {
      const restored = await owner.call("PUT", "/api/booking/admin/settings", original);
      expect(restored.status).toBe(200);
    }
    expect((await listedOn()).length).toBe(wasListed);
  });

  it("Settings fits a phone: the opening hours stack as one card a day, nothing scrolls sideways", async () => {
    for (const viewport of [{ width: 390, height: 844 }, LAPTOP]) {
      await page.setViewportSize(viewport);
      await open("/admin/settings");
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `settings overflows at ${viewport.width}`).toBe(true);
      const monday = page.getByLabel("Monday opens", { exact: true });
      expect(await monday.isVisible()).toBe(true);
      const box = (await monday.boundingBox())!;
      expect(box.x + box.width, "Monday's opening time is on screen").toBeLessThanOrEqual(viewport.width);
      if (viewport.width === 390) await expectAccessible(page);
      await shot(page, "admin-settings");
    }
    await page.setViewportSize(LAPTOP);
  });

  it("adds a treatment record with a batch number, finds the client by that batch, and shows the record at 1280 and 1024", async () => {
    const client = await ApiUser.register({ firstName: "Batchley", lastName: `Recall${unique()}`, dateOfBirth: dateOfBirthYearsAgo(41) });
    await client.ensureMedicalHistory();
    const batch = `LOT-${unique()}`.toUpperCase();
    await open(`/admin/clients?q=${encodeURIComponent(client.email)}`);
    await expectAccessible(page);
    await page.getByRole("link", { name: /^Batchley / }).click();
    await page.getByRole("heading", { level: 1, name: /^Batchley / }).waitFor();
    await page.getByText("Add a treatment record").click();
    await page.getByLabel("Treatment", { exact: true }).fill("Lip filler, 1 ml");
    await page.getByLabel("Product 1").fill("Hyaluronic acid filler 1 ml");
    await page.getByLabel("Batch / lot").first().fill(batch.toLowerCase());
    await page.getByLabel("Expiry").first().fill("2027-09-30");
    await page.getByLabel("Area 1").fill("Upper lip");
    await page.getByLabel("Units").first().fill("0.5");
    await page.getByLabel("Clinical notes").fill("Settled well; review in two weeks.");
    await page.getByRole("button", { name: "Add treatment record" }).click();
    await page.waitForURL("**saved=treatment*");
    await page.getByRole("status").filter({ hasText: "Treatment record added" }).waitFor();
    await page.getByRole("link", { name: batch }).waitFor();
    await expectAccessible(page);
    await shot(page, "admin-client-record");
    await page.setViewportSize(TABLET);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "the record overflows at 1024").toBe(true);
    await shot(page, "admin-client-record");
    await page.setViewportSize(LAPTOP);

    await open("/admin/clients/recall");
    await expectAccessible(page);
    await page.getByLabel("Batch or lot number").fill(` ${batch.toLowerCase()} `);
    await page.getByRole("button", { name: "Find clients" }).click();
    await page.getByRole("status").filter({ hasText: `1 client treated with batch ${batch}` }).waitFor();
    await page.getByRole("row").filter({ hasText: client.email }).getByRole("link", { name: /^Batchley / }).waitFor();
    await expectAccessible(page);
  });

  it("edits the business phone: the site and the next mail show the new number", async () => {
    const before = (await owner.call<{ business: Record<string, unknown> }>("GET", "/api/booking/admin/business")).body.business;
    const phone = `01225 ${Math.floor(100 + Math.random() * 899)} ${Math.floor(100 + Math.random() * 899)}`;
    try {
      await open("/admin/settings");
      await page.getByLabel("Phone", { exact: true }).fill("call us");
      await page.getByRole("button", { name: "Save business profile" }).click();
      await page.getByRole("alert").filter({ hasText: "Enter a phone number" }).waitFor();
      await expectAccessible(page);
      await page.getByLabel("Phone", { exact: true }).fill(phone);
      await page.getByRole("button", { name: "Save business profile" }).click();
      await page.waitForURL("**/admin/settings?saved=business*");

      const visitor = await (await browser.newContext({ viewport: LAPTOP })).newPage();
      await visitor.goto(site().url);
      await visitor.getByRole("contentinfo").getByRole("link", { name: phone }).waitFor();
      await visitor.getByRole("region", { name: "Location & opening hours" }).getByText(phone).waitFor();
      await visitor.context().close();

      const client = await ApiUser.register({ firstName: "Phoebe", dateOfBirth: dateOfBirthYearsAgo(30) });
      expect((await client.call("POST", "/api/accounts/password/forgot", { email: client.email })).status).toBeLessThan(300);
      await until(async () => (await mailTo(client.email)).some((m) => (m.body.text ?? "").includes(phone) && (m.body.html ?? "").includes(phone)), 30_000);
    } finally {
      expect((await owner.call("PUT", "/api/booking/admin/business", before)).status).toBe(200);
    }
  });

  it("sends a campaign to a filtered audience: only consenting clients in it are mailed", { timeout: 300_000 }, async () => {
    const consenting = await ApiUser.register({ firstName: "Cara", dateOfBirth: dateOfBirthYearsAgo(30) });
    const refusing = await ApiUser.register({ firstName: "Dan", dateOfBirth: dateOfBirthYearsAgo(30) });
    const student = await ApiUser.register({ firstName: "Stu", dateOfBirth: dateOfBirthYearsAgo(30) });
    for (const [user, granted] of [[consenting, true], [refusing, false], [student, true]] as const) {
      expect((await user.call("PUT", "/api/booking/me/profile", { consents: { marketingEmail: granted } })).status).toBe(200);
    }
    const studentId = (await student.call<{ user: { userId: string } }>("GET", "/api/accounts/me")).body.user.userId;
    expect((await owner.call("PATCH", `/api/accounts/admin/users/${studentId}/roles`, { roles: ["student"] })).status).toBe(200);

    const headline = `Summer glow evening ${unique()}`;
    await open("/admin/messages");
    await expectAccessible(page);
    const count = page.locator("[data-audience-count]");
    await count.filter({ hasText: /\d+ will receive it/ }).waitFor();
    const countText = async () => ((await count.textContent()) ?? "").replace(/\s+/g, " ").trim();
    const clientsOnly = await countText();
    await page.getByLabel("Students").check();
    // The count reads every account's consent and history: allow for a loaded machine.
    await until(async () => (await countText()) !== clientsOnly, 90_000);
    await page.getByLabel("Students").uncheck();
    await until(async () => (await countText()) === clientsOnly, 90_000);
    await page.getByLabel("Campaign name").fill(headline);
    await page.getByLabel("Subject line").fill(`${headline} for {{client.firstName}}`);
    await page.getByLabel("Message", { exact: true }).fill("Hello {{client.firstName}},\nJoin us for a summer skin evening.");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await page.waitForURL("**/admin/messages/campaigns/*");
    await expectAccessible(page);

    await until(async () => (await mailTo(consenting.email)).some((m) => m.subject === `${headline} for Cara`), 60_000);
    await until(async () => {
      await page.reload();
      return (await page.locator(".stat").filter({ hasText: "Status" }).textContent())?.includes("sent") ?? false;
    }, 60_000);
    expect((await mailTo(refusing.email)).filter((m) => m.subject.startsWith(headline))).toEqual([]);
    expect((await mailTo(student.email)).filter((m) => m.subject.startsWith(headline))).toEqual([]);
    await page.getByRole("row").filter({ hasText: refusing.email }).getByText("No marketing consent").waitFor();
    expect(await page.getByRole("row").filter({ hasText: student.email }).count()).toBe(0);
  });

  it("approves a review and it shows on the home page", async () => {
    const published = (await (await fetch(`${site().url}/api/booking/reviews/published`)).json()) as { reviews: { author: string; comment: string }[] };
    const review = published.reviews.find((r) => r.comment);
    expect(review, "the demo seed publishes a review").toBeTruthy();
    const quote = review!.comment.slice(0, 40);
    const home = async () => (await (await fetch(site().url)).text()).includes(quote);
    expect(await home()).toBe(true);

    await open("/admin/reviews?show=shown");
    await expectAccessible(page);
    await page.getByRole("button", { name: new RegExp(`^Hide the review by ${review!.author}`) }).first().click();
    await page.getByRole("status").filter({ hasText: "hidden" }).waitFor();
    expect(await home()).toBe(false);

    await open("/admin/reviews");
    await expectAccessible(page);
    await page.getByRole("button", { name: new RegExp(`^Approve the review by ${review!.author}`) }).first().click();
    await page.getByRole("status").filter({ hasText: "approved" }).waitFor();
    expect(await home()).toBe(true);
  });

  it("builds a course: curriculum, a cohort with a practical day, then publishes it", async () => {
    const title = `Advanced lip techniques ${unique()}`;
    await open("/admin/academy");
    await expectAccessible(page);
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Summary").fill("Structure, volume and safety for experienced injectors.");
    await page.getByLabel("Level").selectOption("advanced");
    await page.getByLabel("Price (£)").fill("895");
    await page.getByLabel("Has a practical day").check();
    await page.getByRole("button", { name: "Create course (as a draft)" }).click();
    await page.waitForURL("**/admin/academy/*?created=1");
    await page.getByLabel("Module title").fill("Anatomy and danger zones");
    await page.getByRole("button", { name: "Add module" }).click();
    await page.getByRole("heading", { level: 3, name: "Anatomy and danger zones" }).waitFor();
    await page.getByLabel("Lesson title").fill("Arterial supply of the lips");
    await page.getByLabel(/^Text/).fill("The superior and inferior labial arteries…");
    await page.getByRole("button", { name: "Add lesson" }).click();
    await page.getByText("Arterial supply of the lips").waitFor();
    await page.getByLabel("Cohort name").fill("Spring cohort");
    await page.getByLabel(/^Practical day/).fill("2027-03-15");
    await page.getByRole("button", { name: "Add cohort" }).click();
    await page.getByText(/Spring cohort · 0 of 8 places/).waitFor();
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByRole("link", { name: "See it on the website" }).waitFor();
    await expectAccessible(page);
    const courseUrl = await page.getByRole("link", { name: "See it on the website" }).getAttribute("href");
    expect((await fetch(`${site().url}${courseUrl}`)).status).toBe(200);
  });

  it("every page of this part is usable at 1024 and 1280 wide, with no serious accessibility problems", { timeout: 900_000 }, async () => {
    const firstCampaign = (await owner.call<{ campaigns: { campaignId: string }[] }>("GET", "/api/messaging/admin/campaigns")).body.campaigns[0];
    const course = (await owner.call<{ courses: { courseId: string }[] }>("GET", "/api/learning/admin/courses")).body.courses[0];
    const payment = (await owner.call<{ payments: { paymentId: string }[] }>("GET", "/api/payments/admin/payments")).body.payments[0];
    const pages = [
      "/admin/money",
      ...(payment ? [`/admin/money/${payment.paymentId}`] : []),
      "/admin/team",
      "/admin/team/audit?by=subject&who=amelia",
      "/admin/academy",
      ...(course ? [`/admin/academy/${course.courseId}`] : []),
      "/admin/settings",
      "/admin/treatments",
      "/admin/treatments?show=archived",
      "/admin/treatments/new",
      "/admin/clients",
      "/admin/clients/recall?batch=HA-DEMO-2041",
      "/admin/reviews",
      "/admin/reviews?show=shown",
      "/admin/messages",
      "/admin/messages/templates",
      "/admin/messages/templates/appointment.confirmation",
      "/admin/messages/history",
      ...(firstCampaign ? [`/admin/messages/campaigns/${firstCampaign.campaignId}`] : []),
    ];
    // axe once per page (at the tablet width, the tighter layout); no page wider than the screen at either width.
    for (const viewport of [TABLET, LAPTOP]) {
      await page.setViewportSize(viewport);
      for (const path of pages) {
        await open(path);
        expect(await page.getByRole("heading", { level: 1 }).count(), path).toBe(1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${path} overflows at ${viewport.width}`).toBe(true);
        if (viewport === TABLET) await expectAccessible(page);
      }
    }
    // Keyboard: from the treatment's name, Tab moves to the next field.
    await open("/admin/treatments/new");
    await page.getByLabel("Name", { exact: true }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-category");
  });
});
