/**
 * Load rows for `npm run bench`: autocannon against the local gateway, with the services
 * running in this process (their Hono apps, as each Lambda wraps them) over DynamoDB Local
 * (Java, on this machine), at 50 connections:
 *
 * - `GET /api/booking/availability` — a treatment's bookable starts for the next 4 weeks;
 * - `GET /api/booking/services` — the treatment list;
 * - `POST /api/booking/appointments` — signed-in clients each booking a different free
 *   start (no two requests want the same time, so every 201 is a real booking: the slot
 *   locks, the appointment, the outbox row, the idempotency record);
 * - `POST /api/learning/enrollments/:id/lessons/:lessonId/complete` — students marking
 *   lessons complete.
 *
 * p50/p99 latency and errors (non-2xx + socket errors) per route. What this measures is the
 * code path and the table design under concurrency on a 2-core machine that also runs
 * DynamoDB Local; Lambda would run each request in its own instance, DynamoDB answers in
 * single-digit ms. Targets follow build-plan §10 (APIs < 500 ms).
 */
import autocannon from "autocannon";
import type { BenchRow } from "./bench";
import { startLocalPlatform } from "../packages/local/src/platform";
import { ORIGIN_SECRET_HEADER, VIEWER_IP_HEADER } from "../packages/core/src/http/origin";

const CONNECTIONS = 50;
const DURATION_S = 10;
const BOOKINGS = 250;
const TARGET_MS = 500;
const ALONE_S = 4;
const ALONE_BOOKINGS = 20;

interface Login { cookie: string }

async function json(url: string, init: RequestInit & { cookie?: string } = {}) {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...(init.cookie ? { cookie: init.cookie } : {}) } });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as any };
}

async function signIn(base: string, email: string, password: string): Promise<Login> {
  const res = await fetch(`${base}/api/accounts/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in ${email} answered ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => /mas_session=/.test(c))!.split(";")[0]!;
  return { cookie };
}

/**
 * Writes come from many people, as they would: each request presents the origin secret and a
 * viewer IP of its own person (198.18.0.0/15, the benchmarking range), as the site server does
 * for a visitor. From one address the per-IP limits (core/src/http/rate-limit.ts) would answer
 * 429 long before the route's own speed showed.
 */
const asVisitor = (i: number) => ({ [ORIGIN_SECRET_HEADER]: process.env.ORIGIN_SECRET!, [VIEWER_IP_HEADER]: `198.18.${Math.floor(i / 250) % 256}.${(i % 250) + 1}` });

const londonDay = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(at);

function row(name: string, loaded: autocannon.Result, alone: autocannon.Result, expected: number): BenchRow[] {
  const errors = loaded.non2xx + loaded.errors + alone.non2xx + alone.errors;
  const counts = (result: autocannon.Result) => (result.statusCodeStats ?? {}) as Record<string, { count: number }>;
  const statuses = Object.keys({ ...counts(alone), ...counts(loaded) })
    .filter((code) => !code.startsWith("2"))
    .map((code) => `${code}×${(counts(loaded)[code]?.count ?? 0) + (counts(alone)[code]?.count ?? 0)}`);
  const timeouts = loaded.timeouts + alone.timeouts;
  const why = [...statuses, ...(timeouts ? [`${timeouts} timeouts`] : [])].join(", ");
  return [
    {
      name: `load: ${name}`,
      value: `${CONNECTIONS} conns: p50 ${loaded.latency.p50} ms, p99 ${loaded.latency.p99} ms, ${Math.round(loaded.requests.average)} req/s; 1 conn: p50 ${alone.latency.p50} ms, p99 ${alone.latency.p99} ms; ${errors} errors of ${loaded.requests.total + alone.requests.total}${why ? ` (${why})` : ""}`,
      target: `0 errors; 1 conn p99 < ${TARGET_MS} ms`,
      ok: errors === 0 && alone.latency.p99 < TARGET_MS && loaded.requests.total >= expected,
    },
  ];
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, timeout: 30, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export async function benchRows(): Promise<BenchRow[]> {
  const platform = await startLocalPlatform({ tableName: "mas-bench-load", outboxSweepMs: 0 });
  try {
    const { seedDemoData, DEMO_PEOPLE } = await import("../packages/local/src/seed");
    const { ensureUser } = await import("../packages/services/accounts/src/domain/users");
    await seedDemoData();
    const base = platform.url;

    const services = (await json(`${base}/api/booking/services`)).body.services as { slug: string; requiresPatchTest: boolean; requiresConsultation: boolean; minAge: number; durationMinutes: number }[];
    const plain = services.filter((s) => !s.requiresPatchTest && !s.requiresConsultation && s.minAge <= 18);
    const from = londonDay(new Date());
    const to = londonDay(new Date(Date.now() + 27 * 86_400_000));
    const rows: BenchRow[] = [];

    // Reads.
    const availabilityUrl = `${base}/api/booking/availability?service=${plain[0]!.slug}&from=${from}&to=${to}`;
    rows.push(...row("GET availability, 4 weeks", await run({ url: availabilityUrl, duration: DURATION_S }), await run({ url: availabilityUrl, duration: ALONE_S, connections: 1 }), 1));
    const listUrl = `${base}/api/booking/services`;
    rows.push(...row("GET treatment list", await run({ url: listUrl, duration: DURATION_S }), await run({ url: listUrl, duration: ALONE_S, connections: 1 }), 1));

    // Booking create: clients and free starts that do not overlap one another.
    const clients: Login[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const person = { email: `load.${i}@example.test`, password: "Load-bench-2026", firstName: "Load", lastName: `Client ${i}`, dateOfBirth: "1990-04-04", roles: ["client" as const] };
      await ensureUser(person);
      clients.push(await signIn(base, person.email, person.password));
    }
    const wanted: { service: string; start: string }[] = [];
    const horizon = londonDay(new Date(Date.now() + 60 * 86_400_000));
    const service = plain[0]!;
    const slots = (await json(`${base}/api/booking/availability?service=${service.slug}&from=${from}&to=${horizon}`)).body.slots as { start: string }[];
    let freeFrom = 0;
    for (const slot of slots) {
      const at = Date.parse(slot.start);
      if (at < freeFrom) continue;
      wanted.push({ service: service.slug, start: slot.start });
      freeFrom = at + (service.durationMinutes + 30) * 60_000;
      if (wanted.length === BOOKINGS) break;
    }
    let next = 0;
    const book = (amount: number, connections: number) =>
      run({
        url: base,
        amount,
        connections,
        requests: [
          {
            method: "POST",
            path: "/api/booking/appointments",
            setupRequest: (request) => {
              const i = next++;
              return {
                ...request,
                headers: { "content-type": "application/json", cookie: clients[i % clients.length]!.cookie, "idempotency-key": `load-${i}-${Date.now()}`, ...asVisitor(i % clients.length) },
                body: JSON.stringify(wanted[i]),
              };
            },
          },
        ],
      });
    const aloneBookings = await book(ALONE_BOOKINGS, 1);
    const loadedBookings = await book(wanted.length - ALONE_BOOKINGS, CONNECTIONS);
    rows.push(...row(`POST booking (${wanted.length} different starts)`, loadedBookings, aloneBookings, wanted.length - ALONE_BOOKINGS));

    // Lesson complete: the demo student's enrolment, every lesson of it, over and over.
    const student = await signIn(base, DEMO_PEOPLE.bethan.email, DEMO_PEOPLE.bethan.password);
    const enrolment = (await json(`${base}/api/learning/me/enrollments`, { cookie: student.cookie })).body.enrollments?.[0] as { enrollmentId?: string; id?: string } | undefined;
    const enrolmentId = enrolment?.enrollmentId ?? enrolment?.id;
    const detail = (await json(`${base}/api/learning/enrollments/${enrolmentId}`, { cookie: student.cookie })).body;
    // Only lessons the student may complete now (a drip-locked lesson answers 4xx, rightly).
    const lessonIds: string[] = [];
    for (const lessonId of lessonsOf(detail)) {
      const probe = await fetch(`${base}/api/learning/enrollments/${enrolmentId}/lessons/${lessonId}/complete`, { method: "POST", headers: { cookie: student.cookie } });
      if (probe.status === 200) lessonIds.push(lessonId);
    }
    if (!enrolmentId || lessonIds.length === 0) throw new Error(`no enrolment/lessons for the demo student: ${JSON.stringify(detail).slice(0, 300)}`);
    let lesson = 0;
    const complete = (duration: number, connections: number) =>
      run({
        url: base,
        duration,
        connections,
        requests: [
          {
            method: "POST",
            // One student's lessons, from fifty connections' own addresses (lesson completion has no per-person limit).
            setupRequest: (request) => ({ ...request, path: `/api/learning/enrollments/${enrolmentId}/lessons/${lessonIds[lesson % lessonIds.length]}/complete`, headers: { cookie: student.cookie, ...asVisitor(lesson++ % CONNECTIONS) } }),
          },
        ],
      });
    rows.push(...row(`POST lesson complete (${lessonIds.length} lessons)`, await complete(DURATION_S, CONNECTIONS), await complete(ALONE_S, 1), 1));
    await platform.bus.idle();
    return rows;
  } finally {
    await platform.stop();
  }
}

/** Lesson ids from the enrolment view, wherever the curriculum nests them. */
export function lessonsOf(detail: unknown): string[] {
  const ids: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (typeof record.lessonId === "string" && !ids.includes(record.lessonId)) ids.push(record.lessonId);
      Object.values(record).forEach(walk);
    }
  };
  walk(detail);
  return ids;
}
