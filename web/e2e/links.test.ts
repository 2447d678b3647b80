import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { ApiUser, DESKTOP, PHONE, dateOfBirthYearsAgo, depositService, expectAccessible, mailTo, shot, site, slotsOf, until } from "./support";

/**
 * The pages mail links promise, reached the way a client reaches them: leaving a review of
 * a completed treatment (then published by the owner onto the home page), and claiming a
 * waitlist offer by following the link in the offer email.
 */
describe("pages that mail links to", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  async function signedIn(user: ApiUser, viewport = PHONE): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await user.signInBrowser(context);
    return context.newPage();
  }

  const login = (role: string) => {
    const found = site().logins.find((l) => l.role === role);
    if (!found) throw new Error(`No demo login with role ${role}`);
    return ApiUser.login(found.email, found.password);
  };

  it("lets a client review a completed treatment, and the owner publish it to the home page", async () => {
    // Isla (client+student) has a completed treatment the demo seed left unreviewed.
    const isla = await login("client+student");
    const mine = await isla.call<{ past: { appointmentId: string; status: string; service: { name: string } }[] }>("GET", "/api/booking/appointments/mine");
    const done = mine.body.past.find((a) => a.status === "completed");
    expect(done, JSON.stringify(mine.body)).toBeDefined();
    const { appointmentId } = done!;

    const page = await signedIn(isla);
    await page.goto(`${site().url}/account/appointments/${appointmentId}`);
    await page.getByRole("link", { name: "Review this appointment" }).click();
    await page.waitForURL(`**/account/appointments/${appointmentId}/review`);
    await page.getByRole("heading", { name: `How was your ${done!.service.name}?` }).waitFor();
    await expectAccessible(page);
    await shot(page, "review-form");
    await page.setViewportSize(DESKTOP);
    await shot(page, "review-form");
    await page.setViewportSize(PHONE);

    // Sent without a rating: the problem is listed, linked to the rating, and nothing is saved.
    await page.getByLabel("Your comments").fill("Lovely, calm appointment.");
    await page.getByRole("button", { name: "Send review" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Choose a rating from 1 to 5 stars");
    expect(await page.getByLabel("Your comments").inputValue()).toBe("Lovely, calm appointment.");
    await expectAccessible(page);
    await shot(page, "review-form-error");
    expect((await isla.call("GET", `/api/booking/appointments/${appointmentId}/review`)).status).toBe(404);

    await page.getByLabel("5 stars — Excellent").check();
    await page.getByLabel("Your comments").fill("Isla here: a calm, unhurried appointment and a plan I understood.");
    await page.getByRole("button", { name: "Send review" }).click();
    await page.getByRole("heading", { name: "Thank you for your review" }).waitFor();
    await expectAccessible(page);
    await shot(page, "review-thanks");
    await page.setViewportSize(DESKTOP);
    await shot(page, "review-thanks");
    await page.context().close();

    // Not on the home page until the owner publishes it.
    const owner = await login("owner");
    const all = await owner.call<{ reviews: { reviewId: string; published: boolean }[] }>("GET", "/api/booking/admin/reviews");
    expect(all.body.reviews.find((r) => r.reviewId === appointmentId)).toMatchObject({ published: false });
    expect((await owner.call("POST", `/api/booking/admin/reviews/${appointmentId}/publish`, {})).status).toBe(200);

    for (const viewport of [PHONE, DESKTOP]) {
      const home = await (await browser.newContext({ viewport })).newPage();
      await home.goto(`${site().url}/`);
      const published = home.getByTestId("published-reviews");
      await published.waitFor();
      const text = await published.textContent();
      expect(text).toContain("a calm, unhurried appointment and a plan I understood.");
      expect(text).toContain("Isla M.");
      expect(text).not.toContain("Morgan");
      await expectAccessible(home);
      await shot(home, "home-reviews");
      await home.context().close();
    }
  }, 180_000);

  it("takes a client from the waitlist offer email to a booked appointment in one click", async () => {
    const service = await depositService();
    const [holder, waiter] = await Promise.all([
      ApiUser.register({ firstName: "Holly", dateOfBirth: dateOfBirthYearsAgo(35) }),
      ApiUser.register({ firstName: "Wren", dateOfBirth: dateOfBirthYearsAgo(33) }),
    ]);
    await Promise.all([holder.ensureMedicalHistory(), waiter.ensureMedicalHistory()]);
    // Past the two weeks a default waitlist request covers (the portal test joins one), so this client is first in line.
    const slot = (await slotsOf(service.slug, 35)).find((s) => Date.parse(s.start) > Date.now() + 16 * 86_400_000)!;
    const { appointmentId } = await holder.bookAndPay(service.slug, slot.start);
    const day = slot.start.slice(0, 10); // the slot's own (London) date
    const joined = await waiter.call<{ entry: { waitlistId: string } }>("POST", "/api/booking/waitlist", { service: service.slug, from: day, to: day });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    const { waitlistId } = joined.body.entry;

    expect((await holder.call("POST", `/api/booking/appointments/${appointmentId}/cancel`, {})).status).toBe(200);
    let claim = "";
    await until(async () => {
      const offer = (await mailTo(waiter.email)).find((m) => m.subject.startsWith("A slot opened up"));
      claim = /href="([^"]*\/account\/waitlist\/[^"]+)"/.exec(offer?.body.html ?? "")?.[1] ?? "";
      return claim !== "";
    });
    expect(claim).toBe(`${site().url}/account/waitlist/${waitlistId}`);

    const page = await signedIn(waiter);
    const landed = await page.goto(claim);
    expect(landed?.status(), `${page.url()}\n${await page.locator("body").innerText()}`).toBe(200);
    const open = page.locator('[data-state="open"]');
    expect(await open.count(), await page.locator("main").innerText()).toBe(1);
    expect(await open.textContent()).toContain("Offer open until");
    await expectAccessible(page);
    await shot(page, "waitlist-offer");
    await page.setViewportSize(DESKTOP);
    await shot(page, "waitlist-offer");
    await page.setViewportSize(PHONE);

    await page.getByRole("button", { name: "Book this time" }).click();
    await page.waitForURL(/\/book\/(pay|confirmation)\?appointment=/);
    const booked = new URL(page.url()).searchParams.get("appointment")!;
    const entry = await waiter.call<{ entry: { status: string; appointmentId: string } }>("GET", `/api/booking/waitlist/${waitlistId}`);
    expect(entry.body.entry).toMatchObject({ status: "booked", appointmentId: booked });
    const appointment = await waiter.call<{ appointment: { start: string } }>("GET", `/api/booking/appointments/${booked}`);
    expect(Date.parse(appointment.body.appointment.start)).toBe(Date.parse(slot.start));

    // The same link afterwards says what happened instead of offering it again.
    await page.goto(claim);
    await page.getByRole("heading", { name: "You booked this time" }).waitFor();
    await expectAccessible(page);
    await shot(page, "waitlist-offer-booked");

    // Someone else's offer is not found.
    const stranger = await signedIn(holder);
    const res = await stranger.goto(claim);
    expect(res?.status()).toBe(404);
    await stranger.context().close();
    await page.context().close();
  }, 180_000);
});
