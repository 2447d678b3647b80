import { beforeAll, describe, expect, it } from "vitest";
import { body, book, call, client, json, seedClinic, useSchedulerClock } from "./support";

/**
 * Many simultaneous changes to one appointment (double-clicks, retries, two tabs): exactly
 * one wins, the rest are told it changed meanwhile (409) — never a 5xx, whatever order
 * their lock releases and status checks interleave in.
 */
useSchedulerClock();
beforeAll(async () => {
  await seedClinic();
});

const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

describe("concurrent changes to one appointment", () => {
  it("50 simultaneous cancels: one 200, the rest 409, no 5xx", async () => {
    const ada = await client();
    const { appointment } = await body(await book(ada, "lip-filler-one-ml", "2026-06-09T11:00:00+01:00"));
    const responses = await Promise.all(Array.from({ length: 50 }, () => call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, ada))));
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(statuses(responses)).toEqual([200, ...Array(49).fill(409)]);
    const refusals = await Promise.all(responses.filter((r) => r.status === 409).map((r) => body(r)));
    for (const refusal of refusals) expect(["booking.appointment_changed", "booking.not_cancellable"]).toContain(refusal.error.code);
  });

  it("20 simultaneous reschedules to different times: one moves it, no 5xx, and it holds exactly one slot", async () => {
    const bea = await client();
    const { appointment } = await body(await book(bea, "hydrating-facial", "2026-06-10T10:00:00+01:00"));
    const starts = ["11:00", "11:15", "11:30", "11:45", "12:00", "14:00", "14:15", "14:30", "14:45", "15:00"].map((t) => `2026-06-11T${t}:00+01:00`);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(`/appointments/${appointment.appointmentId}/reschedule`, json("POST", { start: starts[i % starts.length] }, bea))),
    );
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    const moved = responses.filter((r) => r.status === 200);
    expect(moved.length).toBeGreaterThanOrEqual(1);
    const final = (await body(await call(`/appointments/${appointment.appointmentId}`, { headers: bea.headers }))).appointment;
    // Whoever won last, the appointment sits at one of the asked times, and that time is no longer offered to anyone.
    expect(starts).toContain(final.start);
    const slots = (await body(await call("/availability?service=hydrating-facial&from=2026-06-11&to=2026-06-11"))).slots.map((s: { start: string }) => s.start);
    expect(slots).not.toContain(final.start);
    const before = (await body(await call("/availability?service=hydrating-facial&from=2026-06-10&to=2026-06-10"))).slots.map((s: { start: string }) => s.start);
    expect(before).toContain("2026-06-10T10:00:00+01:00"); // the old time is free again
  });
});
