import { describe, expect, it } from "vitest";
import { DEMO_SERVICES, seedBookingDemo } from "../src/seed";
import { body, call, client, START, useSchedulerClock } from "./support";

useSchedulerClock();

describe("demo seed", () => {
  it("sets Tue–Sat hours, ten UK treatments and a patch test, bookings for the demo clients and two published reviews, idempotently", async () => {
    const clients = await Promise.all([client(), client(), client()]);
    const ids = clients.map((c) => c.userId);
    const first = await seedBookingDemo(ids, START);
    const second = await seedBookingDemo(ids, START);
    expect(first).toEqual({ services: DEMO_SERVICES.length, appointments: 6 });
    expect(second).toEqual({ services: DEMO_SERVICES.length, appointments: 0 });

    const { services } = await body(await call("/services"));
    expect(services).toHaveLength(11);
    expect(services.find((s: { slug: string }) => s.slug === "patch-test")).toMatchObject({ category: "patch-test", priceInPence: 0 });
    expect(services.find((s: { slug: string }) => s.slug === "anti-wrinkle-one-area")).toMatchObject({ minAge: 18, requiresConsultation: true });
    expect(services.find((s: { slug: string }) => s.slug === "chemical-peel")).toMatchObject({ requiresPatchTest: true });
    const hours = await body(await call("/settings/public"));
    expect(hours.weeklyHours[0]).toEqual([]);
    expect(hours.weeklyHours[1]).toEqual([]);
    expect(hours.weeklyHours[6]).toEqual([{ start: "09:00", end: "14:00" }]);

    const mine = await body(await call("/appointments/mine", { headers: clients[0]!.headers }));
    expect(mine.upcoming).toHaveLength(1);
    expect(mine.past).toMatchObject([{ status: "completed" }]);
    const { reviews } = await body(await call("/reviews/published"));
    expect(reviews).toHaveLength(2);
    expect(reviews.every((r: { rating: number; comment: string }) => r.rating === 5 && r.comment.length > 0)).toBe(true);
    const slots = await body(await call("/availability?service=consultation&from=2026-06-02&to=2026-06-06"));
    expect(slots.slots.length).toBeGreaterThan(20);
  });
});
