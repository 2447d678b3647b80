import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, DESKTOP, dateOfBirthYearsAgo, depositService, expectAccessible, shot, site, until } from "./support";

/**
 * The owner at the front desk in a real browser: a walk-in for a new client, booked
 * through the diary with the deposit taken on the terminal and the balance by card
 * (Stripe's Payment Element); a no-show marked and the fee raised through payments.
 */
const london = (d = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(d);

describe("the owner's diary", () => {
  let browser: Browser;
  let owner: ApiUser;
  beforeAll(async () => {
    browser = await launchBrowser();
    owner = await ApiUser.owner();
  });
  afterAll(() => browser?.close());

  async function ownerPage(viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await owner.signInBrowser(context);
    return context.newPage();
  }

  /**
   * The first day from tomorrow in the next fortnight with a free time for `slug` (the owner's
   * availability). Not today: the no-show below needs today's next few minutes free.
   */
  async function freeDay(slug: string): Promise<string> {
    const from = london(new Date(Date.now() + 86_400_000));
    const to = london(new Date(Date.now() + 15 * 86_400_000));
    const res = await owner.call<{ slots: { start: string }[] }>("GET", `/api/booking/admin/availability?service=${slug}&from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    return res.body.slots[0]!.start.slice(0, 10);
  }

  it("books a walk-in for a new client, takes the deposit on the terminal and the balance by card", async () => {
    const service = await depositService();
    const day = await freeDay(service.slug);
    const page = await ownerPage();
    await page.goto(`${site().url}/admin`);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Book a client" }).first().click();
    await page.waitForURL("**/admin/diary/book**");
    const email = `walk.in.${Date.now()}@example.test`;
    await page.getByLabel("First name").fill("Wendy");
    await page.getByLabel("Last name").fill("Walkin");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Date of birth").fill(dateOfBirthYearsAgo(34));
    await page.getByRole("button", { name: "Add client" }).click();
    await page.getByText("Booking for Wendy Walkin").waitFor();
    await page.getByLabel("Treatment", { exact: true }).selectOption(service.slug);
    await page.getByLabel("Day", { exact: true }).fill(day);
    await page.getByRole("button", { name: "Show free times" }).click();
    await page.getByRole("group", { name: "Free times" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Paid now on the card terminal").check();
    await page.getByRole("button", { name: `Book ${service.name}` }).click();
    await page.waitForURL("**/admin/diary/appointments/**");
    const appointmentUrl = page.url().split("?")[0]!;
    // The terminal deposit confirms the booking through payments' payment.succeeded.
    await until(async () => {
      await page.goto(appointmentUrl);
      return (await page.locator(".status-pill").first().textContent()) === "Confirmed";
    });
    await expectAccessible(page);
    await page.getByRole("link", { name: "Card (enter or tap here)" }).click();
    await page.getByLabel("Card number").waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: /^Take £/ }).click();
    await page.waitForURL("**/admin/diary/appointments/**done=paid**");
    await until(async () => {
      await page.goto(appointmentUrl);
      return (await page.getByText("Balance due").locator("xpath=following-sibling::dd[1]").textContent()) === "£0";
    });
    // The day's takings show the terminal deposit and the card balance.
    await page.goto(`${site().url}/admin/diary?view=day&date=${london()}`);
    await expectAccessible(page);
    const takings = await page.locator(".takings").textContent();
    expect(takings).toMatch(/Card terminal£\d/);
    await page.goto(`${site().url}/admin/diary?view=day&date=${day}`);
    await page.getByRole("link", { name: `Wendy Walkin — ${service.name}` }).waitFor();
    await expectAccessible(page);
    await shot(page, "admin-diary-day");
    await page.context().close();
  }, 180_000);

  it("marks a no-show once the appointment has started, and payments raises the fee", async () => {
    const service = await depositService();
    const today = london();
    const settings = (await owner.call<{ settings: Record<string, unknown> & { extraHours: unknown[] } }>("GET", "/api/booking/admin/settings")).body.settings;
    // Extra hours for the rest of today from an hour ago (room for the treatment's set-up
    // buffer) and a 5-minute slot step (the diary's unit) — the owner's own settings, restored
    // after. She books without notice, so the first free time is the next 5-minute mark, and
    // the appointment can be marked a no-show once it has started on the real clock.
    const FIVE = 5 * 60_000;
    const hhmm = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);
    const anHourAgo = hhmm(new Date(Math.floor(Date.now() / FIVE) * FIVE - 60 * 60_000));
    const from = anHourAgo <= hhmm(new Date()) ? anHourAgo : "00:00"; // not yesterday, just after midnight
    const opened = await owner.call("PUT", "/api/booking/admin/settings", { ...settings, slotStepMinutes: 5, extraHours: [...settings.extraHours, { date: today, start: from, end: "23:55" }] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    try {
      const client = await ApiUser.register({ firstName: "Nora", dateOfBirth: dateOfBirthYearsAgo(41) });
      const me = await client.call<{ user: { userId: string } }>("GET", "/api/accounts/me");
      const slots = await owner.call<{ slots: { start: string }[] }>("GET", `/api/booking/admin/availability?service=${service.slug}&from=${today}&to=${today}`);
      const first = slots.body.slots.find((s) => Date.parse(s.start) > Date.now() + 20_000)!;
      expect(first, "a free time today").toBeDefined();
      expect(Date.parse(first.start) - Date.now(), `the first free time ${first.start} is minutes away`).toBeLessThan(6 * 60_000);
      const booked = await owner.call<{ appointment: { appointmentId: string; status: string } }>("POST", "/api/booking/admin/appointments", { clientId: me.body.user.userId, service: service.slug, start: first.start, deposit: "waive", waiveReason: "Regular client, trusted" });
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
      const id = booked.body.appointment.appointmentId;
      const page = await ownerPage({ width: 1024, height: 768 });
      await page.goto(`${site().url}/admin/diary/appointments/${id}`);
      await expectAccessible(page);
      await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(first.start) - Date.now() + 2_000)));
      await page.reload();
      await page.getByRole("button", { name: "Mark no-show" }).click();
      await page.getByText("the missed-appointment fee has been raised").waitFor();
      await expectAccessible(page);
      await until(async () => (await owner.call("GET", `/api/payments/admin/payments/fee-${id}`)).status === 200);
      const fee = await owner.call<{ payment: { kind: string; amountInPence: number } }>("GET", `/api/payments/admin/payments/fee-${id}`);
      expect(fee.body.payment).toMatchObject({ kind: "fee" });
      expect(fee.body.payment.amountInPence).toBeGreaterThan(0);
      await page.context().close();
    } finally {
      await owner.call("PUT", "/api/booking/admin/settings", settings);
    }
  }, 480_000);
});
