import { beforeAll, describe, expect, it } from "vitest";
import { createService } from "../src/domain/catalogue";
import { body, book, call, client, json, seedClinic, signUp, START, useSchedulerClock, type TestUser } from "./support";

/**
 * The client journey (issue 14): requirements before effort, a patch test or consultation
 * booked first and then the treatment, the cancellation terms shown before booking, and the
 * date of birth asked for in plain words. Now is Monday 2026-06-01 10:00 BST; 24 h notice.
 */
useSchedulerClock();
let owner: TestUser;
beforeAll(async () => {
  await seedClinic();
  await createService({ name: "Patch test", slug: "patch-test", category: "patch-test", priceInPence: 0, durationMinutes: 15, deposit: { kind: "none" }, minAge: 16 }, START);
  await createService({ name: "Consultation", slug: "consultation", category: "consultation", priceInPence: 0, durationMinutes: 30, deposit: { kind: "none" }, minAge: 18 }, START);
  owner = await signUp("owner");
});

const startsOf = async (service: string, from: string, to: string, as?: TestUser) =>
  (await body(await call(`/availability?service=${service}&from=${from}&to=${to}`, { headers: as?.headers ?? {} }))).slots.map((s: { start: string }) => s.start) as string[];

describe("GET /services/:slug — what a client needs first", () => {
  it("names the patch test, its lead time, the minimum age and the treatment to book first", async () => {
    const res = await call("/services/chemical-peel");
    expect(res.status).toBe(200);
    expect((await body(res)).requirements).toEqual({
      minAge: 16,
      consultation: false,
      patchTest: { leadHours: 48, validMonths: 6 },
      patchTestService: { slug: "patch-test", name: "Patch test" },
      consultationService: null,
    });
    expect((await body(await call("/services/anti-wrinkle-one-area"))).requirements).toMatchObject({ consultation: true, consultationService: { slug: "consultation" }, patchTest: null });
    expect((await body(await call("/services/hydrating-facial"))).requirements).toEqual({ minAge: null, consultation: false, patchTest: null, patchTestService: null, consultationService: null });
  });
});

describe("the calendar offers only times that can pass the patch-test rule", () => {
  it("signed out (a new client): nothing before the earliest patch test + 48 h", async () => {
    // Earliest booking is Tuesday 2 June 10:00 BST (24 h notice); + 48 h = Thursday 4 June 10:00.
    const starts = await startsOf("chemical-peel", "2026-06-02", "2026-06-05");
    expect(starts[0]).toBe("2026-06-04T10:00:00+01:00");
    // A prescription treatment: from when a consultation booked at the earliest time would end (30 min).
    expect((await startsOf("anti-wrinkle-one-area", "2026-06-02", "2026-06-02"))[0]).toBe("2026-06-02T10:30:00+01:00");
    // The facial (no patch test) is offered from the earliest notice.
    expect((await startsOf("hydrating-facial", "2026-06-02", "2026-06-02"))[0]).toBe("2026-06-02T10:00:00+01:00");
  });

  it("books the patch test first, then the treatment at a time the calendar offers (awaiting the result)", async () => {
    const nia = await client();
    expect((await book(nia, "patch-test", "2026-06-03T14:00:00+01:00")).status).toBe(201);
    const starts = await startsOf("chemical-peel", "2026-06-02", "2026-06-06", nia);
    expect(starts[0]).toBe("2026-06-05T14:00:00+01:00");
    expect(starts).not.toContain("2026-06-05T13:45:00+01:00");
    // Another client's calendar is not moved by Nia's patch test.
    expect((await startsOf("chemical-peel", "2026-06-02", "2026-06-06", await client()))[0]).toBe("2026-06-04T10:00:00+01:00");

    const tooSoon = await book(nia, "chemical-peel", "2026-06-04T10:00:00+01:00");
    expect(tooSoon.status).toBe(422);
    expect((await body(tooSoon)).error.code).toBe("booking.patch_test_required");
    const booked = await book(nia, "chemical-peel", starts[0]!);
    expect(booked.status).toBe(201);
    expect((await body(booked)).appointment).toMatchObject({ status: "confirmed", awaiting: ["patch_test"] });
  });

  it("a cancelled patch test no longer counts", async () => {
    const omar = await client();
    const { appointment } = await body(await book(omar, "patch-test", "2026-06-03T15:00:00+01:00"));
    await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, omar));
    const refused = await book(omar, "chemical-peel", "2026-06-05T16:00:00+01:00");
    expect((await body(refused)).error.code).toBe("booking.patch_test_required");
  });

  it("a consultation booked first lets the prescription treatment be booked after it", async () => {
    const pia = await client();
    expect((await book(pia, "consultation", "2026-06-03T11:00:00+01:00")).status).toBe(201);
    expect((await body(await book(pia, "anti-wrinkle-one-area", "2026-06-03T10:00:00+01:00"))).error.code).toBe("booking.consultation_required");
    const after = await book(pia, "anti-wrinkle-one-area", "2026-06-03T11:30:00+01:00");
    expect(after.status).toBe(201);
    expect((await body(after)).appointment.awaiting).toEqual(["consultation"]);
  });
});

describe("GET /me/readiness — where a client stands with a treatment's first steps", () => {
  it("needed, then booked (with when) once a patch test is booked; only the caller's own bookings count", async () => {
    const [rae, sid] = await Promise.all([client(), client()]);
    const readiness = async (as: TestUser) => (await body(await call("/me/readiness?service=chemical-peel", { headers: as.headers }))).readiness;
    expect(await readiness(rae)).toEqual({ patchTest: { state: "needed" }, consultation: null });
    expect((await book(rae, "patch-test", "2026-06-04T15:30:00+01:00")).status).toBe(201);
    expect(await readiness(rae)).toEqual({ patchTest: { state: "booked", at: "2026-06-04T15:30:00+01:00" }, consultation: null });
    expect(await readiness(sid)).toEqual({ patchTest: { state: "needed" }, consultation: null });
  });

  it("401 signed out, 400 without a treatment, 404 for an unknown one", async () => {
    expect((await call("/me/readiness?service=chemical-peel")).status).toBe(401);
    const who = await client();
    const bad = await call("/me/readiness", { headers: who.headers });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.fields).toHaveProperty("service");
    expect((await call("/me/readiness?service=nope", { headers: who.headers })).status).toBe(404);
  });
});

describe("date of birth when it matters", () => {
  it("asks in plain words with a field message (422), then books once it is on file", async () => {
    const res = await book(await signUp("client"), "lip-filler-one-ml", "2026-06-09T14:15:00+01:00");
    expect(res.status).toBe(422);
    const message = "This treatment is for clients aged 18 and over. Please tell us your date of birth.";
    expect((await body(res)).error).toMatchObject({ code: "booking.dob_required", message, fields: { dateOfBirth: message } });
  });

  it("does not ask for a treatment without a minimum age", async () => {
    expect((await book(await signUp("client"), "hydrating-facial", "2026-06-09T16:00:00+01:00")).status).toBe(201);
  });
});

describe("GET /booking-terms — what cancelling would cost, before booking", () => {
  it("a slot already inside the window: free for the grace period, then at most the deposit", async () => {
    const res = await call(`/booking-terms?service=lip-filler-one-ml&start=${encodeURIComponent("2026-06-02T14:15:00+01:00")}`);
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({
      terms: { windowHours: 48, lateFeePercent: 50, graceMinutes: 60, lateFeeCapInPence: 5_000 },
      insideWindow: true,
      graceEndsAt: "2026-06-01T11:00:00+01:00",
      lateFeeFrom: "2026-06-01T11:00:00+01:00",
      lateFeeInPence: 5_000,
    });
  });

  it("a slot well ahead: free until the window opens", async () => {
    const terms = await body(await call(`/booking-terms?service=lip-filler-one-ml&start=${encodeURIComponent("2026-06-10T14:15:00+01:00")}`));
    expect(terms).toMatchObject({ insideWindow: false, lateFeeFrom: "2026-06-08T14:15:00+01:00" });
  });

  it("is public; bad input is a 400 with the field's message; an unknown treatment a 404", async () => {
    const bad = await call("/booking-terms?service=lip-filler-one-ml&start=tomorrow");
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.fields.start).toMatch(/ISO date-time/);
    expect((await call("/booking-terms?start=2026-06-10T14:15:00%2B01:00")).status).toBe(400);
    expect((await call(`/booking-terms?service=nope&start=${encodeURIComponent("2026-06-10T14:15:00+01:00")}`)).status).toBe(404);
  });
});

describe("the grace period is an owner setting", () => {
  it("is saved and validated like the other rules (owner only)", async () => {
    const { settings } = await body(await call("/admin/settings", { headers: owner.headers }));
    expect(settings.cancellationGraceMinutes).toBe(60);
    const bad = await call("/admin/settings", json("PUT", { ...settings, cancellationGraceMinutes: -5 }, owner));
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.fields).toHaveProperty("cancellationGraceMinutes");
    expect((await call("/admin/settings", json("PUT", { ...settings, cancellationGraceMinutes: 30 }, await client()))).status).toBe(403);
    expect((await call("/admin/settings", json("PUT", { ...settings, cancellationGraceMinutes: 30 }))).status).toBe(401);
    const saved = await call("/admin/settings", json("PUT", { ...settings, cancellationGraceMinutes: 30 }, owner));
    expect((await body(saved)).settings.cancellationGraceMinutes).toBe(30);
    expect((await body(await call("/settings/public"))).policy.cancellationGraceMinutes).toBe(30);
    await call("/admin/settings", json("PUT", { ...settings, cancellationGraceMinutes: 60 }, owner));
  });
});
