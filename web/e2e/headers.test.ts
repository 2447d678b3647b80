import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { SECURITY_HEADERS } from "../../packages/core/src/http/security-headers";
import { launchBrowser } from "./browser";
import { ApiUser, DESKTOP, depositService, site, slotsOf } from "./support";

/**
 * Issue 20: security headers on every page and API response (the gateway sends what
 * CloudFront's response-headers policy sends; pages add a CSP with a fresh script nonce),
 * the session cookie's attributes, and pages that run under that CSP without a violation.
 */
const get = (path: string, cookie?: string) => fetch(`${site().url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });

function expectEdgeHeaders(res: Response, what: string) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), `${what}: ${name}`).toBe(value);
  expect(res.headers.get("strict-transport-security"), what).toMatch(/max-age=\d{8,}; includeSubDomains; preload/);
}

/** The directives of a CSP header. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get("content-security-policy");
  expect(header).toBeTruthy();
  return new Map(header!.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

function expectStrictPageCsp(res: Response, html: string, what: string) {
  const policy = csp(res);
  expect(policy.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(policy.get("object-src"), what).toEqual(["'none'"]);
  const scripts = policy.get("script-src")!;
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(scripts, what).not.toContain("'unsafe-eval'");
  const nonce = scripts.find((source) => source.startsWith("'nonce-"))!.slice(7, -1);
  expect(nonce.length, what).toBeGreaterThanOrEqual(22);
  // Every script in the page carries this response's nonce (Astro's island loader is inline).
  const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]);
  for (const tag of tags) expect(tag, what).toContain(`nonce="${nonce}"`);
  return { policy, nonce };
}

describe("security headers", () => {
  let owner: ApiUser;
  let client: ApiUser;
  beforeAll(async () => {
    owner = await ApiUser.owner();
    client = await ApiUser.register({ firstName: "Headers", dateOfBirth: "1990-04-02" });
  });

  it("home: edge headers and a strict CSP with a fresh nonce per response", async () => {
    const [first, second] = [await get("/"), await get("/")];
    expectEdgeHeaders(first, "home");
    const a = expectStrictPageCsp(first, await first.text(), "home");
    const b = expectStrictPageCsp(second, await second.text(), "home");
    expect(a.nonce).not.toBe(b.nonce);
    // No Stripe anywhere but the payment pages.
    const stripe = new URL(site().stripe.url).origin;
    expect(first.headers.get("content-security-policy")).not.toContain(stripe);
    expect(a.policy.get("frame-src")).toEqual(["'none'"]);
  });

  it("the booking page and the payment page: Stripe's origin on the payment page only", async () => {
    const service = await depositService();
    const booking = await get(`/treatments/${service.slug}`);
    expect(booking.status).toBe(200);
    expectEdgeHeaders(booking, "booking");
    const page = expectStrictPageCsp(booking, await booking.text(), "booking");
    expect(page.policy.get("frame-src")).toEqual(["'none'"]);

    await client.ensureMedicalHistory();
    const [slot] = await slotsOf(service.slug);
    const booked = await client.call<{ appointment: { appointmentId: string } }>("POST", "/api/booking/appointments", { service: service.slug, start: slot!.start }, { "idempotency-key": crypto.randomUUID() });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const pay = await get(`/book/pay?appointment=${booked.body.appointment.appointmentId}`, client.cookie);
    expect(pay.status).toBe(200);
    const payCsp = expectStrictPageCsp(pay, await pay.text(), "pay");
    const stripe = new URL(site().stripe.url).origin;
    expect(payCsp.policy.get("script-src")).toContain(stripe);
    expect(payCsp.policy.get("frame-src")).toContain(stripe);
    expect(payCsp.policy.get("connect-src")).toContain(stripe);
  });

  it("an admin page (the owner's) carries the same headers and is never cached", async () => {
    const res = await get("/admin", owner.cookie);
    expect(res.status).toBe(200);
    expectEdgeHeaders(res, "admin");
    expectStrictPageCsp(res, await res.text(), "admin");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("API responses, success and error, carry the edge headers and the no-content CSP", async () => {
    for (const [path, status] of [["/api/booking/services", 200], ["/api/booking/appointments/01NOPE", 401], ["/api/booking/nothing-here", 404], ["/api/nowhere", 404]] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      expectEdgeHeaders(res, path);
      const policy = csp(res);
      expect(policy.get("default-src"), path).toEqual(["'none'"]);
      expect(policy.get("frame-ancestors"), path).toEqual(["'none'"]);
    }
  });

  it("an error page (404) carries them too", async () => {
    const res = await get("/no-such-page-anywhere");
    expect(res.status).toBe(404);
    expectEdgeHeaders(res, "404 page");
    expectStrictPageCsp(res, await res.text(), "404 page");
  });

  it("the session cookie is __Host-, Secure, HttpOnly and SameSite=Lax", async () => {
    const login = site().logins.find((l) => l.role === "owner")!;
    const res = await fetch(`${site().url}/api/accounts/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: login.email, password: login.password }) });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-mas_session="))!;
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Domain=/i);
  });
});

describe("pages under the CSP in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  /** Opens a page as `user`, recording every CSP violation the browser reports. */
  async function visit(path: string, user?: ApiUser): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const context = await browser.newContext({ viewport: DESKTOP });
    if (user?.cookie) await user.signInBrowser(context);
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) messages.push(m.text());
    });
    await page.goto(`${site().url}${path}`);
    await page.waitForLoadState("networkidle");
    return { page, violations: async () => [...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)), ...messages] };
  }

  it("home, a treatment page and the admin dashboard load and hydrate with no violation", async () => {
    const service = await depositService();
    const owner = await ApiUser.owner();
    for (const [path, user] of [["/", undefined], [`/treatments/${service.slug}`, undefined], ["/admin", owner]] as const) {
      const { page, violations } = await visit(path, user);
      expect(await violations(), path).toEqual([]);
      await page.context().close();
    }
  });

  it("the payment page mounts Stripe's card fields with no violation", async () => {
    const client = await ApiUser.register({ firstName: "Csp", dateOfBirth: "1990-04-02" });
    await client.ensureMedicalHistory();
    const service = await depositService();
    const slots = await slotsOf(service.slug);
    const booked = await client.call<{ appointment: { appointmentId: string } }>("POST", "/api/booking/appointments", { service: service.slug, start: slots[slots.length - 1]!.start }, { "idempotency-key": crypto.randomUUID() });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const { page, violations } = await visit(`/book/pay?appointment=${booked.body.appointment.appointmentId}`, client);
    await page.getByLabel("Card number").waitFor();
    expect(await violations()).toEqual([]);
    await page.context().close();
  });
});
