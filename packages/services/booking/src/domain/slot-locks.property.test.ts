import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LocalDate } from "@mas/core/shared/time";
import { availableSlots, isSlotAvailable, occupiedInterval, openingHoursOn, type BusyInterval } from "./availability";
import { BusinessSettings, Service } from "./settings";
import { LOCK_PARTS, lockCellsFor, lockPartsFor } from "./slot-locks";

/**
 * The listing and the lock check are one truth (issue 14, finding 1: with 15-minute lock
 * cells, a consultation ending 10:35 and a treatment whose set-up buffer starts 10:40 shared
 * a cell, so a listed 10:45 was refused as taken every time).
 *
 * Over random calendars — opening hours with lunch breaks, DST days, slot steps, durations
 * and 0–20-minute buffers in 5-minute units — a diary is filled by booking random listed
 * slots of random treatments, each claiming its parts as the booking transaction does. Then,
 * for every start on the 5-minute grid of the day: the parts are free exactly when the
 * listing's overlap check finds no clash, every listed start can claim its parts, and every
 * unlisted start is refused for a reason the single-slot check names.
 */
const MINUTE = 60_000;
const pad = (n: number) => String(n).padStart(2, "0");
const timeOf = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
const overlaps = (a: BusyInterval, b: BusyInterval) => a.start < b.end && b.start < a.end;

/** A working day with an optional lunch break, on the 5-minute grid. */
const hours = fc
  .record({ open: fc.integer({ min: 84, max: 120 }), lunch: fc.option(fc.record({ at: fc.integer({ min: 132, max: 168 }), length: fc.constantFrom(6, 9, 12) })), close: fc.integer({ min: 192, max: 252 }) })
  .map(({ open, lunch, close }) =>
    lunch ? [{ start: timeOf(open * 5), end: timeOf(lunch.at * 5) }, { start: timeOf((lunch.at + lunch.length) * 5), end: timeOf(close * 5) }] : [{ start: timeOf(open * 5), end: timeOf(close * 5) }],
  );

const treatment = fc.record({ duration: fc.integer({ min: 1, max: 36 }), before: fc.integer({ min: 0, max: 4 }), after: fc.integer({ min: 0, max: 4 }) });

const calendar = fc.record({
  // Ordinary days and both clock changes (Sundays are opened for the test).
  day: fc.constantFrom<LocalDate>("2026-03-29", "2026-06-10", "2026-10-25", "2027-01-13"),
  hours,
  step: fc.constantFrom(5, 10, 15, 20, 30, 60),
  treatments: fc.array(treatment, { minLength: 1, maxLength: 4 }),
  bookings: fc.array(fc.record({ treatment: fc.nat(), pick: fc.nat() }), { maxLength: 14 }),
  probe: fc.nat(),
});

type Calendar = typeof calendar extends fc.Arbitrary<infer T> ? T : never;

function setup(c: Calendar) {
  const settings = BusinessSettings.parse({ weeklyHours: [c.hours, c.hours, c.hours, c.hours, c.hours, c.hours, c.hours], slotStepMinutes: c.step, minimumNoticeMinutes: 0, bookingHorizonDays: 730 });
  const services = c.treatments.map((t, i) =>
    Service.parse({ id: `svc${i}`, name: `Treatment ${i}`, slug: `treatment-${i}`, category: "other", priceInPence: 10_000, durationMinutes: t.duration * 5, bufferBeforeMinutes: t.before * 5, bufferAfterMinutes: t.after * 5, deposit: { kind: "none" } }),
  );
  return { settings, services, now: new Date(Date.parse(`${c.day}T00:00:00Z`) - 7 * 86_400_000) };
}

/** The diary as the lock items see it: cell → part → owner. */
class Cells {
  private readonly owners = new Map<string, string>();
  free(occupied: BusyInterval): boolean {
    for (const [cell, parts] of lockPartsFor(occupied)) for (const p of parts) if (this.owners.has(`${cell}#${p}`)) return false;
    return true;
  }
  claim(occupied: BusyInterval, owner: string): void {
    for (const [cell, parts] of lockPartsFor(occupied)) for (const p of parts) this.owners.set(`${cell}#${p}`, owner);
  }
}

describe("slot locks ≡ listing", () => {
  it("parts split an interval exactly: 10:35–11:20 takes the last part of 10:30 and no part of 11:15's second half", () => {
    const parts = lockPartsFor({ start: new Date("2026-06-10T09:35:00Z"), end: new Date("2026-06-10T10:20:00Z") });
    expect([...parts]).toEqual([
      ["2026-06-10T09:30:00+00:00", [5, 10]],
      ["2026-06-10T09:45:00+00:00", [0, 5, 10]],
      ["2026-06-10T10:00:00+00:00", [0, 5, 10]],
      ["2026-06-10T10:15:00+00:00", [0]],
    ]);
    expect(lockCellsFor({ start: new Date("2026-06-10T09:35:00Z"), end: new Date("2026-06-10T10:20:00Z") })).toEqual([...parts.keys()]);
    expect(LOCK_PARTS).toEqual([0, 5, 10]);
  });

  it("two appointments that meet inside a cell both fit; one minute of overlap does not", () => {
    const cells = new Cells();
    cells.claim({ start: new Date("2026-06-10T09:00:00Z"), end: new Date("2026-06-10T09:35:00Z") }, "consultation");
    expect(cells.free({ start: new Date("2026-06-10T09:35:00Z"), end: new Date("2026-06-10T10:50:00Z") })).toBe(true);
    expect(cells.free({ start: new Date("2026-06-10T09:30:00Z"), end: new Date("2026-06-10T10:50:00Z") })).toBe(false);
  });

  it("refuses an interval off the 5-minute grid instead of rounding it", () => {
    expect(() => lockPartsFor({ start: new Date("2026-06-10T09:32:00Z"), end: new Date("2026-06-10T10:00:00Z") })).toThrow(RangeError);
  });

  it("agrees with the listing on 1,000 random calendars", () => {
    let listedChecked = 0;
    let refusedChecked = 0;
    fc.assert(
      fc.property(calendar, (c) => {
        const { settings, services, now } = setup(c);
        const cells = new Cells();
        const busy: BusyInterval[] = [];
        // Fill the diary the way clients would: each books one of the times then listed.
        for (const [i, b] of c.bookings.entries()) {
          const service = services[b.treatment % services.length]!;
          const listed = availableSlots({ settings, service, busy, now, from: c.day, to: c.day });
          if (listed.length === 0) continue;
          const slot = listed[b.pick % listed.length]!;
          const occupied = occupiedInterval(service, slot.start);
          // Every listed start books: its parts are free.
          expect(cells.free(occupied)).toBe(true);
          cells.claim(occupied, `a${i}`);
          busy.push(occupied);
        }
        const service = services[c.probe % services.length]!;
        const listed = new Set(availableSlots({ settings, service, busy, now, from: c.day, to: c.day }).map((s) => s.start.getTime()));
        // Every 5-minute start from half an hour before opening to closing (later ones cannot fit).
        const open = openingHoursOn(settings, c.day);
        const dayStart = open[0]!.start.getTime() - 30 * MINUTE;
        const dayEnd = open.at(-1)!.end.getTime();
        for (let t = dayStart; t <= dayEnd; t += 5 * MINUTE) {
          const start = new Date(t);
          const occupied = occupiedInterval(service, start);
          const clash = busy.some((b) => overlaps(b, occupied));
          // The lock check is exactly the overlap check, on any 5-minute start.
          expect(cells.free(occupied)).toBe(!clash);
          const check = isSlotAvailable({ settings, service, busy, now, start });
          expect(check.ok).toBe(listed.has(t));
          if (listed.has(t)) {
            listedChecked++;
          } else {
            refusedChecked++;
            // Unlisted for the right reason: a clash is "taken", anything else names the rule.
            if (!check.ok && check.reason === "overlaps") expect(clash).toBe(true);
            if (!check.ok && clash && check.reason !== "overlaps") expect(["outside_hours", "off_grid", "closed"]).toContain(check.reason);
          }
        }
      }),
      { numRuns: 1_000 },
    );
    expect(listedChecked).toBeGreaterThan(5_000);
    expect(refusedChecked).toBeGreaterThan(20_000);
  }, 120_000);
});
