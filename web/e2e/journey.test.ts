import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, DESKTOP, PHONE, answerMedicalNo, dateOfBirthYearsAgo, depositService, expectAccessible, services, shot, site } from "./support";

/**
 * The client journey of issue 14 in a real browser: a new client books a treatment that needs
 * a patch test without meeting a dead end (the patch test first, in the same flow, then the
 * treatment at a time the calendar offers), is asked for a date of birth only when it matters
 * and in plain words, and cancels a fresh booking free within the grace period.
 */
const HOUR = 3_600_000;

describe("client journey", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  const newPage = async (viewport = PHONE): Promise<Page> => (await browser.newContext({ viewport })).newPage();
  const startOf = (href: string | null) => new URL(href!, site().url).searchParams.get("start")!;
  const offeredStarts = (page: Page) => page.locator("a.time").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get("start")!));

  it("a new client books a patch-test-gated treatment end to end: the patch test first, then the treatment at a time the calendar offers", async () => {
    const treatment = (await services()).find((s) => s.requiresPatchTest);
    expect(treatment, "the seed offers a treatment that needs a patch test").toBeDefined();
    const page = await newPage(PHONE);

    // The treatment page says what is needed before any effort, and offers no time a patch
    // test could not precede: nothing earlier than the earliest booking (24 h) + 48 h.
    const openedAt = Date.now();
    await page.goto(`${site().url}/treatments/${treatment!.slug}`);
    const before = page.getByRole("region", { name: "Before you book" });
    await before.waitFor();
    expect(await before.textContent()).toContain("patch test at least 48 hours before");
    expect(await before.textContent()).toContain(`aged ${treatment!.minAge} and over`);
    const shown = await offeredStarts(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(Math.min(...shown.map(Date.parse))).toBeGreaterThanOrEqual(openedAt + 72 * HOUR - 60_000);
    await expectAccessible(page);
    await shot(page, "journey-1-treatment");

    // "Book your patch test first": the patch test's own calendar, saying we come back after.
    await before.getByRole("link", { name: "Book your patch test first" }).click();
    await page.waitForURL(/\/book\/patch-test\?for=/);
    expect(await page.locator("[data-first-step]").textContent()).toContain(`choose a time for ${treatment!.name}`);
    await expectAccessible(page);
    await shot(page, "journey-2-patch-test-times");
    const patchTime = page.locator("a.time").first();
    const patchStart = startOf(await patchTime.getAttribute("href"));
    await patchTime.click();
    await page.getByRole("heading", { name: "Confirm your booking" }).waitFor();

    // Registers inline without a date of birth (it is optional at registration)…
    const email = `journey.${Date.now()}@example.test`;
    const register = page.getByRole("region", { name: "New client? Create your account" });
    await register.getByLabel("First name").fill("Jade");
    await register.getByLabel("Last name").fill("Journey");
    await register.getByLabel("Email").fill(email);
    await register.getByLabel("Create a password").fill("a quiet walk by the sea");
    await register.getByRole("button", { name: "Create account and continue" }).click();
    await page.getByText("Booking as Jade Journey").waitFor();

    // …so the booking asks for it here, in plain words, and saves it to the profile.
    const dob = page.getByLabel("Date of birth");
    await dob.waitFor();
    expect(await page.locator("#f-dateOfBirth-hint").textContent()).toMatch(/This treatment is for clients aged \d+ and over\. Please tell us your date of birth/);
    await expectAccessible(page);
    await shot(page, "journey-3-dob-and-medical");
    await page.getByRole("button", { name: "Confirm booking" }).click();
    // Left empty: the field says what is wrong, and nothing is booked.
    await page.getByRole("alert").first().waitFor();
    expect(await page.locator("#f-dateOfBirth-error").count()).toBe(1);
    await dob.fill(dateOfBirthYearsAgo(29));
    await answerMedicalNo(page);
    await page.getByRole("button", { name: "Confirm booking" }).click();

    // The patch test is booked, and the confirmation leads straight on to the treatment.
    await page.getByRole("heading", { name: "You're booked in" }).waitFor({ timeout: 60_000 });
    const next = page.locator("[data-next-step]");
    expect(await next.textContent()).toContain(`Next: choose a time for ${treatment!.name}`);
    await expectAccessible(page);
    await shot(page, "journey-4-patch-test-booked");
    await next.getByRole("link", { name: `Choose a time for ${treatment!.name}` }).click();
    await page.waitForURL(new RegExp(`/book/${treatment!.slug}$`));

    // The treatment's calendar now starts 48 hours after the booked patch test.
    expect(await page.getByRole("region", { name: "Before you book" }).textContent()).toContain("Your patch test is booked for");
    expect(await page.getByRole("link", { name: "Book your patch test first" }).count()).toBe(0);
    const offered = await offeredStarts(page);
    expect(offered.length).toBeGreaterThan(0);
    expect(Math.min(...offered.map(Date.parse))).toBeGreaterThanOrEqual(Date.parse(patchStart) + 48 * HOUR);
    await expectAccessible(page);
    await shot(page, "journey-5-treatment-times-after-patch-test");

    // Confirm (date of birth and medical answers are on file now), pay the deposit, booked.
    await page.locator("a.time").first().click();
    expect(await page.getByLabel("Date of birth").count()).toBe(0);
    await page.locator("[data-cancellation-notice]").waitFor();
    await expectAccessible(page);
    await shot(page, "journey-6-treatment-confirm");
    await page.getByRole("button", { name: /^Confirm and pay £[\d.,]+ deposit$/ }).click();
    await page.waitForURL(/\/book\/pay\?appointment=/);
    await page.getByLabel("Card number").waitFor();
    await page.getByRole("button", { name: /^Pay £[\d.,]+ deposit$/ }).click();
    await page.getByRole("heading", { name: "You're booked in" }).waitFor({ timeout: 60_000 });
    expect(await page.getByText(treatment!.name).count()).toBeGreaterThan(0);
    await page.context().close();
  }, 300_000);

  it("says at the confirm step when a time is already inside the cancellation window, and a cancel within the grace period is free", async () => {
    const service = await depositService();
    const client = await ApiUser.register({ firstName: "Grace", dateOfBirth: dateOfBirthYearsAgo(38) });
    await client.ensureMedicalHistory();
    const page = await newPage(DESKTOP);
    await client.signInBrowser(page.context());

    // The earliest time offered (24 h notice) is inside the 48 h window unless the clinic is shut for days.
    await page.goto(`${site().url}/treatments/${service.slug}`);
    const time = page.locator("a.time").first();
    const start = startOf(await time.getAttribute("href"));
    const insideWindow = Date.parse(start) - Date.now() <= 48 * HOUR;
    await time.click();
    const notice = page.locator("[data-cancellation-notice]");
    await notice.waitFor();
    const said = (await notice.textContent()) ?? "";
    if (insideWindow) {
      expect(said).toContain("less than 48 hours away");
      expect(said).toContain("free of charge for 60 minutes after booking");
    } else {
      expect(said).toContain("Free to cancel or move until");
    }
    expect(said).toMatch(/never more|at most/);
    await expectAccessible(page);
    await shot(page, "journey-7-confirm-cancellation-notice");
    await page.getByRole("button", { name: /^Confirm and pay £[\d.,]+ deposit$/ }).click();
    await page.waitForURL(/\/book\/pay\?appointment=/);
    const appointmentId = new URL(page.url()).searchParams.get("appointment")!;
    await page.getByLabel("Card number").waitFor();
    await page.getByRole("button", { name: /^Pay £[\d.,]+ deposit$/ }).click();
    await page.getByRole("heading", { name: "You're booked in" }).waitFor({ timeout: 60_000 });

    // Minutes later the client changes their mind: cancelling is free, the deposit comes back.
    await page.getByRole("link", { name: "Manage booking" }).click();
    await page.getByRole("link", { name: "Cancel appointment" }).click();
    const quote = page.getByTestId("cancellation-quote");
    await quote.waitFor();
    expect(await quote.textContent()).toContain("Cancelling now is free, as you booked it only a short while ago");
    await expectAccessible(page);
    await shot(page, "journey-8-cancel-in-grace");
    await page.getByRole("button", { name: "Cancel appointment" }).click();
    await page.getByText("Your appointment is cancelled.").waitFor();
    expect(await page.getByText("No fee was charged.").count()).toBe(1);
    const { body } = await client.call<{ appointment: { status: string; cancellation: { feeInPence: number; refundInPence: number; late: boolean } } }>("GET", `/api/booking/appointments/${appointmentId}`);
    expect(body.appointment.status).toBe("cancelled");
    expect(body.appointment.cancellation).toMatchObject({ late: false, feeInPence: 0 });
    expect(body.appointment.cancellation.refundInPence).toBeGreaterThan(0);
    await page.context().close();
  }, 240_000);
});
