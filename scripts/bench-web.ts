/**
 * Web performance rows for `npm run bench`: the JavaScript the booking pages load (gzip,
 * target ≤ 30 KB) and Lighthouse performance and accessibility scores for the home and
 * booking pages. Builds the site (when stale) and starts its own in-memory platform (with demo data),
 * measures in Debian's Chromium, and stops everything it started.
 *
 * Lighthouse runs as its CLI (the `lighthouse` devDependency of web/) with the default
 * mobile profile (simulated slow 4G and a 4× slower CPU), best of two runs after a warm-up,
 * against the same Chromium:
 * CHROME_PATH=/usr/bin/chromium, --headless=new --no-sandbox --disable-gpu.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import type { BenchRow } from "./bench";
import { CHROMIUM, launchBrowser } from "../web/e2e/browser";
import { startSite } from "../web/e2e/dev-server";
import { WEB_OUT } from "../packages/local/src/web";

const run = promisify(execFile);
const WEB = resolve(import.meta.dirname, "../web");
const LIGHTHOUSE = join(WEB, "node_modules/.bin/lighthouse");
const JS_BUDGET_KB = 30;
// Issue 14 asks home and booking to stay ≥ 95 performance and 100 accessibility with the web font and pictures in.
const PERFORMANCE_TARGET = 95;
const ACCESSIBILITY_TARGET = 100;
const ACADEMY_PERFORMANCE_TARGET = 95;
const PLAYER_JS_BUDGET_KB = 40;

/** A demo course page, and the player as the demo student sees it (signed in through the API, at their resume lesson). */
export async function academyPages(site: string): Promise<{ course: string; player: string; cookie: string }> {
  const { courses } = (await (await fetch(`${site}/api/learning/courses`)).json()) as { courses: { slug: string }[] };
  const login = await fetch(`${site}/api/accounts/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "bethan.pryce@example.test", password: "Student-demo-2026" }) });
  const cookie = login.headers.getSetCookie().find((c) => /^(__Host-)?mas_session=/.test(c))!.split(";")[0]!;
  const { enrollments } = (await (await fetch(`${site}/api/learning/me/enrollments`, { headers: { cookie } })).json()) as { enrollments: { enrollmentId: string }[] };
  const enrollmentId = enrollments[0]!.enrollmentId;
  const { progress } = (await (await fetch(`${site}/api/learning/enrollments/${enrollmentId}`, { headers: { cookie } })).json()) as { progress: { resumeLessonId: string } };
  return { course: `${site}/courses/${courses[0]!.slug}`, player: `${site}/learn/${enrollmentId}/lessons/${progress.resumeLessonId}`, cookie };
}

/** Every script the page loads (including the island's hydration chunks), gzip-compressed. */
export async function scriptBytes(url: string, cookie?: string): Promise<{ gzip: number; files: number }> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, ...(cookie ? { extraHTTPHeaders: { cookie } } : {}) });
    const bodies: Promise<Buffer>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") bodies.push(response.body());
    });
    await page.goto(url, { waitUntil: "networkidle" });
    // client:idle islands hydrate after the page goes idle: wait for them, then for their chunks.
    await page.waitForFunction(() => !document.querySelector("astro-island[ssr]"), undefined, { timeout: 15_000 }).catch(() => undefined);
    await page.waitForLoadState("networkidle");
    const all = await Promise.all(bodies);
    return { gzip: all.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0), files: all.length };
  } finally {
    await browser.close();
  }
}

export async function lighthouse(url: string, cookie?: string): Promise<{ performance: number; accessibility: number }> {
  const dir = mkdtempSync(join(tmpdir(), "mas-lh-"));
  try {
    const { stdout } = await run(
      LIGHTHOUSE,
      [
        url,
        "--only-categories=performance,accessibility",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        `--user-data-dir=${dir}`,
        ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM, TMPDIR: dir }, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
    );
    const report = JSON.parse(stdout) as { categories: Record<string, { score: number | null }> };
    const score = (name: string) => Math.round((report.categories[name]?.score ?? 0) * 100);
    return { performance: score("performance"), accessibility: score("accessibility") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Two good Lighthouse runs of a page, retrying a run that Lighthouse itself could not trace
 * (NO_NAVSTART and friends happen now and then on a busy machine: "please run Lighthouse
 * again"); gives up after six tries, so a page that really fails still fails the row.
 */
async function lighthouseRuns(url: string, cookie?: string): Promise<{ performance: number; accessibility: number }[]> {
  const runs: { performance: number; accessibility: number }[] = [];
  let lastError: unknown;
  for (let attempt = 0; attempt < 6 && runs.length < 2; attempt++) {
    try {
      runs.push(await lighthouse(url, cookie));
    } catch (error) {
      lastError = error;
      console.error(`lighthouse ${url}: attempt ${attempt + 1} failed (${String((error as { stderr?: string }).stderr ?? error).split("\n")[0]}), trying again`);
    }
  }
  if (runs.length === 0) throw lastError;
  return runs;
}

/**
 * Whether the built site (web/dist, or WEB_OUT_DIR) is older than the sources. Rebuilding rewrites web/dist under anything
 * else serving it (npm start, a browser test run), so the bench only builds when it must.
 */
export function siteIsStale(): boolean {
  const entry = join(WEB_OUT, "server/entry.mjs");
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => Math.max(max, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  return Math.max(newest(join(WEB, "src")), statSync(join(WEB, "astro.config.mjs")).mtimeMs) > built;
}

export async function benchRows(): Promise<BenchRow[]> {
  const { platform } = await startSite({ tableName: "mas-bench-web", build: siteIsStale() });
  try {
    const services = ((await (await fetch(`${platform.url}/api/booking/services`)).json()) as { services: { slug: string; deposit: { kind: string } }[] }).services;
    const slug = (services.find((s) => s.deposit.kind !== "none") ?? services[0])?.slug;
    if (!slug) throw new Error("no treatments to book");
    const pages = { home: `${platform.url}/`, booking: `${platform.url}/book/${slug}`, treatment: `${platform.url}/treatments/${slug}` };
    const academy = await academyPages(platform.url);
    const rows: BenchRow[] = [];

    for (const [name, url] of [["booking page (/book/…)", pages.booking], ["treatment page with week view", pages.treatment]] as const) {
      const { gzip, files } = await scriptBytes(url);
      rows.push({ name: `web: ${name} JS (gzip)`, value: `${(gzip / 1024).toFixed(1)} KB in ${files} files`, target: `≤ ${JS_BUDGET_KB} KB`, ok: gzip <= JS_BUDGET_KB * 1024 });
    }
    {
      const { gzip, files } = await scriptBytes(academy.player, academy.cookie);
      rows.push({ name: "web: course player JS (gzip)", value: `${(gzip / 1024).toFixed(1)} KB in ${files} files`, target: `≤ ${PLAYER_JS_BUDGET_KB} KB`, ok: gzip <= PLAYER_JS_BUDGET_KB * 1024 });
    }

    if (!existsSync(LIGHTHOUSE)) {
      rows.push({ name: "web: Lighthouse", value: "lighthouse not installed", target: "-", ok: false });
      return rows;
    }
    for (const [name, url] of [["home", pages.home], ["booking", pages.booking]] as const) {
      // Warm the server (first renders compile and JIT), then take the better of two runs:
      // this machine's two cores are shared, and one noisy run should not decide the row.
      for (let i = 0; i < 3; i++) await fetch(url).then((r) => r.text());
      const runs = await lighthouseRuns(url);
      const scores = { performance: Math.max(...runs.map((r) => r.performance)), accessibility: Math.max(...runs.map((r) => r.accessibility)) };
      rows.push({ name: `web: Lighthouse ${name} performance`, value: `${scores.performance} (best of 2)`, target: `≥ ${PERFORMANCE_TARGET}`, ok: scores.performance >= PERFORMANCE_TARGET });
      rows.push({ name: `web: Lighthouse ${name} accessibility`, value: String(scores.accessibility), target: String(ACCESSIBILITY_TARGET), ok: scores.accessibility >= ACCESSIBILITY_TARGET });
    }
    // The academy's issue (18) asks more of its pages: ≥ 95 performance, 100 accessibility.
    for (const [name, url, cookie] of [["course page", academy.course, undefined], ["course player", academy.player, academy.cookie]] as const) {
      for (let i = 0; i < 3; i++) await fetch(url, { headers: cookie ? { cookie } : {} }).then((r) => r.text());
      const runs = await lighthouseRuns(url, cookie);
      const scores = { performance: Math.max(...runs.map((r) => r.performance)), accessibility: Math.max(...runs.map((r) => r.accessibility)) };
      rows.push({ name: `web: Lighthouse ${name} performance`, value: `${scores.performance} (best of 2)`, target: `≥ ${ACADEMY_PERFORMANCE_TARGET}`, ok: scores.performance >= ACADEMY_PERFORMANCE_TARGET });
      rows.push({ name: `web: Lighthouse ${name} accessibility`, value: String(scores.accessibility), target: "100", ok: scores.accessibility === 100 });
    }
    return rows;
  } finally {
    await platform.stop();
  }
}
