import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, DESKTOP, PHONE, dateOfBirthYearsAgo, depositService, expectAccessible, ownerPage, shot, site, slotsOf, until } from "./support";

/**
 * Text messages end to end: the client turns on reminders by text in the portal, books,
 * and the confirmation text arrives in the local SMS inbox (the End User Messaging twin
 * that `npm start`'s banner links to), readable on its phone-shaped page.
 */
describe("text messages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function smsInbox(): Promise<string> {
    const links = (await (await fetch(`${site().url}/api/_local`)).json()) as { smsInbox: string };
    return links.smsInbox;
  }

  it("a client turns SMS reminders on in the portal, books, and the confirmation text appears in the local SMS inbox", async () => {
    const client = await ApiUser.register({ firstName: "Sienna", dateOfBirth: dateOfBirthYearsAgo(34) });
    await client.ensureMedicalHistory();
    const mobile = `07700 9${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
    const e164 = `+44${mobile.replace(/\s/g, "").slice(1)}`;

    const page = await (await browser.newContext({ viewport: PHONE })).newPage();
    await client.signInBrowser(page.context());
    await page.goto(`${site().url}/account/profile`);
    await page.getByLabel("Mobile number").fill(mobile);
    await page.getByRole("button", { name: "Save details" }).click();
    await page.getByRole("status").filter({ hasText: "Your details are saved." }).waitFor();

    const reminders = page.getByLabel("Appointment reminders by text message");
    expect(await reminders.isChecked()).toBe(false);
    await reminders.check();
    // The 2-hour text on the day is its own choice, off until ticked.
    const twoHour = page.getByLabel("Also a text 2 hours before each appointment");
    expect(await twoHour.isChecked()).toBe(false);
    await twoHour.check();
    await page.getByRole("button", { name: "Save choices" }).click();
    await page.getByRole("status").filter({ hasText: "Your choices are saved." }).waitFor();
    expect(await page.getByLabel("Appointment reminders by text message").isChecked()).toBe(true);
    expect(await page.getByLabel("Also a text 2 hours before each appointment").isChecked()).toBe(true);
    expect(await page.getByLabel("Offers and news by text message").isChecked()).toBe(false);
    await expectAccessible(page);
    await shot(page, "sms-profile-consents");
    const saved = await client.call<{ profile: { consents: { sms: { granted: boolean } | null; smsTwoHour: { granted: boolean } | null } } }>("GET", "/api/booking/me/profile");
    expect(saved.body.profile.consents.sms?.granted).toBe(true);
    expect(saved.body.profile.consents.smsTwoHour?.granted).toBe(true);

    const service = await depositService();
    const slot = (await slotsOf(service.slug, 28)).filter((s) => Date.parse(s.start) > Date.now() + 3 * 86_400_000).at(-1)!;
    const { appointmentId } = await client.bookAndPay(service.slug, slot.start);

    const inbox = await smsInbox();
    type Store = { texts: { to: string; body: string; messageType: string }[] };
    await until(async () => ((await (await fetch(`${inbox}/store`)).json()) as Store).texts.some((t) => t.to === e164));
    const texts = ((await (await fetch(`${inbox}/store`)).json()) as Store).texts.filter((t) => t.to === e164);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.messageType).toBe("TRANSACTIONAL");
    expect(texts[0]!.body).toMatch(new RegExp(`^Hi Sienna, booked: .+\\. Manage: http.*/account/appointments/${appointmentId}$`));

    // The inbox lists the number; its phone shows the text with the booking link.
    const phone = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await phone.goto(inbox);
    await phone.getByRole("heading", { name: "Local SMS inbox" }).waitFor();
    await expectAccessible(phone);
    await shot(phone, "sms-inbox");
    await phone.getByRole("link", { name: e164 }).click();
    await phone.getByRole("heading", { name: `Texts to ${e164}` }).waitFor();
    const bubble = phone.getByRole("list", { name: "Conversation" }).getByRole("listitem").first();
    expect(await bubble.textContent()).toContain(`Hi Sienna, booked: ${service.name}`);
    expect(await bubble.getByRole("link").getAttribute("href")).toMatch(new RegExp(`/account/appointments/${appointmentId}$`));
    await expectAccessible(phone);
    await phone.setViewportSize(PHONE);
    await shot(phone, "sms-phone");

    // And the client's message history shows the text with its delivery status.
    await until(async () => {
      const history = await client.call<{ messages: { channel: string; template: string; deliveryStatus: string | null }[] }>("GET", "/api/messaging/me/messages");
      return history.body.messages.some((m) => m.channel === "sms" && m.template === "sms.appointment.confirmation" && m.deliveryStatus === "delivered");
    });
    await page.context().close();
    await phone.context().close();
  }, 180_000);

  it("the owner chooses a text for each new booking in Settings → Your alerts; the next booking's alert reaches her mobile", async () => {
    const owner = await ApiUser.owner();
    const mobile = `07700 9${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
    const e164 = `+44${mobile.replace(/\s/g, "").slice(1)}`;
    const page = await ownerPage(browser, DESKTOP);
    try {
      await page.goto(`${site().url}/admin/settings#alerts`);
      const panel = page.getByRole("region", { name: "Your alerts" });
      await panel.getByLabel("New booking", { exact: true }).selectOption("sms");
      await panel.getByRole("button", { name: "Save alerts" }).click();
      // Texts without a number: refused, the panel shown again with what is missing.
      await page.getByText("Enter the mobile number the texts should go to").first().waitFor();
      await expectAccessible(page);
      await page.getByLabel("Your mobile number").fill(mobile);
      await page.getByRole("button", { name: "Save alerts" }).click();
      await page.waitForURL("**/admin/settings?saved=alerts*");
      await page.getByRole("region", { name: "Your alerts" }).getByRole("status").filter({ hasText: "Saved." }).waitFor();
      expect(await page.getByLabel("New booking", { exact: true }).inputValue()).toBe("sms");
      expect(await page.getByLabel("Cancellation", { exact: true }).inputValue()).toBe("off");
      await expectAccessible(page);
      await shot(page, "admin-settings-alerts");

      const client = await ApiUser.register({ firstName: "Ottilie", dateOfBirth: dateOfBirthYearsAgo(41) });
      await client.ensureMedicalHistory();
      const service = await depositService();
      const slot = (await slotsOf(service.slug, 28)).filter((s) => Date.parse(s.start) > Date.now() + 3 * 86_400_000).at(-2)!;
      const { appointmentId } = await client.bookAndPay(service.slug, slot.start);
      const inbox = await smsInbox();
      type Store = { texts: { to: string; body: string }[] };
      await until(async () => ((await (await fetch(`${inbox}/store`)).json()) as Store).texts.some((t) => t.to === e164));
      const texts = ((await (await fetch(`${inbox}/store`)).json()) as Store).texts.filter((t) => t.to === e164);
      expect(texts.map((t) => t.body)).toEqual([expect.stringMatching(new RegExp(`^New booking: Ottilie \\S+, .+\\. http\\S+/admin/diary/appointments/${appointmentId}$`))]);
    } finally {
      await owner.call("PUT", "/api/booking/admin/owner-alerts", { mobile: null, channels: { newBooking: "off", cancellation: "off", reviewNeeded: "off" } });
      await page.context().close();
    }
  }, 180_000);
});
