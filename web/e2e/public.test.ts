import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, DESKTOP, PHONE, dateOfBirthYearsAgo, depositService, expectAccessible, mailTo, shot, site, until } from "./support";

/** The public site, server-rendered, at phone and desktop widths, with axe on every page. */
describe("public site", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("renders every public page without serious accessibility problems, phone and desktop", async () => {
    const service = await depositService();
    const pages = ["/", "/treatments", `/treatments/${service.slug}`, `/book/${service.slug}`, "/courses", "/courses/foundation-anti-wrinkle", "/verify", "/verify?certificate=MA-2026-000123", "/signin", "/register", "/forgot-password", "/privacy", "/terms", "/no-such-page"];
    for (const viewport of [PHONE, DESKTOP]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      for (const path of pages) {
        const res = await page.goto(`${site().url}${path}`);
        // An unknown page, and a certificate code nobody holds (the verify page says so), are 404s.
        expect(res?.status(), path).toBe(path === "/no-such-page" || path.startsWith("/verify?") ? 404 : 200);
        expect(await page.getByRole("heading", { level: 1 }).count(), path).toBe(1);
        // Nothing wider than the screen (mobile first from 360 px).
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${path} overflows`).toBe(true);
        await expectAccessible(page);
        if (["/", "/treatments", `/treatments/${service.slug}`, `/book/${service.slug}`, "/courses"].includes(path)) {
          await shot(page, `public${path === "/" ? "-home" : path.replaceAll("/", "-")}`);
        }
      }
      await context.close();
    }
  }, 300_000);

  it("home lists real treatments and opening hours from the booking service", async () => {
    const page = await (await browser.newContext({ viewport: PHONE })).newPage();
    await page.goto(site().url);
    expect(await page.getByRole("region", { name: "Where most clients start" }).getByRole("listitem").count()).toBeGreaterThan(0);
    expect(await page.getByRole("table", { name: "Opening hours" }).getByText(/\d\d:\d\d–\d\d:\d\d/).count()).toBeGreaterThan(0);
    await page.context().close();
  }, 60_000);

  it("the week view moves between weeks in place, and days are keyboard reachable links", async () => {
    const service = await depositService();
    const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await page.goto(`${site().url}/treatments/${service.slug}`);
    await page.waitForFunction(() => !document.querySelector("astro-island[ssr]"));
    const label = page.locator(".week-label");
    const first = await label.textContent();
    await page.getByRole("link", { name: "Next week" }).click();
    await until(async () => (await label.textContent()) !== first);
    expect(new URL(page.url()).pathname).toBe(`/treatments/${service.slug}`);
    expect(await page.getByRole("status").filter({ hasText: /times? available|no times/ }).count()).toBe(1);
    await page.getByRole("link", { name: "Previous week" }).focus();
    await page.keyboard.press("Enter");
    await until(async () => (await label.textContent()) === first);
    await page.context().close();
  }, 90_000);

  it("resets a forgotten password from the emailed link", async () => {
    const user = await ApiUser.register({ firstName: "Forgetful", dateOfBirth: dateOfBirthYearsAgo(33) });
    const page = await (await browser.newContext({ viewport: PHONE })).newPage();
    await page.goto(`${site().url}/forgot-password`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await page.getByRole("status").waitFor();
    let link = "";
    await until(async () => {
      const mail = (await mailTo(user.email)).find((m) => /reset-password\?token=/.test(`${m.body.text ?? ""}${m.body.html ?? ""}`));
      link = /https?:\/\/[^\s"'<>]+\/reset-password\?token=[^\s"'<>&]+/.exec(`${mail?.body.text ?? ""}${mail?.body.html ?? ""}`)?.[0] ?? "";
      return !!link;
    }, 30_000);
    await page.goto(new URL(new URL(link).pathname + new URL(link).search, site().url).href);
    await expectAccessible(page);
    await page.getByLabel("New password").fill("short");
    await page.getByRole("button", { name: "Save new password" }).click();
    await page.locator("#f-password[aria-invalid=true]").waitFor();
    await page.getByLabel("New password").fill("a brand new long password");
    await page.getByRole("button", { name: "Save new password" }).click();
    await page.waitForURL("**/signin?notice=password-reset");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("a brand new long password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/account");
    // Sign out is a POST from the header.
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await page.waitForURL("**/signin?notice=signed-out");
    expect(await page.getByRole("link", { name: "Sign in" }).count()).toBe(1);
    await page.context().close();
  }, 120_000);
});
