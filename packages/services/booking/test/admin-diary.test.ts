import { auditTrailOf } from "@mas/core/audit/audit";
import { Events } from "@mas/core/events/catalogue";
import { beforeAll, describe, expect, it } from "vitest";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { body, book, bookedMinutesAgo, call, client, json, published, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();
let owner: TestUser;
let student: TestUser;
let someone: TestUser;
beforeAll(async () => {
  await seedClinic();
  owner = await signUp("owner");
  student = await signUp("student");
  someone = await client();
});

const clinicBook = (input: Record<string, unknown>) => call("/admin/appointments", json("POST", input, owner));
const appointment = async (id: string) => (await body(await call(`/appointments/${id}`, { headers: owner.headers }))).appointment;

describe("who may use the owner's diary routes", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/admin/diary?from=2026-06-02&to=2026-06-08"],
    ["GET", "/admin/dashboard"],
    ["GET", "/admin/availability?service=hydrating-facial&from=2026-06-02&to=2026-06-02"],
    ["POST", "/admin/appointments", { clientId: "x", service: "hydrating-facial", start: "2026-06-02T10:00:00+01:00", deposit: "link" }],
    ["POST", "/admin/appointments/x/waive-deposit", { reason: "regular client" }],
    ["POST", "/admin/appointments/x/arrived", {}],
    ["POST", "/admin/appointments/x/cancel", { rules: "client" }],
    ["POST", "/admin/appointments/x/move", { rules: "client", start: "2026-06-02T10:00:00+01:00" }],
    ["POST", "/admin/blocks", { date: "2026-06-02", start: "10:00", end: "11:00", reason: "Admin" }],
    ["DELETE", "/admin/blocks/x"],
  ];
  it.each(routes)("%s %s: 401 anonymous, 403 client and student", async (method, path, payload) => {
    expect((await call(path, json(method, payload))).status).toBe(401);
    expect((await call(path, json(method, payload, someone))).status).toBe(403);
    expect((await call(path, json(method, payload, student))).status).toBe(403);
  });

  it.each([
    ["/admin/appointments", { clientId: someone?.userId ?? "x", service: "hydrating-facial", start: "tomorrow", deposit: "link" }, "start"],
    ["/admin/appointments", { clientId: "x", service: "hydrating-facial", start: "2026-06-02T10:00:00+01:00", deposit: "waive" }, "waiveReason"],
    ["/admin/appointments", { clientId: "x", service: "hydrating-facial", start: "2026-06-02T10:00:00+01:00", deposit: "cash" }, "deposit"],
    ["/admin/appointments/x/cancel", { rules: "override" }, "reason"],
    ["/admin/blocks", { date: "2026-06-02", start: "11:00", end: "10:00", reason: "Admin" }, "end"],
    ["/admin/blocks", { date: "2026-02-30", start: "10:00", end: "11:00", reason: "Admin" }, "date"],
  ])("POST %s with bad input: 400 naming the field", async (path, payload, field) => {
    const res = await call(path, json("POST", payload, owner));
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields).toHaveProperty(field);
  });

  it("answers 404 for a client or appointment that does not exist", async () => {
    expect((await clinicBook({ clientId: "nobody", service: "hydrating-facial", start: "2026-06-03T10:00:00+01:00", deposit: "link" })).status).toBe(404);
    expect((await call("/admin/appointments/nope/arrived", json("POST", {}, owner))).status).toBe(404);
  });
});

describe("booking for a client", () => {
  it("waives the deposit with a reason: confirmed at once, audited", async () => {
    const res = await clinicBook({ clientId: someone.userId, service: "lip-filler-one-ml", start: "2026-06-03T10:15:00+01:00", deposit: "waive", waiveReason: "Long-standing client" });
    expect(res.status).toBe(201);
    const { appointment: booked } = await body(res);
    expect(booked).toMatchObject({ status: "confirmed", depositInPence: 0, depositWaived: true, clientId: someone.userId });
    expect((await auditTrailOf(booked.appointmentId)).map((a) => a.action)).toContain("booking.deposit_waived");
    expect(await published("appointment.confirmed")).toContainEqual(expect.objectContaining({ appointmentId: booked.appointmentId, confirmedBy: "clinic" }));
  });

  it("sends a deposit link: held for a day, not 15 minutes, and confirmed when the deposit is paid", async () => {
    const { appointment: booked } = await body(await clinicBook({ clientId: someone.userId, service: "lip-filler-one-ml", start: "2026-06-04T10:15:00+01:00", deposit: "link" }));
    expect(booked.status).toBe("pending_deposit");
    expect(Date.parse(booked.holdExpiresAt) - platform().scheduler.now().getTime()).toBeGreaterThanOrEqual(24 * 3_600_000 - 1_000);
    await publish(Events.PaymentSucceeded, { paymentId: "pay_in_clinic_1", kind: "deposit", subjectId: booked.appointmentId, userId: someone.userId, amountInPence: 5_000 });
    await platform().bus.idle();
    expect(await appointment(booked.appointmentId)).toMatchObject({ status: "confirmed", depositPaidInPence: 5_000 });
  });

  it("waives a pending deposit later, and refuses to waive twice", async () => {
    const { appointment: booked } = await body(await clinicBook({ clientId: someone.userId, service: "lip-filler-one-ml", start: "2026-06-05T10:15:00+01:00", deposit: "in_clinic" }));
    const res = await call(`/admin/appointments/${booked.appointmentId}/waive-deposit`, json("POST", { reason: "Card machine down" }, owner));
    expect(res.status).toBe(200);
    expect((await body(res)).appointment).toMatchObject({ status: "confirmed", depositWaived: true, holdExpiresAt: null });
    expect((await call(`/admin/appointments/${booked.appointmentId}/waive-deposit`, json("POST", { reason: "Card machine down" }, owner))).status).toBe(409);
  });

  it("refuses a taken slot (409) and an ineligible client (422), as the client's booking does", async () => {
    expect((await clinicBook({ clientId: someone.userId, service: "lip-filler-one-ml", start: "2026-06-03T10:15:00+01:00", deposit: "link" })).status).toBe(409);
    const young = await client("2010-01-01");
    const res = await clinicBook({ clientId: young.userId, service: "lip-filler-one-ml", start: "2026-06-10T14:15:00+01:00", deposit: "link" });
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe("booking.under_min_age");
  });
});

describe("the day at the front desk", () => {
  it("marks arrival on a confirmed appointment only", async () => {
    const { appointment: booked } = await body(await clinicBook({ clientId: someone.userId, service: "hydrating-facial", start: "2026-06-09T14:00:00+01:00", deposit: "link" }));
    expect(booked.status).toBe("confirmed"); // no deposit for this treatment
    const res = await call(`/admin/appointments/${booked.appointmentId}/arrived`, json("POST", {}, owner));
    expect(res.status).toBe(200);
    expect((await body(res)).appointment.arrivedAt).toMatch(/^2026-06-01T/);
  });

  it("cancels for the client with their rules (late fee inside the window) or by override (no fee, audited)", async () => {
    const late = await body(await book(someone, "lip-filler-one-ml", "2026-06-02T14:15:00+01:00"));
    await publish(Events.PaymentSucceeded, { paymentId: "pay_late_1", kind: "deposit", subjectId: late.appointment.appointmentId, userId: someone.userId, amountInPence: 5_000 });
    await platform().bus.idle();
    await bookedMinutesAgo(late.appointment.appointmentId, 90); // past the grace period
    const byRules = await call(`/admin/appointments/${late.appointment.appointmentId}/cancel`, json("POST", { rules: "client" }, owner));
    expect(byRules.status).toBe(200);
    const { cancellation } = await body(byRules);
    expect(cancellation).toMatchObject({ late: true });
    expect(cancellation.feeInPence).toBeGreaterThan(0);

    const { appointment: other } = await body(await clinicBook({ clientId: someone.userId, service: "hydrating-facial", start: "2026-06-02T16:00:00+01:00", deposit: "link" }));
    const overridden = await call(`/admin/appointments/${other.appointmentId}/cancel`, json("POST", { rules: "override", reason: "Practitioner unwell" }, owner));
    expect(overridden.status).toBe(200);
    expect((await body(overridden)).cancellation).toMatchObject({ late: false, feeInPence: 0 });
    expect((await auditTrailOf(other.appointmentId)).map((a) => a.action)).toContain("booking.cancelled_by_override");
  });

  it("moves inside the window only by override", async () => {
    const { appointment: booked } = await body(await clinicBook({ clientId: someone.userId, service: "hydrating-facial", start: "2026-06-02T11:00:00+01:00", deposit: "link" }));
    await bookedMinutesAgo(booked.appointmentId, 90); // past the grace period, when a client could still have moved it
    const refused = await call(`/admin/appointments/${booked.appointmentId}/move`, json("POST", { rules: "client", start: "2026-06-11T11:00:00+01:00" }, owner));
    expect(refused.status).toBe(422);
    const moved = await call(`/admin/appointments/${booked.appointmentId}/move`, json("POST", { rules: "override", reason: "Client asked, practitioner agreed", start: "2026-06-11T11:00:00+01:00" }, owner));
    expect(moved.status).toBe(200);
    expect((await body(moved)).appointment.start).toBe("2026-06-11T11:00:00+01:00");
  });

  it("blocks time: the slots go from availability and the diary shows the block until it is removed", async () => {
    const starts = async () => (await body(await call("/availability?service=hydrating-facial&from=2026-06-16&to=2026-06-16"))).slots.map((s: { start: string }) => s.start);
    expect(await starts()).toContain("2026-06-16T10:00:00+01:00");
    const res = await call("/admin/blocks", json("POST", { date: "2026-06-16", start: "10:00", end: "12:00", reason: "Stock take" }, owner));
    expect(res.status).toBe(201);
    const { block } = await body(res);
    expect(await starts()).not.toContain("2026-06-16T10:00:00+01:00");
    expect(await starts()).toContain("2026-06-16T12:00:00+01:00");
    const diary = await body(await call("/admin/diary?from=2026-06-16&to=2026-06-16", { headers: owner.headers }));
    expect(diary.days[0].blocks).toEqual([expect.objectContaining({ blockId: block.blockId, reason: "Stock take" })]);
    expect((await call(`/admin/blocks/${block.blockId}`, json("DELETE", undefined, owner))).status).toBe(204);
    expect(await starts()).toContain("2026-06-16T10:00:00+01:00");
    expect((await call(`/admin/blocks/${block.blockId}`, json("DELETE", undefined, owner))).status).toBe(404);
  });

  it("books a walk-in today, inside the notice a client would need", async () => {
    await platform().scheduler.advanceBy(23.5 * 3_600_000); // Tuesday 2 June, 09:30 BST
    const clientTry = await book(await client(), "hydrating-facial", "2026-06-02T10:00:00+01:00");
    expect(clientTry.status).toBe(422);
    const slots = (await body(await call("/admin/availability?service=hydrating-facial&from=2026-06-02&to=2026-06-02", { headers: owner.headers }))).slots.map((s: { start: string }) => s.start);
    expect(slots).toContain("2026-06-02T10:00:00+01:00");
    const res = await clinicBook({ clientId: someone.userId, service: "hydrating-facial", start: "2026-06-02T10:00:00+01:00", deposit: "link" });
    expect(res.status).toBe(201);
    expect((await body(res)).appointment.status).toBe("confirmed");
  });
});

describe("the dashboard", () => {
  it("lists today's appointments with their safety flags and counts what needs action", async () => {
    // The walk-in above: booked by the owner, no consent form issued yet (documents is not running here).
    const res = await call("/admin/dashboard", { headers: owner.headers });
    expect(res.status).toBe(200);
    const dashboard = await body(res);
    expect(dashboard.today).toBe("2026-06-02");
    const walkIn = dashboard.agenda.today.find((a: { start: string }) => a.start === "2026-06-02T10:00:00+01:00");
    expect(walkIn.flags.map((f: { code: string }) => f.code)).toContain("consent_missing");
    expect(dashboard.trend).toHaveLength(12);
    expect(dashboard.window.utilisationPercent).toBeGreaterThanOrEqual(0);
    expect(dashboard.actions).toMatchObject({ toReview: expect.any(Number), unpaidHolds: expect.any(Number), reviewsWaiting: 0 });
  });
});
