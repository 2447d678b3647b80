import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { siteLinks, type SiteLinks } from "@mas/core/links";
import { app } from "../app";
import { appointmentMergeData } from "./booking-flow";
import { composeEmail, sampleMergeData } from "./compose";
import type { PracticeDetails } from "./layout";
import { DEFAULT_TEMPLATES } from "./templates";

/**
 * Every link a mail carries lands somewhere: each default template is rendered with sample
 * data, every URL in its HTML and text is extracted, and each must match a page of the
 * Astro site (web/src/pages, dynamic `[param]` segments included, the catch-all 404 page
 * excluded) or a route of a service's API. The links come from core's link builder, so
 * the same check covers every builder of `siteLinks` too.
 */
const SITE = "https://clinic.example";
const pagesDir = fileURLToPath(new URL("../../../../../web/src/pages", import.meta.url));

/** Pages that are only ever a 404: the not-found page itself and the catch-all showing it. */
const NOT_FOUND_PAGES = new Set(["404", "[...missing]"]);

function pageRoutes(dir = pagesDir): RegExp[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pageRoutes(path);
    if (!/\.(astro|ts|md)$/.test(entry.name)) return [];
    const segments = relative(pagesDir, path).replace(/\.(astro|ts|md)$/, "").split("/");
    if (NOT_FOUND_PAGES.has(segments.at(-1)!)) return [];
    if (segments.at(-1) === "index") segments.pop();
    const pattern = segments.map((s) => (/^\[\.\.\..+\]$/.test(s) ? ".*" : /^\[.+\]$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/");
    return [new RegExp(`^/${pattern}/?$`)];
  });
}

/** The API routes a link may land on (Hono's own route table, `:param` segments matching one segment). */
const apiRoutes = app.routes
  .filter((r) => r.method === "GET" || r.method === "ALL")
  .filter((r) => !r.path.endsWith("*"))
  .map((r) => new RegExp(`^${r.path.replace(/:[^/]+/g, "[^/]+")}/?$`));

const pages = pageRoutes();

function resolves(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.origin !== SITE) return false;
  const routes = parsed.pathname.startsWith("/api/") ? apiRoutes : pages;
  return routes.some((route) => route.test(decodeURIComponent(parsed.pathname)));
}

/**
 * Links whose pages belong to services not built yet: Learning's student area and
 * certificates (issue 18) and Documents' signing page (issue 16). Each must still fail to
 * resolve — when its page lands this test fails, and the entry goes.
 */
const PENDING: Partial<Record<keyof SiteLinks, string>> = {};

/**
 * Links to another service's API, which this app's route table cannot see: each is checked
 * against its own service's routes in that service's tests.
 */
const ELSEWHERE: Partial<Record<keyof SiteLinks, string>> = { publicMedia: "booking: test/media.test.ts" };

const practice: PracticeDetails = { name: "Master Aesthetics", email: "hello@clinic.example", phone: "020 7946 0000", address: "1 High St, Bath", siteUrl: SITE };
const links = siteLinks(SITE);
/** A pending link is recognised by what its builder puts before the id. */
const pendingPrefixes = Object.keys(PENDING).map((k) => links[k as keyof SiteLinks]("PENDINGID", "PENDINGID").split("PENDINGID")[0]!);
const isPending = (url: string) => pendingPrefixes.some((prefix) => url.startsWith(prefix));
const samples: Record<keyof SiteLinks, string> = Object.fromEntries(
  (Object.keys(links) as (keyof SiteLinks)[]).map((k) => [k, links[k]("01SAMPLE", "01SAMPLE")]),
) as Record<keyof SiteLinks, string>;

function urlsIn(html: string, text: string): string[] {
  const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
  const plain = [...text.matchAll(/https?:\/\/[^\s<>)"]+/g)].map((m) => m[0]);
  return [...new Set([...hrefs, ...plain])].filter((u) => !u.startsWith("mailto:") && !u.startsWith("tel:"));
}

describe("links in mail", () => {
  const rendered = [...DEFAULT_TEMPLATES.values()].map((definition) => {
    const unsubscribe = definition.purpose === "marketing" ? { url: links.unsubscribe("sample"), mailto: "mailto:unsubscribe@clinic.example" } : undefined;
    const mail = composeEmail({ definition, data: sampleMergeData(SITE, new Date("2026-06-01T09:00:00Z")), practice, unsubscribe });
    return [definition.key, urlsIn(mail.html, mail.text)] as const;
  });

  it.each(rendered)("%s links only to pages that exist", (_key, urls) => {
    expect(urls.length).toBeGreaterThan(0);
    const broken = urls.filter((u) => !resolves(u) && !isPending(u));
    expect(broken).toEqual([]);
  });

  it("renders the review and waitlist-offer links to their pages", () => {
    const all = rendered.flatMap(([, urls]) => urls);
    expect(all).toContain(links.review("01SAMPLEAPPOINTMENT"));
    expect(all).toContain(links.waitlistOffer("01SAMPLEWAITLIST"));
  });

  it("the booking workflow's own links resolve", () => {
    const subject = { appointmentId: "01APPT", serviceName: "Lip filler", category: "dermal-filler", start: "2026-06-02T10:00:00Z", end: "2026-06-02T11:00:00Z" };
    for (const slug of ["lip-filler", undefined]) {
      const data = appointmentMergeData({ ...subject, serviceSlug: slug });
      for (const url of Object.values(data.links ?? {})) expect(resolves(String(url).replace(/^[^/]+\/\/[^/]+/, SITE)), String(url)).toBe(true);
    }
  });
});

describe("core's link builder", () => {
  it.each(Object.entries(samples).filter(([k]) => !(k in PENDING) && !(k in ELSEWHERE)))("%s resolves to a page or API route", (_k, url) => {
    expect(resolves(url)).toBe(true);
  });

  it.each(Object.entries(PENDING))("%s has no page yet (%s): remove it from PENDING once it does", (k) => {
    expect(resolves(samples[k as keyof SiteLinks])).toBe(false);
  });

  it("the resolver itself rejects what the site does not serve", () => {
    expect(resolves(`${SITE}/review`)).toBe(false);
    expect(resolves(`${SITE}/book`)).toBe(false);
    expect(resolves(`${SITE}/account/appointments/1/review/extra`)).toBe(false);
    expect(resolves(`https://elsewhere.example/account`)).toBe(false);
    expect(resolves(`${SITE}/api/messaging/nothing-here`)).toBe(false);
  });
});
