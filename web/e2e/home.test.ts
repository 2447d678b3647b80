import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, seriousA11yViolations } from "./browser";

describe("home page", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("renders server-side with every service reported running, and passes axe", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(inject("site").url);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBeTruthy();
    const statuses = page.getByRole("list", { name: "Service status" }).getByRole("listitem");
    await expect(statuses.count()).resolves.toBe(6);
    await expect(page.getByText("unavailable").count()).resolves.toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});
