import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addLocalDays, instantAt, localDateOf } from "@mas/core/shared/time";
import { availableSlots, isSlotAvailable, occupiedInterval, openingHoursOn, slotCells, type BusyInterval } from "./availability";
import { availabilityBenchFixture } from "../../bench/availability-benchmark";
import { naiveAvailableSlots } from "../../test/naive-availability";
import { BusinessSettings, Service } from "./settings";

/**
 * Random clinics, diaries and clocks around the daylight-saving changes: the listing never
 * offers a clashing slot, agrees with the single-slot check, and matches the naive baseline.
 */
const MINUTE = 60_000;
const pad = (n: number) => String(n).padStart(2, "0");
const timeOf = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
const overlaps = (a: BusyInterval, b: BusyInterval) => a.start < b.end && b.start < a.end;

/** Up to two non-overlapping ranges on a 5-minute wall-clock grid. */
const dayHours = fc.uniqueArray(fc.integer({ min: 0, max: 287 }), { maxLength: 4 }).map((marks) => {
  const sorted = [...marks].sort((a, b) => a - b);
  const ranges: { start: string; end: string }[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push({ start: timeOf(sorted[i]! * 5), end: timeOf(sorted[i + 1]! * 5) });
  return ranges;
});

const scenario = fc
  .record({
    base: fc.constantFrom("2026-03-26", "2026-06-08", "2026-10-22", "2027-03-25"),
    weeklyHours: fc.tuple(dayHours, dayHours, dayHours, dayHours, dayHours, dayHours, dayHours),
    extra: fc.array(fc.record({ day: fc.integer({ min: 0, max: 6 }), hours: dayHours }), { maxLength: 2 }),
    closedDays: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
    trainingDays: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 1 }),
    step: fc.constantFrom(5, 10, 15, 20, 30, 60),
    notice: fc.integer({ min: 0, max: 3_000 }),
    horizon: fc.integer({ min: 0, max: 10 }),
    nowOffset: fc.integer({ min: 0, max: 5 * 1_440 }),
    duration: fc.integer({ min: 1, max: 48 }),
    before: fc.integer({ min: 0, max: 6 }),
    after: fc.integer({ min: 0, max: 6 }),
    busy: fc.array(fc.record({ at: fc.integer({ min: 0, max: 9 * 1_440 }), length: fc.integer({ min: 1, max: 180 }) }), { maxLength: 25 }),
    probes: fc.array(fc.integer({ min: 0, max: 9 * 288 }), { minLength: 30, maxLength: 30 }),
    gridDay: fc.integer({ min: -1, max: 7 }),
  })
  .map((s) => {
    const from = addLocalDays(s.base, -1);
    const to = addLocalDays(s.base, 7);
    const origin = Date.parse(`${from}T00:00:00Z`);
    const settings = BusinessSettings.parse({
      weeklyHours: s.weeklyHours,
      extraHours: s.extra.flatMap(({ day, hours }) => hours.map((h) => ({ date: addLocalDays(s.base, day), ...h }))),
      closures: s.closedDays.map((day) => ({ date: addLocalDays(s.base, day), reason: "Closed" })),
      trainingDays: s.trainingDays.map((day) => ({ date: addLocalDays(s.base, day), title: "Training" })),
      slotStepMinutes: s.step,
      minimumNoticeMinutes: s.notice,
      bookingHorizonDays: s.horizon,
    });
    const service = Service.parse({
      id: "svc",
      name: "Treatment",
      slug: "treatment",
      category: "skin-booster",
      priceInPence: 20_000,
      durationMinutes: s.duration * 5,
      bufferBeforeMinutes: s.before * 5,
      bufferAfterMinutes: s.after * 5,
      deposit: { kind: "none" },
    });
    const busy = s.busy.map((b) => ({ start: new Date(origin + b.at * MINUTE), end: new Date(origin + (b.at + b.length) * MINUTE) }));
    const now = new Date(origin + s.nowOffset * MINUTE);
    // Probe instants on a 5-minute grid anywhere in the listed local dates.
    const first = instantAt(from, "00:00").getTime();
    const last = instantAt(to, "23:55").getTime();
    const probes = s.probes.map((p) => new Date(Math.min(first + p * 5 * MINUTE, last)));
    // …and every grid start of one day's opening ranges, which exercises overlaps and notice.
    for (const range of openingHoursOn(settings, addLocalDays(s.base, s.gridDay))) {
      for (let t = range.start.getTime(); t < range.end.getTime(); t += s.step * MINUTE) probes.push(new Date(t));
    }
    return { input: { settings, service, busy, now, from, to }, probes };
  });

describe("availability properties", () => {
  it("never offers a slot whose occupied interval overlaps a busy one, or that breaks a rule", () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const slots = availableSlots(input);
        const earliest = input.now.getTime() + input.settings.minimumNoticeMinutes * MINUTE;
        const broken = slots.filter((slot, i) => {
          const occupied = occupiedInterval(input.service, slot.start);
          const hours = openingHoursOn(input.settings, localDateOf(slot.start, input.settings.timeZone));
          return (
            input.busy.some((b) => overlaps(occupied, b)) ||
            slot.start.getTime() < earliest ||
            !hours.some((h) => h.start <= occupied.start && occupied.end <= h.end) ||
            (i > 0 && slot.start <= slots[i - 1]!.start)
          );
        });
        expect(broken).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("isSlotAvailable says ok exactly for the starts availableSlots lists", () => {
    fc.assert(
      fc.property(scenario, ({ input, probes }) => {
        const listed = new Set(availableSlots(input).map((s) => s.start.getTime()));
        const candidates = [...[...listed].map((t) => new Date(t)), ...probes];
        const disagreements = candidates.filter((start) => isSlotAvailable({ ...input, start }).ok !== listed.has(start.getTime()));
        expect(disagreements).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("matches the naive per-slot baseline", () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        expect(availableSlots(input)).toEqual(naiveAvailableSlots(input));
      }),
      { numRuns: 100 },
    );
  });
});

describe("slotCells properties", () => {
  const interval = fc
    .record({ start: fc.integer({ min: 1_780_000_000_000, max: 1_780_100_000_000 }), length: fc.integer({ min: 1, max: 6 * 3_600_000 }) })
    .map(({ start, length }) => ({ start: new Date(start), end: new Date(start + length) }));

  it("two overlapping intervals always share a lock cell", () => {
    // b starts anywhere from just after a's start minus b's length to just before a's end, so they overlap.
    const pair = fc
      .tuple(interval, fc.integer({ min: 1, max: 6 * 3_600_000 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }))
      .map(([a, length, at]) => {
        const lo = a.start.getTime() - length + 1;
        const start = lo + Math.floor(at * (a.end.getTime() - lo));
        return [a, { start: new Date(start), end: new Date(start + length) }] as const;
      });
    fc.assert(
      fc.property(pair, fc.constantFrom(5, 15, 30), ([a, b], step) => {
        expect(overlaps(a, b)).toBe(true);
        const cells = new Set(slotCells(a, step));
        expect(slotCells(b, step).some((cell) => cells.has(cell))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("intervals meeting on a grid boundary share none", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_978_000, max: 1_979_000 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 24 }), (cell, before, after) => {
        const boundary = cell * 15 * MINUTE;
        const a = { start: new Date(boundary - before * 15 * MINUTE), end: new Date(boundary) };
        const b = { start: new Date(boundary), end: new Date(boundary + after * 15 * MINUTE) };
        const cells = new Set(slotCells(a, 15));
        expect(slotCells(b, 15).some((c) => cells.has(c))).toBe(false);
      }),
    );
  });
});

// Speed is measured by `npm run bench` (availability rows), not asserted here.
describe("benchmark fixture", () => {
  it("gives the same 60-day answer as the naive baseline with 1,000 busy intervals", () => {
    const input = availabilityBenchFixture();
    expect(availableSlots(input)).toEqual(naiveAvailableSlots(input));
  });
});
