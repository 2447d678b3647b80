import { beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { body, book, call, client, json, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

/**
 * The page a `waitlist.offered` mail links to reads one entry (GET /waitlist/:id) and books
 * it with the existing accept route: open, expired, taken and booked offers each read back
 * as such, and nobody else's entry is visible.
 */
useSchedulerClock();
beforeAll(async () => {
  await seedClinic();
  await signUp("owner");
});

const join = async (who: TestUser, from: string, to: string) => (await body(await call("/waitlist", json("POST", { service: "hydrating-facial", from, to }, who)))).entry;
const entry = async (who: TestUser, id: string) => call(`/waitlist/${id}`, { headers: who.headers });

/** A booked slot, a client waiting for its day, and the slot freed: the client holds an offer. */
async function offered(start: string, day: string) {
  const [holder, waiter] = await Promise.all([client(), client()]);
  const { appointment } = await body(await book(holder, "hydrating-facial", start));
  const joined = await join(waiter, day, day);
  await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, holder));
  await platform().bus.idle();
  return { waiter, waitlistId: joined.waitlistId as string };
}

describe("GET /waitlist/:id", () => {
  it("shows a client their own offer with its slot and expiry, and nobody else", async () => {
    const { waiter, waitlistId } = await offered("2026-06-24T14:00:00+01:00", "2026-06-24");
    expect((await call(`/waitlist/${waitlistId}`)).status).toBe(401);
    const stranger = await entry(await client(), waitlistId);
    expect(stranger.status).toBe(404);
    expect((await body(stranger)).error.code).toBe("booking.waitlist_not_found");
    expect((await entry(waiter, "01NOSUCHENTRY")).status).toBe(404);
    expect((await entry(waiter, "x".repeat(65))).status).toBe(400);

    const res = await entry(waiter, waitlistId);
    expect(res.status).toBe(200);
    expect((await body(res)).entry).toMatchObject({
      waitlistId,
      status: "offered",
      service: { slug: "hydrating-facial", name: "Hydrating facial" },
      offer: { start: "2026-06-24T14:00:00+01:00", end: "2026-06-24T15:00:00+01:00", expiresAt: expect.stringMatching(/^2026-06-01T1[12]:00:0\d\+01:00$/) },
    });
  });

  it("still lists /waitlist/mine as the client's list, not as an entry id", async () => {
    const who = await client();
    await join(who, "2026-07-01", "2026-07-02");
    expect((await body(await call("/waitlist/mine", { headers: who.headers }))).entries).toHaveLength(1);
  });

  it("reads back a booked offer with its appointment after accepting, and refuses a second accept", async () => {
    const { waiter, waitlistId } = await offered("2026-06-25T14:00:00+01:00", "2026-06-25");
    const accepted = await call(`/waitlist/${waitlistId}/accept`, json("POST", {}, waiter));
    expect(accepted.status).toBe(201);
    const { appointment } = await body(accepted);
    expect((await body(await entry(waiter, waitlistId))).entry).toMatchObject({ status: "booked", appointmentId: appointment.appointmentId });
    const again = await call(`/waitlist/${waitlistId}/accept`, json("POST", {}, waiter));
    expect(again.status).toBe(409);
    expect((await body(again)).error.code).toBe("booking.offer_unavailable");
  });

  it("answers 409 slot_taken when someone booked the offered time first, and the offer stays readable", async () => {
    const { waiter, waitlistId } = await offered("2026-06-26T14:00:00+01:00", "2026-06-26");
    expect((await book(await client(), "hydrating-facial", "2026-06-26T14:00:00+01:00")).status).toBe(201);
    const taken = await call(`/waitlist/${waitlistId}/accept`, json("POST", {}, waiter));
    expect(taken.status).toBe(409);
    expect((await body(taken)).error.code).toBe("booking.slot_taken");
    expect((await body(await entry(waiter, waitlistId))).entry.status).toBe("offered");
  });

  it("shows an offer as expired once it lapses", async () => {
    const { waiter, waitlistId } = await offered("2026-06-27T10:00:00+01:00", "2026-06-27");
    await platform().scheduler.advanceBy(2 * 3_600_000 + 1_000);
    await platform().bus.idle();
    expect((await body(await entry(waiter, waitlistId))).entry.status).toBe("expired");
  });
});
