import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { app as accounts } from "../../packages/services/accounts/src/app";
import { app as booking } from "../../packages/services/booking/src/app";
import { app as documents } from "../../packages/services/documents/src/app";
import { app as learning } from "../../packages/services/learning/src/app";
import { app as messaging } from "../../packages/services/messaging/src/app";
import { app as payments } from "../../packages/services/payments/src/app";
import { ApiUser, site } from "./support";

/**
 * Generated from the route lists, so a new back-office page or admin API route cannot
 * forget the owner check: every page file under web/src/pages/admin and every
 * `/api/<service>/admin/...` route the services declare is asked for by nobody, a client
 * and a student, through the gateway of the running platform. Pages must send anonymous
 * visitors to sign in and answer 403 to the others; API routes must answer 401/403.
 */
const PAGES_DIR = join(import.meta.dirname, "../src/pages/admin");

function pageFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? pageFiles(path) : name.endsWith(".astro") || name.endsWith(".ts") ? [path] : [];
  });
}

/** `admin/clients/[id].astro` → `/admin/clients/test-id`; `index.astro` → its folder. */
function pageUrl(file: string): string {
  const route = relative(join(PAGES_DIR, ".."), file)
    .replace(/\.(astro|ts)$/, "")
    .replace(/(^|\/)index$/, "")
    .replace(/\[\.\.\.[^\]]+\]/g, "any/path")
    .replace(/\[[^\]]+\]/g, "test-id");
  return `/${route}`;
}

const SERVICES = { accounts, booking, documents, learning, messaging, payments };
const apiRoutes = Object.entries(SERVICES).flatMap(([service, app]) =>
  app.routes
    .filter((r) => r.path.includes("/admin") && r.method !== "ALL")
    .map((r) => ({ method: r.method, path: r.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, "test-id"), service })),
);
const uniqueApi = [...new Map(apiRoutes.map((r) => [`${r.method} ${r.path}`, r])).values()];
const pages = pageFiles(PAGES_DIR).map(pageUrl);

describe("the back office is the owner's only (generated from the route lists)", () => {
  let client: ApiUser;
  let student: ApiUser;
  beforeAll(async () => {
    client = await ApiUser.register({ firstName: "Nosy" });
    const login = site().logins.find((l) => l.role === "student")!;
    student = await ApiUser.login(login.email, login.password);
  });

  it("finds the pages and routes it is checking", () => {
    expect(pages).toContain("/admin");
    expect(pages).toContain("/admin/diary");
    expect(uniqueApi.length).toBeGreaterThan(20);
    expect(uniqueApi.map((r) => r.path)).toContain("/api/booking/admin/dashboard");
  });

  const fetchAs = (who: ApiUser | undefined, method: string, path: string) =>
    fetch(`${site().url}${path}`, {
      method,
      redirect: "manual",
      headers: { ...(who ? { cookie: who.cookie } : {}), ...(method === "GET" || method === "HEAD" ? {} : { "content-type": "application/json" }) },
      ...(method === "GET" || method === "HEAD" ? {} : { body: "{}" }),
    });

  it.each(pages)("page %s: anonymous → sign in, client and student → 403", async (path) => {
    const anonymous = await fetchAs(undefined, "GET", path);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe(`/signin?next=${encodeURIComponent(path)}`);
    for (const who of [client, student]) {
      const res = await fetchAs(who, "GET", path);
      expect(res.status, `${path} as ${who.email}`).toBe(403);
      expect(await res.text()).toContain("not available to your account");
    }
  });

  it.each(uniqueApi.map((r) => [r.method, r.path] as const))("API %s %s: 401/403 for anonymous, client and student", async (method, path) => {
    for (const who of [undefined, client, student]) {
      const res = await fetchAs(who, method, path);
      expect([401, 403], `${method} ${path} as ${who?.email ?? "anonymous"} → ${res.status}`).toContain(res.status);
    }
  });
});
