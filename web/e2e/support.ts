import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, inject } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { LoopbackCaller } from "../../packages/local/src/loopback-caller";
import { seriousA11yViolations } from "./browser";

/** Helpers shared by the browser tests: the API as a second party, clicks, axe, screenshots. */
export const site = () => inject("site");

export interface Service {
  slug: string;
  name: string;
  category: string;
  priceInPence: number;
  durationMinutes: number;
  deposit: { kind: string; amountInPence?: number; percent?: number };
  requiresPatchTest: boolean;
  requiresConsultation: boolean;
  minAge: number;
}

/**
 * A signed-in API caller (a second person, or the test setting the scene), via the gateway,
 * from its own loopback address (LoopbackCaller), so per-address limits apply per person.
 */
export class ApiUser extends LoopbackCaller {
  constructor(readonly email: string) {
    super(() => site().url);
  }

  override call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }> {
    return super.call<T>(method, path, body, headers);
  }

  static async register(input: { firstName?: string; lastName?: string; dateOfBirth?: string; password?: string } = {}): Promise<ApiUser> {
    const email = `${(input.firstName ?? "test").toLowerCase()}.${Date.now()}${Math.floor(Math.random() * 1e6)}@example.test`;
    const user = new ApiUser(email);
    const res = await user.call("POST", "/api/accounts/register", {
      email,
      password: input.password ?? "a calm spring morning",
      firstName: input.firstName ?? "Test",
      lastName: input.lastName ?? "Client",
      ...(input.dateOfBirth ? { dateOfBirth: input.dateOfBirth } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return user;
  }

  static async login(email: string, password: string): Promise<ApiUser> {
    const user = new ApiUser(email);
    const res = await user.call("POST", "/api/accounts/login", { email, password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return user;
  }

  /** The seeded owner, signed in. */
  static owner(): Promise<ApiUser> {
    const login = ownerLogin();
    return ApiUser.login(login.email, login.password);
  }

  /** A medical history with no risk flags (what a returning client already has on file). */
  async ensureMedicalHistory(): Promise<void> {
    const current = await this.call<{ current: unknown }>("GET", "/api/booking/me/medical");
    if (current.body.current) return;
    const answers = { pregnant: false, breastfeeding: false, takesAnticoagulants: false, allergicToLidocaine: false, allergicToHyaluronidase: false, autoimmuneCondition: false, isotretinoin: { status: "never" }, keloidScarring: false };
    const res = await this.call("POST", "/api/booking/me/medical", { answers });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }

  /** Books `start` and, when a deposit is due, pays it as the payment page does; waits for confirmation. */
  async bookAndPay(service: string, start: string): Promise<{ appointmentId: string }> {
    const booked = await this.call<{ appointment: { appointmentId: string; status: string } }>("POST", "/api/booking/appointments", { service, start }, { "idempotency-key": crypto.randomUUID() });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const { appointmentId, status } = booked.body.appointment;
    if (status === "pending_deposit") {
      const intent = await this.call<{ clientSecret: string }>("POST", "/api/payments/intents", { kind: "deposit", subjectId: appointmentId });
      expect(intent.status, JSON.stringify(intent.body)).toBe(200);
      const paid = await payWithCard(intent.body.clientSecret, TEST_CARD);
      expect(paid.status, JSON.stringify(paid.body)).toBe(200);
      await until(async () => (await this.call<{ appointment: { status: string } }>("GET", `/api/booking/appointments/${appointmentId}`)).body.appointment.status === "confirmed");
    }
    return { appointmentId };
  }

  /** Gives a browser context this user's session. */
  async signInBrowser(context: BrowserContext): Promise<void> {
    const [name, value] = this.cookie.split("=") as [string, string];
    // A `__Host-` cookie: Chromium takes it from the DevTools protocol only host-only-style
    // (domain without a dot, path /, Secure); `url:` with http is refused as invalid.
    await context.addCookies([{ name, value, domain: new URL(site().url).hostname, path: "/", secure: true, httpOnly: true, sameSite: "Lax" }]);
  }
}

/** The seeded owner's email and password. */
const ownerLogin = () => site().logins.find((l) => l.role === "owner")!;

/** A page in a new browser context, the owner signed in through the sign-in page as she does (she lands in the back office). */
export async function ownerPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const login = ownerLogin();
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${site().url}/signin`);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/admin"));
  return page;
}

export const TEST_CARD = "4242 4242 4242 4242";
export const DECLINED_CARD = "4000 0000 0000 0002";

/** What Stripe.js's confirmPayment sends (publishable key, client secret, the card), to the local fake Stripe. */
export async function payWithCard(clientSecret: string, number: string): Promise<{ status: number; body: { status?: string; error?: { message: string } } }> {
  const { url, publishableKey } = site().stripe;
  // Stripe.js's confirmPayment always sends the return_url (Stripe requires it with automatic payment methods).
  const body = new URLSearchParams({ client_secret: clientSecret, "payment_method_data[type]": "card", return_url: `${site().url}/book/confirmation` });
  for (const [name, value] of Object.entries({ number, exp_month: "12", exp_year: "34", cvc: "123" })) body.set(`payment_method_data[card][${name}]`, value);
  const res = await fetch(`${url}/v1/payment_intents/${clientSecret.split("_secret_")[0]}/confirm`, {
    method: "POST",
    headers: { authorization: `Bearer ${publishableKey}`, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return { status: res.status, body: (await res.json()) as { status?: string; error?: { message: string } } };
}

export async function services(): Promise<Service[]> {
  const res = await fetch(`${site().url}/api/booking/services`);
  return ((await res.json()) as { services: Service[] }).services;
}

const depositOf = (s: Service) => (s.deposit.kind === "none" ? 0 : 1);

/** A treatment anyone adult can book online with a deposit (no patch test, no consultation). */
export async function depositService(): Promise<Service> {
  const found = (await services()).find((s) => depositOf(s) && !s.requiresPatchTest && !s.requiresConsultation && s.priceInPence > 0);
  if (!found) throw new Error("The seed has no plain deposit treatment");
  return found;
}

export async function slotsOf(service: string, days = 21): Promise<{ start: string; end: string }[]> {
  const from = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const res = await fetch(`${site().url}/api/booking/availability?service=${service}&from=${from}&to=${to}`);
  return ((await res.json()) as { slots: { start: string; end: string }[] }).slots;
}

export async function until(check: () => Promise<boolean>, timeoutMs = 20_000, stepMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("Timed out waiting for a condition");
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** Mail the SES emulator received for `to` (newest last). */
export async function mailTo(to: string): Promise<{ subject: string; body: { text?: string; html?: string } }[]> {
  const res = await fetch(`${site().ses}/store`);
  const { emails } = (await res.json()) as { emails: { subject: string; destination: { to: string[] }; body: { text?: string; html?: string } }[] };
  return emails.filter((e) => e.destination.to.some((address) => address.includes(to)));
}

/**
 * Counts a visitor's clicks: every click in a test goes through `click()`, so the booking
 * test can assert how many it took (navigations by URL are not clicks).
 */
export class ClickCounter {
  count = 0;
  async click(target: Locator): Promise<void> {
    this.count += 1;
    await target.click();
  }
}

/** axe: no serious or critical WCAG 2.x A/AA violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${page.url()}\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

const SHOTS = resolve(import.meta.dirname, "../../screenshots");

/** A full-page screenshot into screenshots/ (gitignored), named `<name>-<width>.png`. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** Answers "no" to every yes/no medical question and "never" to isotretinoin. */
export async function answerMedicalNo(page: Page): Promise<void> {
  for (const question of await page.locator("fieldset.yes-no").all()) {
    const no = question.getByLabel("No", { exact: true });
    if (await no.count()) await no.check();
    else await question.getByLabel("Never").check();
  }
}

/** A date of birth `years` ago (minus a week, so the birthday has passed). */
export function dateOfBirthYearsAgo(years: number): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - 7);
  return d.toISOString().slice(0, 10);
}
