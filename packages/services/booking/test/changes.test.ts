import { beforeAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { body, book, call, client, json, published, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();
let owner: TestUser;
beforeAll(async () => {
  await seedClinic();
  owner = await signUp("owner");
});

const slotsOf = async (service: string, date: string) =>
  (await body(await call(`/availability?service=${service}&from=${date}&to=${date}`))).slots.map((s: { start: string }) => s.start) as string[];

async function paidFiller(as: TestUser, start: string) {
  const { appointment } = await body(await book(as, "lip-filler-one-ml", start));
  await publish(Events.PaymentSucceeded, { paymentId: `pay_${appointment.appointmentId}`, kind: "deposit", subjectId: appointment.appointmentId, userId: as.userId, amountInPence: 5_000 });
  await platform().bus.idle();
  return appointment as { appointmentId: string };
}

const cancelledEvent = async (appointmentId: string) => (await published("appointment.cancelled")).find((e) => e.appointmentId === appointmentId);

const GRACE_MS = 60 * 60_000;

describe("cancelling", () => {
  it("is free within the grace period after booking, even inside the window; the fee never exceeds the deposit shown", async () => {
    const zoe = await client();
    const appointment = await paidFiller(zoe, "2026-06-02T16:30:00+01:00"); // 30 h ahead: inside the 48 h window
    const stored = (await body(await call(`/appointments/${appointment.appointmentId}`, { headers: zoe.headers }))).appointment;
    expect(stored.cancellationTerms).toEqual({ windowHours: 48, lateFeePercent: 50, graceMinutes: 60, lateFeeCapInPence: 5_000 });
    const quote = async () => (await body(await call(`/appointments/${appointment.appointmentId}/cancellation`, { headers: zoe.headers }))).cancellation;
    expect(await quote()).toEqual({ allowed: true, late: false, inGracePeriod: true, feeInPence: 0, refundInPence: 5_000, uncoveredFeeInPence: 0 });
    await platform().scheduler.advanceBy(GRACE_MS); // exactly 60 minutes after booking: still free
    expect(await quote()).toMatchObject({ inGracePeriod: true, feeInPence: 0 });
    await platform().scheduler.advanceBy(1_000);
    // 50% of £220 would be £110; the client was shown "you lose your £50 deposit".
    expect(await quote()).toEqual({ allowed: true, late: true, inGracePeriod: false, feeInPence: 5_000, refundInPence: 0, uncoveredFeeInPence: 0 });
    // Raising the fee in the settings afterwards does not change what this booking agreed to.
    const raised = await call("/admin/settings", json("PUT", { ...(await body(await call("/admin/settings", { headers: owner.headers }))).settings, lateCancelFeePercent: 100, cancellationGraceMinutes: 5 }, owner));
    expect(raised.status).toBe(200);
    expect(await quote()).toMatchObject({ feeInPence: 5_000 });
    const res = await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, zoe));
    expect((await body(res)).cancellation).toMatchObject({ late: true, feeInPence: 5_000, refundInPence: 0 });
    await call("/admin/settings", json("PUT", { ...(await body(await call("/admin/settings", { headers: owner.headers }))).settings, lateCancelFeePercent: 50, cancellationGraceMinutes: 60 }, owner));
  });

  it("quotes the fee before confirming, to the client and the owner only", async () => {
    const alice = await client();
    const appointment = await paidFiller(alice, "2026-06-02T14:15:00+01:00"); // 27 h ahead: inside the 48 h window
    await platform().scheduler.advanceBy(GRACE_MS + 1_000);
    const path = `/appointments/${appointment.appointmentId}/cancellation`;
    expect((await call(path)).status).toBe(401);
    expect((await call(path, { headers: (await client()).headers })).status).toBe(404);
    const quote = (await body(await call(path, { headers: alice.headers }))).cancellation;
    expect(quote).toEqual({ allowed: true, late: true, inGracePeriod: false, feeInPence: 5_000, refundInPence: 0, uncoveredFeeInPence: 0 });
    const preview = await call(`/appointments/${appointment.appointmentId}/cancel?preview=1`, json("POST", {}, alice));
    expect((await body(preview)).cancellation).toEqual(quote);
    expect((await body(await call(path, { headers: owner.headers }))).cancellation).toMatchObject({ late: false, feeInPence: 0, refundInPence: 5_000 });
    expect((await body(await call(`/appointments/${appointment.appointmentId}`, { headers: alice.headers }))).appointment.status).toBe("confirmed");
  });

  it("charges the late fee inside the window and releases the slot in the same transaction", async () => {
    const bob = await client();
    const appointment = await paidFiller(bob, "2026-06-02T16:30:00+01:00");
    await platform().scheduler.advanceBy(GRACE_MS + 1_000);
    const res = await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", { reason: "Work emergency" }, bob));
    expect(res.status).toBe(200);
    expect((await body(res)).appointment).toMatchObject({ status: "cancelled", cancellation: { by: "client", late: true, feeInPence: 5_000, refundInPence: 0 } });
    expect(await cancelledEvent(appointment.appointmentId)).toMatchObject({ cancelledBy: "client", late: true, feeInPence: 5_000, refundDeposit: false, refundInPence: 0, reason: "Work emergency" });
    expect(await slotsOf("lip-filler-one-ml", "2026-06-02")).toContain("2026-06-02T16:30:00+01:00");
    const again = await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, bob));
    expect(again.status).toBe(409);
    expect((await body(again)).error.code).toBe("booking.not_cancellable");
  });

  it("refunds the whole deposit outside the window", async () => {
    const carol = await client();
    const appointment = await paidFiller(carol, "2026-06-09T14:15:00+01:00");
    await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, carol));
    expect(await cancelledEvent(appointment.appointmentId)).toMatchObject({ late: false, feeInPence: 0, refundDeposit: true, refundInPence: 5_000 });
  });

  it("lets the owner cancel any time without a fee", async () => {
    const appointment = await paidFiller(await client(), "2026-06-03T10:15:00+01:00");
    const res = await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", { reason: "Practitioner unwell" }, owner));
    expect((await body(res)).cancellation).toMatchObject({ late: false, feeInPence: 0, refundInPence: 5_000 });
    expect(await cancelledEvent(appointment.appointmentId)).toMatchObject({ cancelledBy: "owner", feeInPence: 0, refundDeposit: true });
  });

  it("cancels an unpaid hold for free and drops its release schedule", async () => {
    const dan = await client();
    const { appointment } = await body(await book(dan, "lip-filler-one-ml", "2026-06-03T14:15:00+01:00"));
    await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, dan));
    expect(await cancelledEvent(appointment.appointmentId)).toMatchObject({ late: false, feeInPence: 0, refundDeposit: false });
    expect(platform().scheduler.schedules().map((s) => s.Name)).not.toContain(`hold-${appointment.appointmentId}`);
  });

  it("refuses other clients (404), anonymous callers (401) and bad input (400)", async () => {
    const { appointment } = await body(await book(await client(), "hydrating-facial", "2026-06-04T10:00:00+01:00"));
    expect((await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}))).status).toBe(401);
    expect((await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, await client()))).status).toBe(404);
    const long = await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", { reason: "x".repeat(600) }, owner));
    expect(long.status).toBe(400);
    expect((await body(long)).error.fields).toHaveProperty("reason");
  });
});

describe("rescheduling", () => {
  it("moves atomically: the new slot is taken and the old one freed together", async () => {
    const erin = await client();
    const { appointment } = await body(await book(erin, "hydrating-facial", "2026-06-05T10:00:00+01:00"));
    const res = await call(`/appointments/${appointment.appointmentId}/reschedule`, json("POST", { start: "2026-06-05T10:30:00+01:00" }, erin));
    expect(res.status).toBe(200);
    expect((await body(res)).appointment).toMatchObject({ start: "2026-06-05T10:30:00+01:00", end: "2026-06-05T11:30:00+01:00", status: "confirmed" });
    const slots = await slotsOf("hydrating-facial", "2026-06-05");
    expect(slots).not.toContain("2026-06-05T10:30:00+01:00");
    expect(slots).not.toContain("2026-06-05T10:00:00+01:00"); // would overlap 10:30–11:30
    expect(slots).toContain("2026-06-05T11:30:00+01:00");
    expect((await published("appointment.rescheduled")).find((e) => e.appointmentId === appointment.appointmentId)).toMatchObject({
      start: "2026-06-05T10:30:00+01:00",
      previousStart: "2026-06-05T10:00:00+01:00",
      previousEnd: "2026-06-05T11:00:00+01:00",
    });
    // Moving away again frees every old cell: someone else can now book 10:00.
    expect((await call(`/appointments/${appointment.appointmentId}/reschedule`, json("POST", { start: "2026-06-05T15:00:00+01:00" }, erin))).status).toBe(200);
    expect((await book(await client(), "hydrating-facial", "2026-06-05T10:00:00+01:00")).status).toBe(201);
  });

  it("keeps the original when the new slot is taken (409), and moves nothing", async () => {
    const [fay, gus] = await Promise.all([client(), client()]);
    const mine = (await body(await book(fay, "hydrating-facial", "2026-06-06T09:00:00+01:00"))).appointment;
    await book(gus, "hydrating-facial", "2026-06-06T11:00:00+01:00");
    const res = await call(`/appointments/${mine.appointmentId}/reschedule`, json("POST", { start: "2026-06-06T11:30:00+01:00" }, fay));
    expect(res.status).toBe(409);
    expect((await body(res)).error.code).toBe("booking.slot_taken");
    expect((await body(await call(`/appointments/${mine.appointmentId}`, { headers: fay.headers }))).appointment.start).toBe("2026-06-06T09:00:00+01:00");
    expect(await slotsOf("hydrating-facial", "2026-06-06")).not.toContain("2026-06-06T09:00:00+01:00");
  });

  it("lets clients move only outside the cancellation window (or within the grace period); the owner any time", async () => {
    const hal = await client();
    const { appointment } = await body(await book(hal, "hydrating-facial", "2026-06-02T16:00:00+01:00"));
    const path = `/appointments/${appointment.appointmentId}/reschedule`;
    const regretted = await call(path, json("POST", { start: "2026-06-02T16:30:00+01:00" }, hal));
    expect(regretted.status).toBe(200);
    await platform().scheduler.advanceBy(GRACE_MS + 1_000);
    const late = await call(path, json("POST", { start: "2026-06-09T16:00:00+01:00" }, hal));
    expect(late.status).toBe(422);
    expect((await body(late)).error.code).toBe("booking.reschedule_too_late");
    expect((await call(path, json("POST", { start: "2026-06-09T16:00:00+01:00" }, await client()))).status).toBe(404);
    expect((await call(path, json("POST", { start: "tomorrow" }, owner))).status).toBe(400);
    const moved = await call(path, json("POST", { start: "2026-06-09T16:00:00+01:00" }, owner));
    expect(moved.status).toBe(200);
  });
});

describe("waitlist", () => {
  it("validates joining: dates in order, not in the past, one entry per treatment", async () => {
    const ivy = await client();
    expect((await call("/waitlist", json("POST", { service: "hydrating-facial", from: "2026-06-10", to: "2026-06-09" }, ivy))).status).toBe(400);
    expect((await call("/waitlist", json("POST", { service: "hydrating-facial", from: "2026-05-01", to: "2026-06-09" }, ivy))).status).toBe(422);
    expect((await call("/waitlist", json("POST", { service: "hydrating-facial", from: "2026-06-08", to: "2026-06-09" }))).status).toBe(401);
    expect((await call("/waitlist", json("POST", { service: "hydrating-facial", from: "2026-06-08", to: "2026-06-09" }, ivy))).status).toBe(201);
    const twice = await call("/waitlist", json("POST", { service: "hydrating-facial", from: "2026-06-08", to: "2026-06-20" }, ivy));
    expect(twice.status).toBe(409);
  });

  it("offers a cancelled slot to the first matching entry, who can accept it; a lapsed offer passes it on", async () => {
    const [holder, first, second, other] = await Promise.all([client(), client(), client(), client()]);
    const { appointment } = await body(await book(holder, "hydrating-facial", "2026-06-26T14:00:00+01:00"));
    const join = async (who: TestUser, from: string, to: string) => (await body(await call("/waitlist", json("POST", { service: "hydrating-facial", from, to }, who)))).entry;
    await join(other, "2026-06-27", "2026-06-30"); // does not cover the 26th
    const firstEntry = await join(first, "2026-06-24", "2026-06-27");
    const secondEntry = await join(second, "2026-06-25", "2026-06-26");

    await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, holder));
    const offers = await published("waitlist.offered");
    expect(offers).toContainEqual({
      waitlistId: firstEntry.waitlistId,
      clientId: first.userId,
      serviceSlug: "hydrating-facial",
      serviceName: "Hydrating facial",
      start: "2026-06-26T14:00:00+01:00",
      end: "2026-06-26T15:00:00+01:00",
      offerExpiresAt: expect.any(String),
    });
    const mine = (await body(await call("/waitlist/mine", { headers: first.headers }))).entries;
    expect(mine[0]).toMatchObject({ status: "offered", offer: { start: "2026-06-26T14:00:00+01:00" } });

    expect((await call(`/waitlist/${firstEntry.waitlistId}/accept`, json("POST", {}, second))).status).toBe(404);
    await platform().scheduler.advanceBy(2 * 3_600_000 + 1_000);
    await platform().bus.idle();
    expect((await body(await call("/waitlist/mine", { headers: first.headers }))).entries[0].status).toBe("expired");
    const lapsed = await call(`/waitlist/${firstEntry.waitlistId}/accept`, json("POST", {}, first));
    expect(lapsed.status).toBe(409);

    const secondView = (await body(await call("/waitlist/mine", { headers: second.headers }))).entries[0];
    expect(secondView).toMatchObject({ waitlistId: secondEntry.waitlistId, status: "offered" });
    const accepted = await call(`/waitlist/${secondEntry.waitlistId}/accept`, json("POST", {}, second));
    expect(accepted.status).toBe(201);
    expect((await body(accepted)).appointment).toMatchObject({ start: "2026-06-26T14:00:00+01:00", status: "confirmed", clientId: second.userId });
    expect((await body(await call("/waitlist/mine", { headers: second.headers }))).entries[0]).toMatchObject({ status: "booked" });
  });

  it("lets a client leave their own entry only", async () => {
    const [jo, kai] = await Promise.all([client(), client()]);
    const { entry } = await body(await call("/waitlist", json("POST", { service: "hydrating-facial", from: "2026-07-01", to: "2026-07-10" }, jo)));
    expect((await call(`/waitlist/${entry.waitlistId}`, { method: "DELETE", headers: { ...kai.headers, origin: "http://localhost" } })).status).toBe(404);
    expect((await call(`/waitlist/${entry.waitlistId}`, { method: "DELETE", headers: { ...jo.headers, origin: "http://localhost" } })).status).toBe(204);
    expect((await body(await call("/waitlist/mine", { headers: jo.headers }))).entries[0].status).toBe("left");
    expect((await call("/waitlist/mine")).status).toBe(401);
  });
});
