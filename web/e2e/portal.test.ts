import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, DESKTOP, PHONE, answerMedicalNo, dateOfBirthYearsAgo, depositService, expectAccessible, shot, site, slotsOf, until } from "./support";

/** The client portal in a real browser: appointments, records, consents and data rights. */
describe("client portal", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function signedIn(user: ApiUser, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await user.signInBrowser(context);
    return context.newPage();
  }

  it("sends anonymous visitors to sign in first, and back afterwards", async () => {
    const user = await ApiUser.register({ firstName: "Back", dateOfBirth: dateOfBirthYearsAgo(29), password: "sunlight over the river" });
    const page = await (await browser.newContext({ viewport: PHONE })).newPage();
    await page.goto(`${site().url}/account/medical`);
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
    await expectAccessible(page);
    await shot(page, "signin-error");
    await page.getByLabel("Password").fill("sunlight over the river");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/account/medical");
    await page.context().close();
  }, 120_000);

  it("lets a client reschedule an appointment, then cancel it — seeing the refund before and after", async () => {
    const service = await depositService();
    const client = await ApiUser.register({ firstName: "Rhea", dateOfBirth: dateOfBirthYearsAgo(38) });
    await client.ensureMedicalHistory();
    // Far enough ahead that moving and cancelling are free (outside the 48-hour window).
    const later = (await slotsOf(service.slug, 28)).filter((s) => Date.parse(s.start) > Date.now() + 5 * 86_400_000);
    const { appointmentId } = await client.bookAndPay(service.slug, later[0]!.start);

    const page = await signedIn(client, PHONE);
    await page.goto(`${site().url}/account`);
    await page.getByRole("heading", { name: "Your next appointment" }).waitFor();
    await expectAccessible(page);
    await shot(page, "portal-overview");
    await page.getByRole("link", { name: `Manage ${service.name}` }).click();
    await page.waitForURL(`**/account/appointments/${appointmentId}`);
    await expectAccessible(page);
    await shot(page, "portal-appointment");

    // Reschedule: week view → pick → confirm.
    await page.getByRole("link", { name: "Change time" }).click();
    await page.getByRole("heading", { name: "Choose a new time" }).waitFor();
    await expectAccessible(page);
    await shot(page, "portal-reschedule");
    // A time next week: moving stays outside the 48-hour window, so cancelling is still free.
    const label = page.locator(".week-label");
    const thisWeek = await label.textContent();
    await page.getByRole("link", { name: "Next week" }).click();
    await until(async () => (await label.textContent()) !== thisWeek);
    const next = page.locator("a.time").last();
    const newStart = new URL((await next.getAttribute("href"))!, site().url).searchParams.get("start")!;
    await next.click();
    await page.getByRole("button", { name: "Confirm new time" }).click();
    await page.getByRole("status").filter({ hasText: "has been moved" }).waitFor();
    const moved = await client.call<{ appointment: { start: string; status: string } }>("GET", `/api/booking/appointments/${appointmentId}`);
    expect(Date.parse(moved.body.appointment.start)).toBe(Date.parse(newStart));

    // Cancel: the fee and refund are shown before confirming…
    await page.getByRole("link", { name: "Cancel appointment" }).click();
    const quote = page.getByTestId("cancellation-quote");
    await quote.waitFor();
    expect(await quote.textContent()).toMatch(/Cancelling now is free(, as you booked it only a short while ago)?\. Your £[\d.,]+ deposit will be refunded in full\./);
    await expectAccessible(page);
    await shot(page, "portal-cancel-preview");
    await page.getByRole("button", { name: "Cancel appointment" }).click();
    // …and the outcome after.
    const outcome = page.getByRole("status").filter({ hasText: "Your appointment is cancelled" });
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(/We are refunding £[\d.,]+ to your card/);
    expect(await outcome.textContent()).toContain("No fee was charged");
    await expectAccessible(page);
    await shot(page, "portal-cancelled");

    // The deposit and its refund, and the emails about it, are in the portal too.
    await until(async () => {
      await page.goto(`${site().url}/account/payments`);
      return (await page.getByText(/refunded/i).count()) > 0;
    }, 30_000, 1_000);
    await expectAccessible(page);
    await shot(page, "portal-payments");
    await page.goto(`${site().url}/account/messages`);
    expect(await page.getByRole("table").getByRole("row").count()).toBeGreaterThan(1);
    await expectAccessible(page);
    await shot(page, "portal-messages");
    await page.context().close();
  }, 240_000);

  it("keeps profile, emergency contact, consents and a versioned medical history, and shows every portal page accessibly", async () => {
    const client = await ApiUser.register({ firstName: "Mira", dateOfBirth: dateOfBirthYearsAgo(51) });
    const page = await signedIn(client, DESKTOP);

    // Medical history: first version, then an edit that becomes version 2.
    await page.goto(`${site().url}/account/medical`);
    await answerMedicalNo(page);
    await page.getByRole("button", { name: "Save medical history" }).click();
    await page.getByText("Last updated").waitFor();
    expect(await page.getByText("(version 1)").count()).toBe(1);
    await page.getByLabel("Allergies").fill("Penicillin");
    await page.getByRole("button", { name: "Save as new version" }).click();
    await page.getByText("(version 2)").waitFor();
    expect(await page.getByLabel("Allergies").inputValue()).toBe("Penicillin");

    // Profile: an emergency contact, a consent, and an inline error for a bad postcode.
    await page.goto(`${site().url}/account/profile`);
    await page.locator("#f-ec_name").fill("Sam Carer");
    await page.locator("#f-ec_phone").fill("07700 900999");
    await page.getByRole("button", { name: "Save contacts" }).click();
    await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    expect(await page.locator("#f-ec_name").inputValue()).toBe("Sam Carer");
    await page.getByLabel("Offers and news by email").check();
    await page.getByRole("button", { name: "Save choices" }).click();
    await page.getByRole("status").filter({ hasText: "Your choices are saved" }).waitFor();
    expect(await page.getByLabel("Offers and news by email").isChecked()).toBe(true);
    expect(await page.getByText(/On since \d+ \w+ \d{4}/).count()).toBeGreaterThan(0);
    await page.getByLabel("Address line 1").fill("1 Test Street");
    await page.getByLabel("Town or city").fill("Bath");
    await page.getByLabel("Postcode").fill("NOT A POSTCODE");
    await page.getByRole("button", { name: "Save contacts" }).click();
    await page.locator("#f-addr_postcode[aria-invalid=true]").waitFor();
    await expectAccessible(page);
    await shot(page, "portal-profile-error");

    // The waitlist, from a treatment with no time that suits.
    const service = await depositService();
    await page.goto(`${site().url}/account/waitlist?service=${service.slug}`);
    await page.getByRole("button", { name: "Join the waitlist" }).click();
    await page.getByRole("status").filter({ hasText: "You are on the waitlist" }).waitFor();
    expect(await page.getByText(service.name).count()).toBeGreaterThan(0);

    for (const path of ["/account", "/account/appointments", "/account/waitlist", "/account/treatments", "/account/messages", "/account/payments", "/account/privacy"]) {
      await page.goto(`${site().url}${path}`);
      await expectAccessible(page);
      await shot(page, `portal${path.replaceAll("/", "-")}`);
    }
    await page.context().close();
  }, 240_000);

  it("downloads the client's data and deletes the account after the password is re-entered", async () => {
    const client = await ApiUser.register({ firstName: "Dara", dateOfBirth: dateOfBirthYearsAgo(27), password: "orchard in late summer" });
    const page = await signedIn(client, PHONE);
    await page.goto(`${site().url}/account/privacy`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download my data" }).click();
    const file = await (await download).path();
    const { readFile } = await import("node:fs/promises");
    const exported = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    expect(JSON.stringify(exported)).toContain(client.email);

    await page.getByLabel("I understand").check();
    await page.getByLabel("Your password").fill("wrong password here");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.locator("#f-password[aria-invalid=true]").or(page.getByRole("alert")).first().waitFor();
    await expectAccessible(page);
    await page.getByLabel("I understand").check();
    await page.getByLabel("Your password").fill("orchard in late summer");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.getByRole("status").filter({ hasText: "Your account has been deleted" }).waitFor();
    const me = await client.call("GET", "/api/accounts/me");
    expect(me.status).toBe(401);
    await page.context().close();
  }, 120_000);
});
