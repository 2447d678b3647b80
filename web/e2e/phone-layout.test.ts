import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, PHONE, dateOfBirthYearsAgo, depositService, site, slotsOf } from "./support";

/**
 * At 390 px (a current iPhone) no page scrolls sideways — public, account and booking pages,
 * signed in as clients with data: the demo client's history (treatments, receipts, messages,
 * reviews) and a fresh client with a paid appointment and one waiting for its deposit.
 */
describe("phone layout (390 px)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function expectFits(page: Page, path: string): Promise<void> {
    const res = await page.goto(`${site().url}${path}`);
    expect(res?.status(), path).toBeLessThan(400);
    const { scrollWidth, clientWidth, text } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      text: document.body.innerText,
    }));
    expect(scrollWidth, `${path} scrolls sideways (${scrollWidth} > ${clientWidth})`).toBeLessThanOrEqual(clientWidth);
    // Markup never leaks into the words (a stray "…first./p>" was found on the privacy page).
    expect(text, path).not.toMatch(/\/p>|<\/?[a-z]+>/);
  }

  async function phoneFor(user: ApiUser): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE });
    await user.signInBrowser(context);
    return context.newPage();
  }

  it("public pages fit the screen", async () => {
    const service = await depositService();
    const page = await (await browser.newContext({ viewport: PHONE })).newPage();
    for (const path of ["/", "/treatments", `/treatments/${service.slug}`, `/book/${service.slug}`, "/courses", "/signin", "/register", "/privacy", "/terms", "/verify"]) {
      await expectFits(page, path);
    }
    await page.context().close();
  }, 180_000);

  it("a new client's account and booking pages fit the screen; the week strip starts today with 44 px days", async () => {
    const service = await depositService();
    const client = await ApiUser.register({ firstName: "Philippa-Jacqueline", lastName: "Montgomery-Featherstonehaugh", dateOfBirth: dateOfBirthYearsAgo(34) });
    await client.ensureMedicalHistory();
    const slots = (await slotsOf(service.slug, 28)).filter((s) => Date.parse(s.start) > Date.now() + 3 * 86_400_000);
    const { appointmentId: paid } = await client.bookAndPay(service.slug, slots[0]!.start);
    const held = await client.call<{ appointment: { appointmentId: string } }>("POST", "/api/booking/appointments", { service: service.slug, start: slots.at(-1)!.start }, { "idempotency-key": crypto.randomUUID() });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const payments = await client.call<{ payments: { paymentId: string }[] }>("GET", "/api/payments/me/payments");
    const receipt = payments.body.payments[0]!.paymentId;
    // A time on another day than both bookings, still free for the confirm step.
    const other = slots.find((s) => ![slots[0]!.start, slots.at(-1)!.start].some((taken) => taken.slice(0, 10) === s.start.slice(0, 10)))!;

    const page = await phoneFor(client);
    for (const path of [
      "/account",
      "/account/appointments",
      `/account/appointments/${paid}`,
      "/account/payments",
      `/account/payments/${receipt}`,
      "/account/profile",
      "/account/medical",
      "/account/treatments",
      "/account/documents",
      "/account/messages",
      "/account/waitlist",
      "/account/privacy",
      `/book/${service.slug}?start=${encodeURIComponent(other.start)}`,
      `/book/pay?appointment=${held.body.appointment.appointmentId}`,
      `/book/confirmation?appointment=${paid}`,
    ]) {
      await expectFits(page, path);
    }

    // A deposit-due appointment offers paying it as its main action.
    await page.goto(`${site().url}/account/appointments`);
    expect(await page.getByRole("link", { name: `Pay deposit for ${service.name}` }).getAttribute("class")).toBe("button small");

    await expectFits(page, `/book/${service.slug}`);
    const days = page.locator(".days .day");
    const today = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short" }).format(new Date());
    expect((await days.first().textContent()) ?? "").toContain(today);
    for (const box of await days.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ width: r.width, height: r.height })))) {
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    await page.context().close();
  }, 240_000);

  it("the demo client's full history fits the screen", async () => {
    const demo = site().logins.find((l) => l.role === "client")!;
    const client = await ApiUser.login(demo.email, demo.password);
    const page = await phoneFor(client);
    for (const path of ["/account", "/account/appointments", "/account/payments", "/account/treatments", "/account/messages", "/account/documents"]) {
      await expectFits(page, path);
    }
    await page.context().close();
  }, 120_000);
});
