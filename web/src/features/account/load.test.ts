import { describe, expect, it } from "vitest";
import { byStatus } from "./load";

const a = (id: string, status: string, start: string) => ({ id, status, start }) as never as { id: string; status: "confirmed"; start: string };

describe("byStatus", () => {
  it("moves a cancelled or lapsed future appointment out of upcoming, newest first", () => {
    const upcoming = [a("u1", "confirmed", "2026-12-10T10:00:00Z"), a("u2", "cancelled", "2026-12-11T10:00:00Z"), a("u3", "expired", "2026-12-09T10:00:00Z"), a("u4", "pending_deposit", "2026-12-12T10:00:00Z")];
    const past = [a("p1", "completed", "2026-11-03T10:00:00Z")];
    const split = byStatus(upcoming, past);
    expect(split.upcoming.map((x) => x.id)).toEqual(["u1", "u4"]);
    expect(split.past.map((x) => x.id)).toEqual(["u2", "u3", "p1"]);
  });

  it("leaves the lists alone when every upcoming appointment is going ahead", () => {
    const past = [a("p1", "completed", "2026-11-03T10:00:00Z")];
    expect(byStatus([a("u1", "pending_review", "2026-12-10T10:00:00Z")], past)).toEqual({ upcoming: [a("u1", "pending_review", "2026-12-10T10:00:00Z")], past });
  });
});
