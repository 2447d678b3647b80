import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, PHONE, dateOfBirthYearsAgo, depositService, expectAccessible, shot, site, slotsOf, until } from "./support";

/** Signing a consent form in a real browser: drawn on the pad, or the typed name by keyboard. */
describe("consent forms", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function clientWithConsentForm(firstName: string, slotIndex: number) {
    const service = await depositService();
    const client = await ApiUser.register({ firstName, lastName: "Signer", dateOfBirth: dateOfBirthYearsAgo(34) });
    await client.ensureMedicalHistory();
    const slots = (await slotsOf(service.slug, 28)).filter((s) => Date.parse(s.start) > Date.now() + 3 * 86_400_000);
    const { appointmentId } = await client.bookAndPay(service.slug, slots[slotIndex]!.start);
    const documentId = `consent-${appointmentId}`;
    // The form is generated when documents hears appointment.confirmed.
    await until(async () => (await client.call("GET", `/api/documents/documents/${documentId}`)).status === 200);
    return { client, documentId, service };
  }

  it("a client draws a signature, agrees, signs, and can download the signed PDF", async () => {
    const { client, documentId, service } = await clientWithConsentForm("Draw", 2);
    const context = await browser.newContext({ viewport: PHONE });
    await client.signInBrowser(context);
    const page = await context.newPage();
    await page.goto(`${site().url}/account/documents`);
    await page.getByRole("link", { name: new RegExp(service.name) }).click();
    await page.waitForURL(`**/account/documents/${documentId}`);
    await page.getByRole("heading", { name: "Sign this form" }).waitFor();
    await expectAccessible(page);

    // Nothing drawn yet: the page says what is missing and keeps the typed name.
    await page.getByLabel("Your full name").fill("Draw Signer");
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "Sign consent form" }).click();
    await page.getByRole("alert").filter({ hasText: "Draw your signature" }).waitFor();
    expect(await page.getByLabel("Your full name").inputValue()).toBe("Draw Signer");

    // The page was reloaded by the refused submit: draw once the island has hydrated again.
    await page.locator("astro-island:not([ssr])").waitFor({ state: "attached" });
    const pad = page.getByRole("img", { name: /Signature box/ });
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + 10 + (step * (box.width - 20)) / 10, box.y + box.height / 2 + (step % 2 ? -10 : 10));
    await page.mouse.up();
    await page.getByRole("status").filter({ hasText: "Signature drawn" }).waitFor();
    await page.getByRole("checkbox").check();
    await shot(page, "consent-sign");
    await page.getByRole("button", { name: "Sign consent form" }).click();
    await page.getByRole("status").filter({ hasText: "your consent form is signed" }).waitFor();
    await expectAccessible(page);
    await shot(page, "consent-signed");
    const href = await page.getByRole("link", { name: "Download the signed PDF" }).getAttribute("href");
    const pdf = await fetch(href!);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    const verify = await client.call<{ status: string }>("GET", `/api/documents/documents/${documentId}/verify`);
    expect(verify.body.status).toBe("intact");
    await context.close();
  }, 180_000);

  it("a keyboard user signs with their typed name, without drawing", async () => {
    const { client, documentId } = await clientWithConsentForm("Keys", 4);
    const context = await browser.newContext({ viewport: PHONE });
    await client.signInBrowser(context);
    const page = await context.newPage();
    await page.goto(`${site().url}/account/documents/${documentId}`);
    await page.getByLabel("Your full name").fill("Keys Signer");
    await page.getByRole("button", { name: "Use my typed name" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Keys Signer" }).waitFor();
    await page.getByRole("checkbox").focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Sign consent form" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "your consent form is signed" }).waitFor();
    expect(await page.getByText("Signed by Keys Signer").count()).toBe(1);
    await context.close();
  }, 180_000);
});
