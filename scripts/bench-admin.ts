/**
 * Back-office rows for `npm run bench`: the server time of the owner's dashboard and diary
 * (week view) with the demo data plus a fuller diary — 60 more clients added by the clinic
 * and booked through the owner's diary routes over the next four weeks, so the dashboard's
 * and the diary's ranged queries carry them. Time is the page's full server answer (SSR plus
 * its API calls), median of 15 after a warm-up of 3, measured from a client on the same
 * machine. Target < 300 ms. Builds the site only when it is stale (as the web bench does).
 */
import type { BenchRow } from "./bench";
import { startSite } from "../web/e2e/dev-server";
import { siteIsStale } from "./bench-web";

const TARGET_MS = 300;
const EXTRA_BOOKINGS = 60;

async function json(url: string, init: RequestInit & { cookie?: string } = {}) {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...(init.cookie ? { cookie: init.cookie } : {}) } });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as any };
}

export async function benchRows(): Promise<BenchRow[]> {
  const { platform, logins } = await startSite({ tableName: "mas-bench-admin", build: process.env.SKIP_BUILD !== "1" && siteIsStale() });
  try {
    const owner = logins.find((l) => l.role === "owner")!;
    const login = await fetch(`${platform.url}/api/accounts/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: owner.email, password: owner.password }) });
    const cookie = login.headers.getSetCookie().find((c) => /mas_session=/.test(c))!.split(";")[0]!;
    const services = (await json(`${platform.url}/api/booking/services`)).body.services as { slug: string; requiresPatchTest: boolean; requiresConsultation: boolean; minAge: number }[];
    const plain = services.filter((s) => !s.requiresPatchTest && !s.requiresConsultation);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    const to = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + 28 * 86_400_000));
    let booked = 0;
    for (let i = 0; booked < EXTRA_BOOKINGS && i < EXTRA_BOOKINGS * 3; i++) {
      const service = plain[i % plain.length]!;
      const client = await json(`${platform.url}/api/accounts/admin/clients`, { method: "POST", cookie, body: JSON.stringify({ email: `bench.${i}.${Date.now()}@example.test`, firstName: "Bench", lastName: `Client ${i}`, dateOfBirth: "1988-05-05" }) });
      if (client.status !== 201) continue;
      const slots = (await json(`${platform.url}/api/booking/admin/availability?service=${service.slug}&from=${today}&to=${to}`, { cookie })).body.slots as { start: string }[];
      const slot = slots?.[Math.floor(slots.length / 2)];
      if (!slot) continue;
      const res = await json(`${platform.url}/api/booking/admin/appointments`, { method: "POST", cookie, body: JSON.stringify({ clientId: client.body.user.userId, service: service.slug, start: slot.start, deposit: "waive", waiveReason: "bench data" }) });
      if (res.status === 201) booked++;
    }
    const rows: BenchRow[] = [];
    for (const path of ["/admin", "/admin/diary?view=week"]) {
      const times: number[] = [];
      for (let i = 0; i < 18; i++) {
        const started = performance.now();
        const res = await fetch(`${platform.url}${path}`, { headers: { cookie } });
        await res.text();
        if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
        if (i >= 3) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      rows.push({ name: `web: ${path} +${booked} bookings`, value: `${median.toFixed(0)} ms server (median of ${times.length})`, target: `< ${TARGET_MS} ms`, ok: median < TARGET_MS });
    }
    return rows;
  } finally {
    await platform.stop();
  }
}
