import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import {
  ApiUser,
  ClickCounter,
  DECLINED_CARD,
  DESKTOP,
  PHONE,
  answerMedicalNo,
  dateOfBirthYearsAgo,
  depositService,
  expectAccessible,
  mailTo,
  services,
  shot,
  site,
  TEST_CARD,
  until,
} from "./support";

/**
 * Booking in a real browser against the whole local platform: the treatment page's week
 * view, confirm details, the payment page (Stripe's Payment Element; here the local fake
 * Stripe's Stripe.js), and the confirmation that waits for the payment webhook.
 */
describe("booking a treatment", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  const newPage = async (viewport = PHONE): Promise<Page> => (await browser.newContext({ viewport })).newPage();
  const startOf = (href: string | null) => new URL(href!, site().url).searchParams.get("start")!;
  const payButton = (page: Page) => page.getByRole("button", { name: /^Pay £[\d.,]+ deposit$/ });
  /** The payment page once Stripe.js has mounted the card fields (the Pay button is enabled then). */
  const onPayPage = async (page: Page) => {
    await page.waitForURL(/\/book\/pay\?appointment=/);
    await page.getByLabel("Card number").waitFor();
    return new URL(page.url()).searchParams.get("appointment")!;
  };

  it("a new visitor registers inline, answers the medical questions, pays the deposit and sees it confirmed (and emailed)", async () => {
    const service = await depositService();
    const page = await newPage(PHONE);
    await page.goto(`${site().url}/treatments/${service.slug}`);
    await expectAccessible(page);
    await shot(page, "1-treatment");

    // Step 1: a time from the week view on the treatment page.
    const time = page.locator("a.time").first();
    const start = startOf(await time.getAttribute("href"));
    await time.click();
    await page.getByRole("heading", { name: "Confirm your booking" }).waitFor();
    await expectAccessible(page);
    await shot(page, "2-details-signed-out");

    // Step 2: create the account inline…
    const email = `new.visitor.${Date.now()}@example.test`;
    const register = page.getByRole("region", { name: "New client? Create your account" });
    await register.getByLabel("First name").fill("Nadia");
    await register.getByLabel("Last name").fill("Visitor");
    await register.getByLabel("Email").fill(email);
    await register.getByLabel("Date of birth").fill(dateOfBirthYearsAgo(34));
    await register.getByLabel("Create a password").fill("lavender fields at dawn");
    await register.getByRole("button", { name: "Create account and continue" }).click();
    await page.getByText(`Booking as Nadia Visitor`).waitFor();

    // …answer the short medical questionnaire (first booking), then confirm and pay.
    await expect(page.getByRole("heading", { name: "A few details before your first treatment" }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await shot(page, "3-details-first-booking");
    await answerMedicalNo(page);
    await page.getByRole("button", { name: /^Confirm and pay £[\d.,]+ deposit$/ }).click();

    // Step 3: the payment page (the test card is filled in), then back to the confirmation.
    await onPayPage(page);
    expect(await page.getByLabel("Card number").inputValue()).toBe(TEST_CARD);
    expect(await page.getByText("Local test card — no real money").count()).toBe(1);
    await expectAccessible(page);
    await shot(page, "4-pay");
    await payButton(page).click();
    await page.waitForURL(/\/book\/confirmation\?appointment=.+redirect_status=succeeded/);
    await page.getByRole("heading", { name: "You're booked in" }).waitFor({ timeout: 60_000 });
    await expectAccessible(page);
    await shot(page, "5-confirmed");
    const calendar = page.getByRole("link", { name: "Add to calendar" });
    const ics = await page.request.get(new URL((await calendar.getAttribute("href"))!, site().url).href);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain("BEGIN:VEVENT");

    // The same time is no longer offered, and the confirmation email went out.
    const again = await (await fetch(`${site().url}/api/booking/availability?service=${service.slug}&from=${start.slice(0, 10)}&to=${start.slice(0, 10)}`)).json();
    expect((again as { slots: { start: string }[] }).slots.map((s) => s.start)).not.toContain(start);
    await until(async () => (await mailTo(email)).some((m) => /book|confirm/i.test(m.subject)), 30_000);
    await page.context().close();
  }, 240_000);

  it("a signed-in returning client books from the treatment page in three clicks", async () => {
    const client = site().logins.find((l) => l.role === "client")!;
    const api = await ApiUser.login(client.email, client.password);
    await api.ensureMedicalHistory();
    const service = await depositService();
    const page = await newPage(DESKTOP);
    await api.signInBrowser(page.context());

    await page.goto(`${site().url}/treatments/${service.slug}`);
    await shot(page, "6-treatment-signed-in");
    const clicks = new ClickCounter();
    await clicks.click(page.locator("a.time").first());
    const confirm = page.getByRole("button", { name: /^Confirm and pay £[\d.,]+ deposit$/ });
    await confirm.waitFor();
    await expectAccessible(page);
    await shot(page, "7-confirm-returning");
    await clicks.click(confirm);
    await onPayPage(page);
    await clicks.click(payButton(page));
    await page.getByRole("heading", { name: "You're booked in" }).waitFor({ timeout: 60_000 });

    expect(clicks.count).toBeLessThanOrEqual(3);
    await expectAccessible(page);
    await page.context().close();
  }, 180_000);

  it("tells a client gracefully when someone else takes the time between listing and paying, and shows fresh times", async () => {
    const service = await depositService();
    const client = await ApiUser.register({ firstName: "Quinn", dateOfBirth: dateOfBirthYearsAgo(40) });
    await client.ensureMedicalHistory();
    const page = await newPage(PHONE);
    await client.signInBrowser(page.context());
    await page.goto(`${site().url}/treatments/${service.slug}`);
    const time = page.locator("a.time").nth(2);
    const start = startOf(await time.getAttribute("href"));
    await time.click();
    const confirm = page.getByRole("button", { name: /^Confirm and pay/ });
    await confirm.waitFor();

    // Someone else books that exact time meanwhile.
    const rival = await ApiUser.register({ firstName: "Rival", dateOfBirth: dateOfBirthYearsAgo(30) });
    await rival.ensureMedicalHistory();
    const taken = await rival.call("POST", "/api/booking/appointments", { service: service.slug, start }, { "idempotency-key": crypto.randomUUID() });
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);

    await confirm.click();
    const alert = page.getByRole("alert").filter({ hasText: "that time has just been taken" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Nothing has been charged");
    // Fresh times for that week, without the one that went.
    const offered = await page.locator("a.time").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get("start")));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContain(start);
    await expectAccessible(page);
    await shot(page, "8-slot-taken");

    // Picking another time still works — and a declined card is explained on the page and can be retried.
    await page.locator("a.time").first().click();
    await page.getByRole("button", { name: /^Confirm and pay/ }).click();
    const appointmentId = await onPayPage(page);
    await page.getByLabel("Card number").fill(DECLINED_CARD);
    await payButton(page).click();
    await page.locator("#payment-error").getByText("Your card was declined.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/book/pay");
    const held = await client.call<{ appointment: { status: string } }>("GET", `/api/booking/appointments/${appointmentId}`);
    expect(held.body.appointment.status).toBe("pending_deposit");
    await expectAccessible(page);
    await shot(page, "8b-declined");
    await page.getByLabel("Card number").fill(TEST_CARD);
    await payButton(page).click();
    await page.waitForURL(/\/book\/confirmation\?appointment=.+redirect_status=succeeded/);
    await page.getByRole("heading", { name: "You're booked in" }).waitFor({ timeout: 60_000 });
    await page.context().close();
  }, 180_000);

  it("books a treatment without a deposit straight to confirmed", async () => {
    const service = (await services()).find((s) => s.deposit.kind === "none" && !s.requiresPatchTest && !s.requiresConsultation);
    expect(service, "the seed offers a treatment without a deposit").toBeDefined();
    const client = await ApiUser.register({ firstName: "Free", dateOfBirth: dateOfBirthYearsAgo(36) });
    await client.ensureMedicalHistory();
    const page = await newPage(PHONE);
    await client.signInBrowser(page.context());
    await page.goto(`${site().url}/treatments/${service!.slug}`);
    // Any listed time books (listing ≡ booking check, issue 14 finding 1): the first one.
    await page.locator("a.time").first().click();
    await page.getByRole("button", { name: "Confirm booking" }).click();
    await page.getByRole("heading", { name: "You're booked in" }).waitFor({ timeout: 60_000 });
    expect(await page.getByText("deposit").count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  }, 120_000);

  it("refuses an under-18 client with a clear reason, before anything is charged", async () => {
    const service = (await services()).find((s) => s.minAge >= 18 && !s.requiresPatchTest && !s.requiresConsultation)!;
    const page = await newPage(PHONE);
    // Registers through the register page with a date of birth 16 years ago.
    await page.goto(`${site().url}/register?next=${encodeURIComponent(`/treatments/${service.slug}`)}`);
    await page.getByLabel("First name").fill("Young");
    await page.getByLabel("Last name").fill("Person");
    await page.getByLabel("Email").fill(`young.${Date.now()}@example.test`);
    await page.getByLabel("Date of birth").fill(dateOfBirthYearsAgo(16));
    await page.getByLabel("Create a password").fill("a very quiet library");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`**/treatments/${service.slug}`);

    await page.locator("a.time").first().click();
    await answerMedicalNo(page);
    await page.getByRole("button", { name: /^Confirm and pay/ }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "we cannot book" });
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? "";
    expect(text).toContain(`aged ${service.minAge} or over`);
    expect(text).toContain("Nothing has been booked or charged");
    await expectAccessible(page);
    await shot(page, "9-under-18");
    await page.context().close();
  }, 180_000);

  it("refuses a treatment that needs a patch test when the client has none, and says what to do", async () => {
    const service = (await services()).find((s) => s.requiresPatchTest);
    expect(service, "the seed offers a treatment that needs a patch test").toBeDefined();
    const client = await ApiUser.register({ firstName: "Patch", dateOfBirth: dateOfBirthYearsAgo(45) });
    await client.ensureMedicalHistory();
    const page = await newPage(DESKTOP);
    await client.signInBrowser(page.context());
    await page.goto(`${site().url}/treatments/${service!.slug}`);
    await page.locator("a.time").first().click();
    await page.getByRole("button", { name: /^Confirm|^Confirm booking/ }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "A patch test is needed first" });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("at least 48 hours before");
    expect(await refusal.getByRole("link").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await shot(page, "10-patch-test");
    await page.context().close();
  }, 180_000);
});
