import { db as accountsDb } from "@mas/accounts/entities";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../src/entities";
import { body, book, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();

async function clients(count: number): Promise<TestUser[]> {
  const users: TestUser[] = [];
  for (let i = 0; i < count; i += 25) users.push(...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => signUp("client")))));
  return users;
}

let crowd: TestUser[];
beforeAll(async () => {
  await seedClinic();
  crowd = await clients(200);
}, 120_000);

describe("double booking", () => {
  it("lets exactly one of 200 simultaneous bookings of one slot through; the rest get 409, none 5xx", async () => {
    const responses = await Promise.all(crowd.map((c) => book(c, "hydrating-facial", "2026-06-09T10:00:00+01:00")));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(statuses.filter((s) => s >= 500)).toHaveLength(0);
    const { data } = await db().entities.appointment.query.diary({ diaryQuarter: "2026-Q2" }).go({ pages: "all" });
    expect(data.filter((a) => a.start === "2026-06-09T09:00:00.000Z")).toHaveLength(1);
  }, 120_000);

  it("never lets overlapping-but-different slots overlap (buffers included)", async () => {
    // Lip filler: 60 min with 15 min buffers each side, so starts 30 min apart all collide.
    const starts = ["14:15", "14:30", "14:45", "15:00", "15:15", "15:30", "15:45", "16:00"].map((t) => `2026-06-10T${t}:00+01:00`);
    const adults = crowd.slice(0, 80);
    await Promise.all(adults.map((c) => accountsDb().entities.user.patch({ userId: c.userId }).set({ dateOfBirth: "1990-01-01" }).go()));
    const responses = await Promise.all(adults.map((c, i) => book(c, "lip-filler-one-ml", starts[i % starts.length]!)));
    expect(responses.filter((r) => r.status >= 500)).toHaveLength(0);
    const created = await Promise.all(responses.filter((r) => r.status === 201).map(async (r) => (await body(r)).appointment));
    expect(created.length).toBeGreaterThanOrEqual(1);
    const occupied = created
      .map((a) => ({ start: new Date(a.start).getTime() - 15 * 60_000, end: new Date(a.end).getTime() + 15 * 60_000 }))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < occupied.length; i++) expect(occupied[i]!.start).toBeGreaterThanOrEqual(occupied[i - 1]!.end);
    expect(responses.filter((r) => r.status !== 201).every((r) => r.status === 409)).toBe(true);
  }, 120_000);
});
