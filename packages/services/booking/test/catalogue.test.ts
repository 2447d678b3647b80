import { beforeAll, describe, expect, it } from "vitest";
import { body, call, client, clinicSettings, json, seedClinic, signUp, treatments, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();
let owner: TestUser;
let someone: TestUser;
beforeAll(async () => {
  await seedClinic();
  [owner, someone] = await Promise.all([signUp("owner"), client()]);
});

describe("public treatment menu", () => {
  it("lists active treatments with their deposit, and one by slug", async () => {
    const { services } = await body(await call("/services"));
    expect(services.map((s: { slug: string }) => s.slug).sort()).toEqual(["anti-wrinkle-one-area", "chemical-peel", "hydrating-facial", "lip-filler-one-ml"]);
    const res = await call("/services/lip-filler-one-ml");
    expect(res.status).toBe(200);
    expect((await body(res)).service).toMatchObject({ name: "Lip filler, 1 ml", priceInPence: 22_000, depositInPence: 5_000, minAge: 18 });
    expect((await call("/services/nope")).status).toBe(404);
  });

  it("shows the opening hours and the closures still to come", async () => {
    const hours = await body(await call("/settings/public"));
    expect(hours).toEqual({
      timeZone: "Europe/London",
      weeklyHours: clinicSettings.weeklyHours,
      closures: clinicSettings.closures,
      extraHours: [],
      policy: { cancellationWindowHours: 48, cancellationGraceMinutes: 60, lateCancelFeePercent: 50, noShowFeePercent: 100, minimumNoticeHours: 24, bookingHorizonDays: 90 },
    });
  });
});

describe("GET /availability", () => {
  it("lists starts in Europe/London with offsets, honouring hours, buffers and notice", async () => {
    const res = await call("/availability?service=lip-filler-one-ml&from=2026-06-01&to=2026-06-02");
    expect(res.status).toBe(200);
    const { slots } = await body(res);
    // Monday closed; Tuesday 10:00–13:00 with 15 min buffers each side: 10:15, 10:30, … 11:45.
    expect(slots.slice(0, 3)).toEqual([
      { start: "2026-06-02T10:15:00+01:00", end: "2026-06-02T11:15:00+01:00" },
      { start: "2026-06-02T10:30:00+01:00", end: "2026-06-02T11:30:00+01:00" },
      { start: "2026-06-02T10:45:00+01:00", end: "2026-06-02T11:45:00+01:00" },
    ]);
    expect(slots.map((s: { start: string }) => s.start)).not.toContain("2026-06-02T12:00:00+01:00");
  });

  it("returns nothing on closures and training days", async () => {
    for (const date of ["2026-06-12", "2026-06-17"]) {
      expect((await body(await call(`/availability?service=hydrating-facial&from=${date}&to=${date}`))).slots).toEqual([]);
    }
  });

  it.each([
    ["no parameters", "", ["service", "from", "to"]],
    ["a bad date", "?service=hydrating-facial&from=2026-02-30&to=2026-03-01", ["from"]],
    ["a backwards range", "?service=hydrating-facial&from=2026-06-10&to=2026-06-09", ["to"]],
    ["more than 62 days", "?service=hydrating-facial&from=2026-06-01&to=2026-08-02", ["to"]],
  ])("answers %s with 400 and fields", async (_case, query, fields) => {
    const res = await call(`/availability${query}`);
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields)).toEqual(expect.arrayContaining(fields));
  });

  it("accepts exactly 62 days, and 404s an unknown treatment", async () => {
    expect((await call("/availability?service=hydrating-facial&from=2026-06-01&to=2026-08-01")).status).toBe(200);
    expect((await call("/availability?service=nope&from=2026-06-01&to=2026-06-02")).status).toBe(404);
  });
});

describe("owner: settings", () => {
  it.each([
    ["anonymous", () => undefined, 401],
    ["a client", () => someone, 403],
    ["the owner", () => owner, 200],
  ])("GET /admin/settings as %s → %i", async (_who, as, status) => {
    expect((await call("/admin/settings", { headers: as()?.headers ?? {} })).status).toBe(status);
  });

  it("saves valid settings with defaults applied, and refuses overlapping ranges with fields", async () => {
    const update = { ...clinicSettings, minimumNoticeMinutes: 720 };
    expect((await call("/admin/settings", json("PUT", update, someone))).status).toBe(403);
    const res = await call("/admin/settings", json("PUT", update, owner));
    expect(res.status).toBe(200);
    expect((await body(res)).settings).toMatchObject({ minimumNoticeMinutes: 720, slotStepMinutes: 15, bookingHorizonDays: 90, cancellationWindowHours: 48 });

    const overlapping = { ...clinicSettings, weeklyHours: [[], [], [{ start: "10:00", end: "13:00" }, { start: "12:00", end: "18:00" }], [], [], [], []] };
    const bad = await call("/admin/settings", json("PUT", overlapping, owner));
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.fields).toHaveProperty(["weeklyHours.2.1.start"]);
    await call("/admin/settings", json("PUT", clinicSettings, owner));
  });
});

describe("owner: treatments", () => {
  const microneedling = { ...treatments.facial, name: "Microneedling", slug: "microneedling", category: "microneedling", priceInPence: 18_000, deposit: { kind: "fixed", amountInPence: 5_000 } };

  it.each([
    ["anonymous", () => undefined, 401],
    ["a client", () => someone, 403],
  ])("refuses %s on every owner treatment route", async (_who, as, status) => {
    const headers = as()?.headers ?? {};
    expect((await call("/admin/services", { headers })).status).toBe(status);
    expect((await call("/admin/services", json("POST", microneedling, as()))).status).toBe(status);
    expect((await call("/admin/services/x", json("PATCH", { priceInPence: 1 }, as()))).status).toBe(status);
    expect((await call("/admin/services/x", { method: "DELETE", headers: { ...headers, origin: "http://localhost" } })).status).toBe(status);
  });

  it("creates, renames, reprices and archives a treatment; slugs stay unique", async () => {
    const created = await call("/admin/services", json("POST", microneedling, owner));
    expect(created.status).toBe(201);
    const { service } = await body(created);
    expect((await call("/admin/services", json("POST", { ...microneedling, name: "Copy" }, owner))).status).toBe(409);

    const renamed = await call(`/admin/services/${service.id}`, json("PATCH", { slug: "collagen-microneedling", priceInPence: 19_500 }, owner));
    expect((await body(renamed)).service).toMatchObject({ slug: "collagen-microneedling", priceInPence: 19_500 });
    expect((await call("/services/microneedling")).status).toBe(404);
    expect((await call("/services/collagen-microneedling")).status).toBe(200);
    // The old slug is free again; a taken one is refused.
    expect((await call("/admin/services", json("POST", microneedling, owner))).status).toBe(201);
    const clash = await call(`/admin/services/${service.id}`, json("PATCH", { slug: "hydrating-facial" }, owner));
    expect(clash.status).toBe(409);
    expect((await body(clash)).error.code).toBe("booking.slug_taken");

    const archived = await call(`/admin/services/${service.id}`, { method: "DELETE", headers: { ...owner.headers, origin: "http://localhost" } });
    expect((await body(archived)).service.active).toBe(false);
    expect((await call("/services/collagen-microneedling")).status).toBe(404);
    const all = (await body(await call("/admin/services", { headers: owner.headers }))).services;
    expect(all.find((s: { id: string }) => s.id === service.id)).toMatchObject({ active: false });
  });

  it("refuses invalid treatments with field messages", async () => {
    const res = await call("/admin/services", json("POST", { ...microneedling, slug: "Not A Slug", durationMinutes: 0, deposit: { kind: "fixed" } }, owner));
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields)).toEqual(expect.arrayContaining(["slug", "durationMinutes", "deposit.amountInPence"]));
  });
});

describe("who may call what", () => {
  const publicRoutes = ["/services", "/services/hydrating-facial", "/settings/public", "/reviews/published", "/availability?service=hydrating-facial&from=2026-06-09&to=2026-06-10"];
  const signedIn: [string, string, unknown?][] = [
    ["POST", "/appointments", { service: "hydrating-facial", start: "2026-06-09T10:00:00+01:00" }],
    ["GET", "/appointments/mine"],
    ["GET", "/appointments/x"],
    ["GET", "/appointments/x/cancellation"],
    ["POST", "/appointments/x/cancel", {}],
    ["POST", "/appointments/x/reschedule", { start: "2026-06-09T10:00:00+01:00" }],
    ["GET", "/appointments/x/calendar.ics"],
    ["GET", "/appointments/x/review"],
    ["POST", "/appointments/x/review", { rating: 5 }],
    ["POST", "/waitlist", { service: "hydrating-facial", from: "2026-06-09", to: "2026-06-10" }],
    ["GET", "/waitlist/mine"],
    ["GET", "/waitlist/x"],
    ["DELETE", "/waitlist/x"],
    ["POST", "/waitlist/x/accept", {}],
    ["GET", "/me/profile"],
    ["PUT", "/me/profile", {}],
    ["GET", "/me/medical"],
    ["GET", "/me/medical/status"],
    ["POST", "/me/medical", {}],
    ["GET", "/me/treatments"],
  ];
  const ownerOnly: [string, string, unknown?][] = [
    ["GET", "/admin/settings"],
    ["PUT", "/admin/settings", clinicSettings],
    ["GET", "/admin/services"],
    ["GET", "/admin/services/x"],
    ["POST", "/admin/services", {}],
    ["PATCH", "/admin/services/x", {}],
    ["DELETE", "/admin/services/x"],
    ["GET", "/admin/calendar?from=2026-06-09&to=2026-06-10"],
    ["POST", "/admin/appointments/x/approve", {}],
    ["POST", "/admin/appointments/x/complete", {}],
    ["POST", "/admin/appointments/x/no-show", {}],
    ["GET", "/admin/clients?q=a"],
    ["GET", "/admin/clients/x"],
    ["POST", "/admin/clients/x/treatments", {}],
    ["POST", "/admin/clients/x/patch-tests", {}],
    ["POST", "/admin/clients/x/notes", {}],
    ["POST", "/admin/media", {}],
    ["POST", "/admin/media/x/confirm", {}],
    ["GET", "/admin/recalls?batch=A1"],
    ["GET", "/admin/reviews"],
    ["POST", "/admin/reviews/x/publish", {}],
    ["POST", "/admin/reviews/x/unpublish", {}],
  ];
  const request = (method: string, path: string, payload: unknown, as?: TestUser) =>
    call(path, { ...json(method, payload, as), headers: { ...json(method, payload, as).headers, origin: "http://localhost" } });

  it.each(publicRoutes)("GET %s is public", async (path) => {
    expect((await call(path)).status).toBe(200);
  });

  it.each([...signedIn, ...ownerOnly])("%s %s refuses anonymous callers with 401", async (method, path, payload) => {
    const res = await request(method, path, payload);
    expect(res.status).toBe(401);
    expect((await body(res)).error.code).toBe("auth.unauthenticated");
  });

  it.each(ownerOnly)("%s %s refuses clients with 403", async (method, path, payload) => {
    const res = await request(method, path, payload, someone);
    expect(res.status).toBe(403);
    expect((await body(res)).error.code).toBe("auth.forbidden");
  });
});
