import { availableSlots, type AvailabilityInput } from "../src/domain/availability";
import { naiveAvailableSlots } from "../test/naive-availability";
import { BusinessSettings, Service } from "../src/domain/settings";
import { addLocalDays, instantAt, type LocalDate } from "@mas/core/shared/time";

/**
 * Benchmark support for `npm run bench` and the performance guard test — not product code.
 * The fixture is deterministic (a seeded generator), so every run measures the same work:
 * 60 days of a busy clinic diary with 1,000 existing appointments.
 */
export type AvailabilityBenchInput = AvailabilityInput & { from: LocalDate; to: LocalDate };

export function availabilityBenchFixture(seed = 20260601): AvailabilityBenchInput {
  const random = mulberry32(seed);
  const weekday = [
    { start: "09:00", end: "13:00" },
    { start: "14:00", end: "19:00" },
  ];
  const settings = BusinessSettings.parse({
    weeklyHours: [[], weekday, weekday, weekday, weekday, weekday, [{ start: "10:00", end: "16:00" }]],
    closures: [{ date: "2026-06-15", reason: "Bank holiday cover" }],
    trainingDays: [{ date: "2026-07-08", title: "Advanced filler masterclass" }],
    extraHours: [{ date: "2026-06-21", start: "10:00", end: "14:00" }],
  });
  const service = Service.parse({
    id: "svc_bench",
    name: "Lip filler 1ml",
    slug: "lip-filler-1ml",
    category: "dermal-filler",
    priceInPence: 22_000,
    durationMinutes: 45,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 15,
    deposit: { kind: "fixed", amountInPence: 5_000 },
  });
  const from = "2026-06-02";
  const busy = Array.from({ length: 1_000 }, () => {
    const date = addLocalDays(from, Math.floor(random() * 60));
    const startMinute = 9 * 60 + Math.floor(random() * 108) * 5; // 09:00–17:55
    const start = instantAt(date, `${pad(Math.floor(startMinute / 60))}:${pad(startMinute % 60)}`, settings.timeZone);
    return { start, end: new Date(start.getTime() + (10 + Math.floor(random() * 7) * 5) * 60_000) }; // 10–40 min
  });
  return { settings, service, busy, now: new Date("2026-06-01T08:00:00+01:00"), from, to: addLocalDays(from, 59) };
}

/** Best-of-`runs` wall time of one computation, in milliseconds (after one warm-up run). */
export function bestTimeMs(compute: () => unknown, runs = 10): number {
  compute();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    compute();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Rows in the shape of scripts/bench.ts's table: the engine against the reference plan's loop. */
export function availabilityBenchmark(): { name: string; value: string; target: string; ok: boolean }[] {
  const input = availabilityBenchFixture();
  const sweep = bestTimeMs(() => availableSlots(input));
  const naive = bestTimeMs(() => naiveAvailableSlots(input));
  return [
    { name: "availability, 60 days × 1,000 busy", value: `${sweep.toFixed(2)} ms`, target: "< 20 ms", ok: sweep < 20 },
    { name: "  naive per-slot scan (build-plan §3.1)", value: `${naive.toFixed(2)} ms (×${(naive / sweep).toFixed(1)})`, target: "baseline", ok: true },
  ];
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
