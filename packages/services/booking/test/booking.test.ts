import { beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { body, book, call, client, json, published, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();
let owner: TestUser;
beforeAll(async () => {
  await seedClinic();
  owner = await signUp("owner");
});

// Tuesday 2026-06-09 is open 10:00–13:00 and 14:00–18:00 BST (09:00Z–12:00Z, 13:00Z–17:00Z).
describe("POST /appointments", () => {
  it("confirms a no-deposit treatment at once and publishes appointment.confirmed", async () => {
    const alice = await client();
    const res = await book(alice, "hydrating-facial", "2026-06-09T10:00:00+01:00");
    expect(res.status).toBe(201);
    const { appointment } = await body(res);
    expect(appointment).toMatchObject({
      status: "confirmed",
      start: "2026-06-09T10:00:00+01:00",
      end: "2026-06-09T11:00:00+01:00",
      service: { slug: "hydrating-facial", name: "Hydrating facial", category: "facial" },
      priceInPence: 6_000,
      depositInPence: 0,
      holdExpiresAt: null,
    });
    const events = await published("appointment.confirmed");
    expect(events).toContainEqual(expect.objectContaining({ appointmentId: appointment.appointmentId, clientId: alice.userId, start: "2026-06-09T10:00:00+01:00", confirmedBy: "client" }));

    const slots = await body(await call("/availability?service=hydrating-facial&from=2026-06-09&to=2026-06-09"));
    expect(slots.slots.map((s: { start: string }) => s.start)).not.toContain("2026-06-09T10:00:00+01:00");
    expect(slots.slots.map((s: { start: string }) => s.start)).toContain("2026-06-09T11:00:00+01:00");
  });

  it("holds a deposit treatment for 15 minutes, schedules the release and publishes appointment.requested", async () => {
    const bob = await client();
    const res = await book(bob, "lip-filler-one-ml", "2026-06-10T14:15:00+01:00");
    expect(res.status).toBe(201);
    const { appointment } = await body(res);
    expect(appointment).toMatchObject({ status: "pending_deposit", depositInPence: 5_000, holdExpiresAt: "2026-06-01T10:15:00+01:00" });
    expect(platform().scheduler.schedules().map((s) => s.Name)).toContain(`hold-${appointment.appointmentId}`);
    expect(await published("appointment.requested")).toContainEqual(
      expect.objectContaining({ appointmentId: appointment.appointmentId, status: "pending_deposit", holdExpiresAt: "2026-06-01T10:15:00+01:00", depositInPence: 5_000 }),
    );
  });

  it("answers a retry with the same Idempotency-Key with the same appointment, once", async () => {
    const carol = await client();
    const headers = { "idempotency-key": "0b8f6d1e-6a4f-4a57-9c55-7d2cf0d1e001" };
    const first = await book(carol, "hydrating-facial", "2026-06-11T15:00:00+01:00", headers);
    const second = await book(carol, "hydrating-facial", "2026-06-11T15:00:00+01:00", headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect((await body(second)).appointment).toEqual((await body(first)).appointment);
    const mine = await body(await call("/appointments/mine", { headers: carol.headers }));
    expect(mine.upcoming).toHaveLength(1);

    const reused = await book(carol, "hydrating-facial", "2026-06-11T16:00:00+01:00", headers);
    expect(reused.status).toBe(422);
    expect((await body(reused)).error.code).toBe("booking.idempotency_key_reused");
  });

  it("answers 20 requests sharing an Idempotency-Key in flight with the same 201 (a retried booking is never told it failed)", async () => {
    for (const [i, start] of ["2026-06-23T10:00:00+01:00", "2026-06-23T14:00:00+01:00", "2026-06-25T11:00:00+01:00"].entries()) {
      const fran = await client();
      const headers = { "idempotency-key": `0b8f6d1e-6a4f-4a57-9c55-7d2cf0d1e10${i}` };
      const answers = await Promise.all(Array.from({ length: 20 }, () => book(fran, "hydrating-facial", start, headers)));
      const bodies = await Promise.all(answers.map((res) => body(res)));
      expect(answers.map((res) => res.status), JSON.stringify(bodies.find((b) => b.error))).toEqual(Array(20).fill(201));
      const ids = new Set(bodies.map((b) => b.appointment.appointmentId));
      expect(ids.size).toBe(1);
      expect(answers.filter((res) => res.headers.get("idempotent-replayed") !== "true")).toHaveLength(1);
      expect((await body(await call("/appointments/mine", { headers: fran.headers }))).upcoming).toHaveLength(1);
    }
  });

  it("refuses a taken slot with 409 booking.slot_taken", async () => {
    const [dan, erin] = await Promise.all([client(), client()]);
    expect((await book(dan, "hydrating-facial", "2026-06-11T10:00:00+01:00")).status).toBe(201);
    const res = await book(erin, "hydrating-facial", "2026-06-11T10:30:00+01:00");
    expect(res.status).toBe(409);
    expect((await body(res)).error.code).toBe("booking.slot_taken");
  });

  it.each([
    ["too soon (24 h notice)", "2026-06-02T09:00:00+01:00", "booking.too_soon"],
    ["a closure", "2026-06-12T10:00:00+01:00", "booking.closed"],
    ["a training day", "2026-06-17T10:00:00+01:00", "booking.closed"],
    ["a Monday", "2026-06-08T10:00:00+01:00", "booking.closed"],
    ["over lunch", "2026-06-09T12:30:00+01:00", "booking.outside_hours"],
    ["off the grid", "2026-06-09T10:05:00+01:00", "booking.off_grid"],
    ["beyond the 90-day horizon", "2026-09-15T10:00:00+01:00", "booking.beyond_horizon"],
  ])("refuses %s with 422", async (_case, start, code) => {
    const res = await book(await client(), "hydrating-facial", start);
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe(code);
  });

  it.each([
    ["no body", undefined, ["service", "start"]],
    ["a start without offset", { service: "hydrating-facial", start: "2026-06-09T10:00:00" }, ["start"]],
    ["a missing service", { start: "2026-06-09T10:00:00+01:00" }, ["service"]],
  ])("answers %s with 400 and field messages", async (_case, payload, fields) => {
    const res = await call("/appointments", json("POST", payload ?? {}, await client()));
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(fields));
  });

  it("refuses a short Idempotency-Key with 400", async () => {
    const res = await book(await client(), "hydrating-facial", "2026-06-09T16:00:00+01:00", { "idempotency-key": "x" });
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields).toHaveProperty("idempotency-key");
  });

  it("refuses a cross-site form post (CSRF) with 403", async () => {
    const mallory = await client();
    const res = await call("/appointments", {
      method: "POST",
      headers: { ...mallory.headers, "content-type": "text/plain", origin: "https://evil.example" },
      body: JSON.stringify({ service: "hydrating-facial", start: "2026-06-09T16:00:00+01:00" }),
    });
    expect(res.status).toBe(403);
    expect((await body(res)).error.code).toBe("auth.csrf_rejected");
  });

  it("404s an unknown treatment and 401s anonymous callers", async () => {
    expect((await book(await client(), "nope", "2026-06-09T16:00:00+01:00")).status).toBe(404);
    const anonymous = await call("/appointments", json("POST", { service: "hydrating-facial", start: "2026-06-09T16:00:00+01:00" }));
    expect(anonymous.status).toBe(401);
  });
});

describe("eligibility at booking", () => {
  it("needs a date of birth for an age-limited treatment", async () => {
    const res = await book(await signUp("client"), "lip-filler-one-ml", "2026-06-09T14:15:00+01:00");
    expect(res.status).toBe(422);
    expect((await body(res)).error.code).toBe("booking.dob_required");
  });

  it("refuses filler under 18 (age on the day of the appointment)", async () => {
    const res = await book(await client("2008-06-10"), "lip-filler-one-ml", "2026-06-09T14:15:00+01:00");
    expect((await body(res)).error.code).toBe("booking.under_min_age");
    const onBirthday = await book(await client("2008-06-09"), "lip-filler-one-ml", "2026-06-09T14:15:00+01:00");
    expect(onBirthday.status).toBe(201);
  });

  it("needs a valid patch test for a peel, recorded by the owner at least 48 h before", async () => {
    const frank = await client();
    const refused = await book(frank, "chemical-peel", "2026-06-13T10:00:00+01:00");
    expect(refused.status).toBe(422);
    expect((await body(refused)).error.code).toBe("booking.patch_test_required");
    const recorded = await call(`/admin/clients/${frank.userId}/patch-tests`, json("POST", { testedAt: "2026-06-01T09:30:00+01:00", result: "pass", product: "Glycolic 30%" }, owner));
    expect(recorded.status).toBe(201);
    expect((await book(frank, "chemical-peel", "2026-06-13T10:00:00+01:00")).status).toBe(201);
  });

  it("needs a completed consultation before a prescription-only treatment", async () => {
    const gina = await client();
    const refused = await book(gina, "anti-wrinkle-one-area", "2026-06-13T11:00:00+01:00");
    expect((await body(refused)).error.code).toBe("booking.consultation_required");
    await call(
      `/admin/clients/${gina.userId}/treatments`,
      json("POST", { kind: "consultation", performedAt: "2026-05-20T10:00:00+01:00", serviceName: "Consultation", notes: "Suitable for toxin" }, owner),
    );
    expect((await book(gina, "anti-wrinkle-one-area", "2026-06-13T11:00:00+01:00")).status).toBe(201);
  });

  it("books a client whose medical answers raise flags as pending_review, for the owner to approve", async () => {
    const hana = await client();
    const answers = {
      pregnant: false,
      breastfeeding: true,
      takesAnticoagulants: false,
      allergicToLidocaine: false,
      allergicToHyaluronidase: false,
      autoimmuneCondition: false,
      isotretinoin: { status: "never" },
      keloidScarring: false,
    };
    expect((await call("/me/medical", json("POST", { answers }, hana))).status).toBe(201);
    const res = await book(hana, "hydrating-facial", "2026-06-13T12:00:00+01:00");
    const { appointment } = await body(res);
    expect(appointment).toMatchObject({ status: "pending_review", needsReview: true, riskFlags: ["pregnant_or_breastfeeding"] });
    expect(await published("appointment.requested")).toContainEqual(expect.objectContaining({ appointmentId: appointment.appointmentId, status: "pending_review", holdExpiresAt: null }));

    expect((await call(`/admin/appointments/${appointment.appointmentId}/approve`, json("POST", {}, hana))).status).toBe(403);
    const approved = await call(`/admin/appointments/${appointment.appointmentId}/approve`, json("POST", {}, owner));
    expect((await body(approved)).appointment.status).toBe("confirmed");
    // The owner's own act: messaging sends her no "new booking" alert for it.
    expect(await published("appointment.confirmed")).toContainEqual(expect.objectContaining({ appointmentId: appointment.appointmentId, confirmedBy: "clinic" }));
  });
});

describe("reading appointments", () => {
  it("shows a client their own, the owner anyone's, and nobody else's (404)", async () => {
    const [ivy, jack] = await Promise.all([client(), client()]);
    const { appointment } = await body(await book(ivy, "hydrating-facial", "2026-06-16T10:00:00+01:00"));
    const path = `/appointments/${appointment.appointmentId}`;
    expect((await call(path)).status).toBe(401);
    expect((await call(path, { headers: ivy.headers })).status).toBe(200);
    expect((await call(path, { headers: jack.headers })).status).toBe(404);
    expect((await call(path, { headers: owner.headers })).status).toBe(200);
    expect((await call("/appointments/missing", { headers: owner.headers })).status).toBe(404);

    const mine = await body(await call("/appointments/mine", { headers: jack.headers }));
    expect(mine).toEqual({ upcoming: [], past: [] });
    expect((await call("/appointments/mine")).status).toBe(401);
  });

  it("serves an ICS file for the client's appointment", async () => {
    const kim = await client();
    const { appointment } = await body(await book(kim, "hydrating-facial", "2026-06-16T14:00:00+01:00"));
    const res = await call(`/appointments/${appointment.appointmentId}/calendar.ics`, { headers: kim.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const ics = await res.text();
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("DTSTART:20260616T130000Z");
    expect(ics).toContain(`appointment-${appointment.appointmentId}@`);
    expect((await call(`/appointments/${appointment.appointmentId}/calendar.ics`, { headers: (await client()).headers })).status).toBe(404);
  });
});
