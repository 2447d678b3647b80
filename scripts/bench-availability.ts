/**
 * Availability rows for `npm run bench`: a 60-day listing over a diary of 1,000 existing
 * appointments held in DynamoDB Local (started here, on a fresh table, and stopped after).
 *
 * - DynamoDB: the requests one listing makes, counted on the document client (middleware),
 *   and how many of them read busy intervals (target ≤ 2 queries).
 * - Compute: core's `availableSlots` (one sorted busy sweep) against `naiveAvailableSlots`,
 *   a port of the reference plan's per-slot scan (build-plan §3.1), on the same input in the
 *   same run (targets < 20 ms and ≥ 20× faster). Best of 20 runs after a warm-up.
 */
import { performance } from "node:perf_hooks";
import type { BenchRow } from "./bench";
import { startDynamo, ensureTable, LOCAL_CREDENTIALS } from "../packages/local/src/dynamodb";

const APPOINTMENTS = 1_000;
const DAYS = 60;

export async function benchRows(): Promise<BenchRow[]> {
  const dynamoLocal = await startDynamo();
  try {
    Object.assign(process.env, {
      AWS_REGION: "eu-west-2",
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoLocal.endpoint,
      TABLE_NAME: "bench-availability",
    });
    await ensureTable(dynamoLocal.endpoint, "bench-availability");
    return await measure();
  } finally {
    await dynamoLocal.stop();
  }
}

async function measure(): Promise<BenchRow[]> {
  // Imported after the environment points at DynamoDB Local.
  const { dynamo } = await import("../packages/core/src/db/table");
  const { db } = await import("../packages/services/booking/src/entities/index");
  const { busyIntervals, occupancyOf } = await import("../packages/services/booking/src/domain/slot-locks");
  const { availableSlots } = await import("../packages/services/booking/src/domain/availability");
  const { naiveAvailableSlots } = await import("../packages/services/booking/test/naive-availability");
  const { availabilityBenchFixture, bestTimeMs } = await import("../packages/services/booking/bench/availability-benchmark");
  const { listAvailability } = await import("../packages/services/booking/src/domain/slot-check");
  const { addLocalDays, instantAt } = await import("../packages/core/src/shared/time");
  const { Service } = await import("../packages/services/booking/src/domain/settings");

  const fixture = availabilityBenchFixture();
  const { settings, now, from } = fixture;
  const to = addLocalDays(from, DAYS - 1);
  const { durationMinutes, bufferBeforeMinutes, bufferAfterMinutes } = fixture.service;
  const service = Service.parse({ id: "svc_bench", slug: "lip-filler-1ml", name: "Lip filler 1ml", category: "dermal-filler", priceInPence: 22_000, deposit: { kind: "none" }, durationMinutes, bufferBeforeMinutes, bufferAfterMinutes });

  // A full diary: 1,000 appointments of 20 minutes, back to back with 5-minute gaps from
  // opening time on every open day, written as the occupancy items a booking writes.
  const placed = diaryOf(settings, from, DAYS, APPOINTMENTS, { instantAt, addLocalDays }).map((occupied, i) => occupancyOf({ appointmentId: `bench-${i}`, occupied }));
  for (let i = 0; i < placed.length; i += 25) await db().entities.occupancy.put(placed.slice(i, i + 25)).go();

  const counts = new Map<string, number>();
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      counts.set(context.commandName ?? "?", (counts.get(context.commandName ?? "?") ?? 0) + 1);
      return next(args);
    },
    { step: "initialize", name: "benchRequestCounter" },
  );

  const rangeStart = instantAt(from, "00:00", settings.timeZone);
  const rangeEnd = instantAt(addLocalDays(to, 1), "00:00", settings.timeZone);
  counts.clear();
  const started = performance.now();
  const listed = await listAvailability({ settings, service, from, to, now });
  const endToEnd = performance.now() - started;
  const queries = counts.get("QueryCommand") ?? 0;
  const requests = [...counts.values()].reduce((a, b) => a + b, 0);

  const busy = await busyIntervals(rangeStart, rangeEnd, now);
  const input = { settings, service, busy, now, from, to };
  const ours = availableSlots(input);
  const naive = naiveAvailableSlots(input);
  const same = ours.length === naive.length && ours.every((slot, i) => slot.start.getTime() === naive[i]!.start.getTime());
  const sweepMs = bestTimeMs(() => availableSlots(input), 20);
  const naiveMs = bestTimeMs(() => naiveAvailableSlots(input), 20);
  const speedup = naiveMs / sweepMs;

  return [
    { name: `availability ${DAYS} d, ${busy.length} appts: DynamoDB`, value: `${queries} queries (${requests} requests)`, target: "≤ 2 queries", ok: queries <= 2 && busy.length === APPOINTMENTS },
    { name: "availability compute (busy sweep)", value: `${sweepMs.toFixed(2)} ms, ${listed.length} slots`, target: "< 20 ms", ok: sweepMs < 20 && same },
    { name: "  naive per-slot scan (build-plan §3.1)", value: `${naiveMs.toFixed(1)} ms (×${speedup.toFixed(0)} slower)`, target: "ours ≥ 20× faster", ok: speedup >= 20 },
    { name: "availability end-to-end (DynamoDB Local)", value: `${endToEnd.toFixed(0)} ms`, target: "info", ok: true },
  ];
}

type TimeHelpers = { instantAt: (date: string, time: string, zone?: string) => Date; addLocalDays: (date: string, days: number) => string };

/** Back-to-back 20-minute appointments (5-minute gaps) through each open day's hours until `count`. */
function diaryOf(settings: { weeklyHours: { start: string; end: string }[][]; timeZone: string }, from: string, days: number, count: number, t: TimeHelpers) {
  const perDay: { start: Date; end: Date }[][] = [];
  for (let d = 0; d < days; d++) {
    const date = t.addLocalDays(from, d);
    const ranges = settings.weeklyHours[new Date(`${date}T12:00:00Z`).getUTCDay()] ?? [];
    const day: { start: Date; end: Date }[] = [];
    for (const range of ranges) {
      const end = t.instantAt(date, range.end, settings.timeZone).getTime();
      for (let start = t.instantAt(date, range.start, settings.timeZone).getTime(); start + 20 * 60_000 <= end; start += 25 * 60_000) {
        day.push({ start: new Date(start), end: new Date(start + 20 * 60_000) });
      }
    }
    perDay.push(day);
  }
  // Spread evenly: take from each day in turn so the whole range is busy, not just its start.
  const diary: { start: Date; end: Date }[] = [];
  for (let round = 0; diary.length < count && perDay.some((day) => day.length > round); round++) {
    for (const day of perDay) if (day[round] && diary.length < count) diary.push(day[round]!);
  }
  return diary;
}
