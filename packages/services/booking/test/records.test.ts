import { beforeAll, describe, expect, it } from "vitest";
import { auditTrailOf } from "@mas/core/audit/audit";
import { bookingPersonalData } from "../src/domain/personal-data";
import "../src/domain/personal-data";
import { platform } from "../../../local/test/harness";
import { body, book, call, client, json, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();
let owner: TestUser;
beforeAll(async () => {
  await seedClinic();
  owner = await signUp("owner");
});

const answers = {
  pregnant: false,
  breastfeeding: false,
  takesAnticoagulants: true,
  allergicToLidocaine: false,
  allergicToHyaluronidase: false,
  autoimmuneCondition: false,
  isotretinoin: { status: "stopped", lastDoseOn: "2026-03-01" },
  keloidScarring: false,
};
const treatment = {
  performedAt: "2026-05-20T11:00:00+01:00",
  serviceName: "Lip filler, 1 ml",
  products: [{ name: "Juvederm Volbella 1 ml", batch: " vb41x-2 ", expiry: "2027-08-31" }],
  areas: [{ area: "Upper lip", units: 0.5, notes: "Vermilion border" }],
  aftercare: "No make-up for 12 hours",
  notes: "Slight bruising expected",
  photoFileIds: ["file_before", "file_after"],
};

describe("client profile and consents", () => {
  it("the 2-hour text is its own choice beside texts in general, kept with its time; a non-yes/no answer is refused", async () => {
    const tess = await client();
    const empty = (await body(await call("/me/profile", { headers: tess.headers }))).profile;
    expect(empty.consents).toMatchObject({ sms: null, smsTwoHour: null });
    const on = (await body(await call("/me/profile", json("PUT", { consents: { sms: true, smsTwoHour: true } }, tess)))).profile;
    expect(on.consents.smsTwoHour).toEqual({ granted: true, at: platform().scheduler.now().toISOString() });
    const off = (await body(await call("/me/profile", json("PUT", { consents: { smsTwoHour: false } }, tess)))).profile;
    expect(off.consents).toMatchObject({ sms: { granted: true }, smsTwoHour: { granted: false } });
    const bad = await call("/me/profile", json("PUT", { consents: { smsTwoHour: "yes" } }, tess));
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.fields).toHaveProperty(["consents.smsTwoHour"]);
  });

  it("keeps each consent with the time it was granted or withdrawn", async () => {
    const alice = await client();
    expect((await call("/me/profile")).status).toBe(401);
    const empty = (await body(await call("/me/profile", { headers: alice.headers }))).profile;
    expect(empty).toMatchObject({ address: null, consents: { marketingEmail: null, sms: null, photo: null } });

    const saved = await call(
      "/me/profile",
      json("PUT", {
        address: { line1: "1 High Street", town: "Bath", postcode: "ba1 1aa" },
        emergencyContact: { name: "Sam", phone: "07700 900123", relationship: "Partner" },
        gp: { practice: "Abbey Surgery" },
        consents: { marketingEmail: true, photo: true },
      }, alice),
    );
    const profile = (await body(saved)).profile;
    expect(profile).toMatchObject({ address: { postcode: "BA1 1AA" }, consents: { marketingEmail: { granted: true, at: "2026-06-01T09:00:00.000Z" }, sms: null } });

    await platform().scheduler.advanceBy(60_000);
    const withdrawn = (await body(await call("/me/profile", json("PUT", { consents: { photo: false, marketingEmail: true } }, alice)))).profile;
    expect(withdrawn.consents.photo).toEqual({ granted: false, at: "2026-06-01T09:01:00.000Z" });
    expect(withdrawn.consents.marketingEmail.at).toBe("2026-06-01T09:00:00.000Z");
    expect(withdrawn.address.line1).toBe("1 High Street");

    const bad = await call("/me/profile", json("PUT", { address: { line1: "x", town: "y", postcode: "not a postcode" } }, alice));
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.fields).toHaveProperty(["address.postcode"]);
  });
});

describe("medical history", () => {
  it("records every change as a new version with derived risk flags, and audits reads", async () => {
    const bob = await client();
    expect(await body(await call("/me/medical/status", { headers: bob.headers }))).toEqual({ onFile: false, version: null, recordedAt: null });
    expect((await auditTrailOf(bob.userId)).map((e) => e.action)).not.toContain("booking.medical_history_read");
    expect((await call("/me/medical/status")).status).toBe(401);
    expect((await body(await call("/me/medical", { headers: bob.headers }))).current).toBeNull();
    const first = await call("/me/medical", json("POST", { answers, medications: "Warfarin 5 mg" }, bob));
    expect(first.status).toBe(201);
    expect((await body(first)).current).toMatchObject({ version: 1, riskFlags: ["anticoagulants", "recent_isotretinoin"] });
    await call("/me/medical", json("POST", { answers: { ...answers, takesAnticoagulants: false } }, bob));
    const read = await body(await call("/me/medical", { headers: bob.headers }));
    expect(read.current).toMatchObject({ version: 2, riskFlags: ["recent_isotretinoin"] });
    expect(read.previousVersions).toEqual([{ version: 1, recordedAt: expect.any(String) }]);
    expect(await body(await call("/me/medical/status", { headers: bob.headers }))).toMatchObject({ onFile: true, version: 2 });
    expect((await auditTrailOf(bob.userId)).map((e) => e.action)).toContain("booking.medical_history_read");

    const bad = await call("/me/medical", json("POST", { answers: { ...answers, pregnant: "no" } }, bob));
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.fields).toHaveProperty(["answers.pregnant"]);
    expect((await call("/me/medical", json("POST", { answers }))).status).toBe(401);
  });
});

describe("owner: clients, treatments, patch tests, recalls", () => {
  it("records treatments (owner only) that the client sees, and finds everyone treated with a batch", async () => {
    const [carol, dan] = await Promise.all([client(), client()]);
    const path = (who: TestUser) => `/admin/clients/${who.userId}/treatments`;
    expect((await call(path(carol), json("POST", treatment))).status).toBe(401);
    expect((await call(path(carol), json("POST", treatment, carol))).status).toBe(403);
    expect((await call("/admin/clients/nobody/treatments", json("POST", treatment, owner))).status).toBe(404);
    const bad = await call(path(carol), json("POST", { ...treatment, products: [{ name: "X", batch: "", expiry: "soon" }] }, owner));
    expect(bad.status).toBe(400);
    expect(Object.keys((await body(bad)).error.fields)).toEqual(expect.arrayContaining(["products.0.batch", "products.0.expiry"]));

    expect((await call(path(carol), json("POST", treatment, owner))).status).toBe(201);
    expect((await call(path(dan), json("POST", { ...treatment, products: [{ name: "Volbella", batch: "VB41X-2", expiry: "2027-08-31" }] }, owner))).status).toBe(201);
    expect((await call(path(dan), json("POST", { ...treatment, products: [{ name: "Other", batch: "ZZ-1", expiry: "2027-01-31" }] }, owner))).status).toBe(201);

    const mine = (await body(await call("/me/treatments", { headers: carol.headers }))).treatments;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ products: [{ batch: "VB41X-2" }], areas: [{ area: "Upper lip", units: 0.5 }], photoFileIds: ["file_before", "file_after"] });
    expect((await body(await call("/me/treatments", { headers: (await client()).headers }))).treatments).toEqual([]);

    expect((await call("/admin/recalls?batch=vb41x-2", { headers: carol.headers })).status).toBe(403);
    const recall = await body(await call("/admin/recalls?batch=vb41x-2", { headers: owner.headers }));
    expect(recall.batch).toBe("VB41X-2");
    expect(recall.uses.map((u: { clientId: string }) => u.clientId).sort()).toEqual([carol.userId, dan.userId].sort());
    expect(recall.uses[0].client).toMatchObject({ email: expect.stringContaining("@example.test") });
    expect((await call("/admin/recalls", { headers: owner.headers })).status).toBe(400);
  });

  it("records patch tests (owner only) and validates them", async () => {
    const erin = await client();
    const path = `/admin/clients/${erin.userId}/patch-tests`;
    expect((await call(path, json("POST", { testedAt: "2026-05-30T10:00:00+01:00", result: "pass" }, erin))).status).toBe(403);
    const bad = await call(path, json("POST", { testedAt: "yesterday", result: "maybe" }, owner));
    expect(Object.keys((await body(bad)).error.fields)).toEqual(expect.arrayContaining(["testedAt", "result"]));
    expect((await call(path, json("POST", { testedAt: "2026-05-30T10:00:00+01:00", result: "pass" }, owner))).status).toBe(201);
  });

  it("searches clients by name or email and opens one client's file (audited)", async () => {
    const fern = await signUp("client", { firstName: "Fernanda", lastName: "Okafor", dateOfBirth: "1985-02-03" });
    await call("/me/medical", json("POST", { answers }, fern));
    await call(`/admin/clients/${fern.userId}/treatments`, json("POST", treatment, owner));
    await book(fern, "hydrating-facial", "2026-06-09T10:00:00+01:00");

    expect((await call("/admin/clients?q=okafor", { headers: fern.headers })).status).toBe(403);
    expect((await call("/admin/clients?q=okafor")).status).toBe(401);
    const found = (await body(await call("/admin/clients?q=okafor", { headers: owner.headers }))).clients;
    expect(found.map((c: { userId: string }) => c.userId)).toEqual([fern.userId]);
    expect((await body(await call(`/admin/clients?q=${encodeURIComponent(fern.email)}`, { headers: owner.headers }))).clients).toHaveLength(1);
    // By id (the booking page names its client from the id in its address); an owner's id finds no client.
    expect((await body(await call(`/admin/clients?q=${fern.userId}`, { headers: owner.headers }))).clients.map((c: { userId: string }) => c.userId)).toEqual([fern.userId]);
    expect((await body(await call(`/admin/clients?q=${owner.userId}`, { headers: owner.headers }))).clients).toEqual([]);

    const file = await body(await call(`/admin/clients/${fern.userId}`, { headers: owner.headers }));
    expect(file.client).toMatchObject({ firstName: "Fernanda", dateOfBirth: "1985-02-03" });
    expect(file.medicalHistory).toHaveLength(1);
    expect(file.treatments).toHaveLength(1);
    expect(file.appointments).toHaveLength(1);
    const trail = await auditTrailOf(fern.userId);
    expect(trail.find((e) => e.action === "booking.medical_history_read" && e.actor === owner.userId)).toBeDefined();
    expect((await call(`/admin/clients/${fern.userId}`, { headers: fern.headers })).status).toBe(403);
    expect((await call("/admin/clients/nobody", { headers: owner.headers })).status).toBe(404);
  });
});

describe("client notes", () => {
  it("adds dated notes (owner only, audited), listed newest first in the client file", async () => {
    const jo = await client();
    const path = `/admin/clients/${jo.userId}/notes`;
    expect((await call(path, json("POST", { body: "Prefers mornings" }))).status).toBe(401);
    expect((await call(path, json("POST", { body: "Prefers mornings" }, jo))).status).toBe(403);
    const student = await signUp("student");
    expect((await call(path, json("POST", { body: "Prefers mornings" }, student))).status).toBe(403);
    const first = await call(path, json("POST", { body: "  Prefers mornings  " }, owner));
    expect(first.status).toBe(201);
    expect((await body(first)).note).toMatchObject({ clientId: jo.userId, body: "Prefers mornings", writtenBy: owner.userId, writtenAt: expect.any(String) });
    await platform().scheduler.advanceBy(60_000);
    await call(path, json("POST", { body: "Phoned to move her appointment" }, owner));
    const file = await body(await call(`/admin/clients/${jo.userId}`, { headers: owner.headers }));
    expect(file.notes.map((n: { body: string }) => n.body)).toEqual(["Phoned to move her appointment", "Prefers mornings"]);
    expect((await auditTrailOf(jo.userId)).filter((e) => e.action === "booking.client_note_added" && e.actor === owner.userId)).toHaveLength(2);
  });

  it.each<[string, unknown, string]>([
    ["empty", { body: "   " }, "body"],
    ["missing", {}, "body"],
    ["too long", { body: "x".repeat(4_001) }, "body"],
    ["not text", { body: 42 }, "body"],
    ["unknown field", { body: "ok", pinned: true }, "pinned"],
  ])("refuses a note that is %s (400 naming the field)", async (_, payload, field) => {
    const kim = await client();
    const res = await call(`/admin/clients/${kim.userId}/notes`, json("POST", payload, owner));
    expect(res.status).toBe(400);
    expect(JSON.stringify((await body(res)).error)).toContain(field);
  });

  it("answers 404 for a note on nobody, and erases notes with the client's data", async () => {
    expect((await call("/admin/clients/nobody/notes", json("POST", { body: "Hello" }, owner))).status).toBe(404);
    const lee = await client();
    await call(`/admin/clients/${lee.userId}/notes`, json("POST", { body: "Allergic to plasters" }, owner));
    const notes = bookingPersonalData.find((c) => c.name === "clientNotes")!;
    expect(await notes.export(lee.userId)).toEqual([{ writtenAt: expect.any(String), body: "Allergic to plasters" }]);
    await notes.erase?.(lee.userId);
    expect(await notes.export(lee.userId)).toEqual([]);
  });
});

describe("owner calendar", () => {
  it("lists appointments with client names, training days and closures; owner only", async () => {
    const gail = await signUp("client", { firstName: "Gail", lastName: "Hughes", dateOfBirth: "1979-09-09" });
    const { appointment } = await body(await book(gail, "hydrating-facial", "2026-06-16T14:00:00+01:00"));
    const res = await call("/admin/calendar?from=2026-06-10&to=2026-06-20", { headers: owner.headers });
    expect(res.status).toBe(200);
    const calendar = await body(res);
    expect(calendar.appointments).toContainEqual(expect.objectContaining({ appointmentId: appointment.appointmentId, clientName: "Gail Hughes", start: "2026-06-16T14:00:00+01:00" }));
    expect(calendar.trainingDays).toEqual([{ date: "2026-06-17", title: "Filler masterclass" }]);
    expect(calendar.closures).toEqual([{ date: "2026-06-12", reason: "Bank holiday" }]);
    expect((await call("/admin/calendar?from=2026-06-10&to=2026-06-20", { headers: gail.headers })).status).toBe(403);
    expect((await call("/admin/calendar?from=2026-06-10&to=2026-09-20", { headers: owner.headers })).status).toBe(400);
  });
});

describe("personal data (export and erasure)", () => {
  const contributor = (name: string) => bookingPersonalData.find((c) => c.name === name)!;

  it("exports everything booking holds about a client", async () => {
    const hal = await client();
    await call("/me/profile", json("PUT", { consents: { sms: true } }, hal));
    await call("/me/medical", json("POST", { answers }, hal));
    await book(hal, "hydrating-facial", "2026-06-18T10:00:00+01:00");
    await call(`/admin/clients/${hal.userId}/treatments`, json("POST", treatment, owner));
    await call(`/admin/clients/${hal.userId}/patch-tests`, json("POST", { testedAt: "2026-05-30T10:00:00+01:00", result: "pass" }, owner));
    await call("/waitlist", json("POST", { service: "hydrating-facial", from: "2026-06-20", to: "2026-06-30" }, hal));
    for (const name of ["clientProfile", "medicalHistory", "patchTests", "treatmentRecords", "appointments", "waitlist"]) {
      const exported = await contributor(name).export(hal.userId);
      expect(exported, name).toBeTruthy();
      if (Array.isArray(exported)) expect(exported.length, name).toBeGreaterThan(0);
    }
  });

  it("erases health data and free text but keeps appointment, money and batch facts", async () => {
    const ivy = await client();
    await call("/me/profile", json("PUT", { gp: { practice: "Abbey Surgery" } }, ivy));
    await call("/me/medical", json("POST", { answers, medications: "Warfarin" }, ivy));
    const { appointment } = await body(await call("/appointments", json("POST", { service: "hydrating-facial", start: "2026-06-19T10:00:00+01:00", note: "Nervous about needles" }, ivy)));
    await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", { reason: "Moving house" }, ivy));
    await call(`/admin/clients/${ivy.userId}/treatments`, json("POST", treatment, owner));
    for (const c of bookingPersonalData.filter((c) => ["clientProfile", "medicalHistory", "patchTests", "treatmentRecords", "appointments", "waitlist"].includes(c.name))) {
      await c.erase?.(ivy.userId);
      await c.erase?.(ivy.userId); // idempotent
    }
    expect(await contributor("medicalHistory").export(ivy.userId)).toEqual([]);
    expect(await contributor("clientProfile").export(ivy.userId)).toMatchObject({ gp: null, address: null });
    const [kept] = (await contributor("appointments").export(ivy.userId)) as Record<string, any>[];
    expect(kept).toMatchObject({ status: "cancelled", priceInPence: 6_000, start: "2026-06-19T10:00:00+01:00", note: null, riskFlags: [] });
    expect(kept!.cancellation.reason).toBeUndefined();
    expect(kept!.history.every((h: { note?: string }) => h.note === undefined)).toBe(true);
    const [record] = (await contributor("treatmentRecords").export(ivy.userId)) as Record<string, any>[];
    expect(record).toMatchObject({ notes: "", aftercare: "", areas: [], photoFileIds: [], products: [{ batch: "VB41X-2" }] });
  });
});
