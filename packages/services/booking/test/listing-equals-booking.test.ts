import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { addLocalDays, type LocalDate } from "@mas/core/shared/time";
import { createService } from "../src/domain/catalogue";
import { saveSettings } from "../src/domain/settings-store";
import { body, book, call, client, START, useSchedulerClock, type TestUser } from "./support";

/**
 * Issue 14, finding 1, through HTTP and DynamoDB Local: what the availability route lists,
 * the booking route accepts — and what it does not list, it refuses with the reason.
 * The pure 1,000-calendar property is in src/domain/slot-locks.property.test.ts; this one
 * runs the real transactions (lock parts, conditions) on random diaries.
 */
useSchedulerClock();

const hours = [{ start: "09:00", end: "12:30" }, { start: "13:15", end: "17:00" }];
let alice: TestUser;
beforeAll(async () => {
  await saveSettings({ weeklyHours: [hours, hours, hours, hours, hours, hours, hours], slotStepMinutes: 5, minimumNoticeMinutes: 0, bookingHorizonDays: 730 }, "test", START);
  alice = await client();
});

let serial = 0;
async function treatment(durationMinutes: number, bufferBeforeMinutes: number, bufferAfterMinutes: number) {
  serial++;
  return createService(
    { name: `Treatment ${serial}`, slug: `treatment-${serial}`, category: "other", priceInPence: 10_000, durationMinutes, bufferBeforeMinutes, bufferAfterMinutes, deposit: { kind: "none" }, minAge: 0 },
    START,
  );
}

async function listed(slug: string, day: LocalDate): Promise<string[]> {
  const res = await call(`/availability?service=${slug}&from=${day}&to=${day}`);
  expect(res.status).toBe(200);
  return ((await body(res)).slots as { start: string }[]).map((s) => s.start);
}

describe("listing ≡ booking", () => {
  it("books a treatment with a set-up buffer right after a consultation's 5-minute clean-down (the reported case)", async () => {
    const consultation = await treatment(30, 0, 5);
    const filler = await treatment(60, 10, 15);
    const day = "2026-06-16";
    expect((await book(alice, consultation.slug, `${day}T10:00:00+01:00`)).status).toBe(201);
    // 10:00–10:35 is taken; a 10:45 start occupies 10:35–12:00.
    const times = await listed(filler.slug, day);
    expect(times).toContain(`${day}T10:45:00+01:00`);
    expect(times).not.toContain(`${day}T10:40:00+01:00`);
    expect((await book(alice, filler.slug, `${day}T10:45:00+01:00`)).status).toBe(201);
    const clash = await book(alice, consultation.slug, `${day}T11:55:00+01:00`);
    expect(clash.status).toBe(409);
    expect((await body(clash)).error.code).toBe("booking.slot_taken");
  });

  it("every listed start books and every unlisted start is refused, on 12 random diaries", async () => {
    let day: LocalDate = "2026-07-01";
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ duration: fc.integer({ min: 1, max: 18 }), before: fc.integer({ min: 0, max: 4 }), after: fc.integer({ min: 0, max: 4 }) }), { minLength: 2, maxLength: 3 }),
        fc.array(fc.record({ treatment: fc.nat(), pick: fc.nat(), listed: fc.boolean() }), { minLength: 6, maxLength: 10 }),
        async (kinds, attempts) => {
          day = addLocalDays(day, 1);
          // A client per diary: one person booking 120 times in an hour would be rate-limited (429).
          const booker = await client();
          const services = await Promise.all(kinds.map((k) => treatment(k.duration * 5, k.before * 5, k.after * 5)));
          for (const attempt of attempts) {
            const service = services[attempt.treatment % services.length]!;
            const times = await listed(service.slug, day);
            if (attempt.listed) {
              if (times.length === 0) continue;
              const start = times[attempt.pick % times.length]!;
              const res = await book(booker, service.slug, start);
              expect(res.status, `${service.slug} at listed ${start}`).toBe(201);
            } else {
              // An unlisted 5-minute start inside opening hours: refused, as taken or by a named rule.
              const candidates = everyFiveMinutes(day).filter((t) => !times.includes(t));
              const start = candidates[attempt.pick % candidates.length]!;
              const res = await book(booker, service.slug, start);
              expect([409, 422], `${service.slug} at unlisted ${start}`).toContain(res.status);
              expect((await body(res)).error.code).toMatch(/^booking\.(slot_taken|outside_hours)$/);
            }
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 240_000);
});

/** 09:00–16:55 local on a summer day, as the API writes times. */
function everyFiveMinutes(day: LocalDate): string[] {
  const times: string[] = [];
  for (let m = 9 * 60; m < 17 * 60; m += 5) times.push(`${day}T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00+01:00`);
  return times;
}
