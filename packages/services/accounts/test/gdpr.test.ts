import { beforeAll, describe, expect, it } from "vitest";
import { auditByActor, auditTrailOf } from "@mas/core/audit/audit";
import { medicalHistoryOf, recordMedicalHistory } from "@mas/booking/domain/client-records";
import { db as bookingDb } from "@mas/booking/entities";
import { platform } from "../../../local/test/harness";
import { app } from "../src/app";
import { json, sessionCookieFrom, signUp } from "./support";
import { scanWholeTable } from "./table";

beforeAll(() => {
  process.env.PASSWORD_HASH_LOG2N = "12";
});

/**
 * Another service's personal data, written through that service's own code (a test may
 * set up state anywhere; product code may not): booking's medical history, whose
 * free text must be exported with the user and erased by booking when `user.erased` arrives.
 */
const answers = {
  pregnant: false,
  breastfeeding: false,
  takesAnticoagulants: false,
  allergicToLidocaine: true,
  allergicToHyaluronidase: false,
  autoimmuneCondition: false,
  isotretinoin: { status: "never" as const },
  keloidScarring: false,
};
async function writeClinicalNote(userId: string, note: string) {
  await recordMedicalHistory(userId, { answers, allergies: note }, userId, new Date());
}
const allergiesOf = async (userId: string) => (await medicalHistoryOf(userId))[0]?.allergies;

/** Booking's review of a (made-up) completed appointment: the author's name and words. */
async function writeReview(userId: string, comment: string) {
  const at = new Date().toISOString();
  await bookingDb()
    .entities.review.create({ appointmentId: `appt-${userId}`, clientId: userId, displayName: "Harriet W.", serviceName: "Lip filler", appointmentStart: at, rating: 5, comment, published: true, publishedAt: at, createdAt: at, updatedAt: at })
    .go();
}

describe("GET /api/accounts/me/export", () => {
  it("returns the user and every registered contributor's data, as a download, and audits it", async () => {
    const user = await signUp("client", { firstName: "Isla", lastName: "Morgan", phone: "+447700900321" });
    await writeClinicalNote(user.userId, "Patch test clear, 2026-05-01");
    const res = await app.request("/api/accounts/me/export", { headers: { ...user.headers, "user-agent": "Export test", "x-mas-viewer-ip": "192.0.2.77" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="master-aesthetics-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();

    expect(Object.keys(body)).toEqual(
      expect.arrayContaining(["exportedAt", "user", "sessions", "passwordResets", "auditLog", "clientProfile", "medicalHistory", "appointments", "messages", "payments", "documents", "files"]),
    );
    expect(body.user).toMatchObject({ userId: user.userId, firstName: "Isla", lastName: "Morgan", phone: "+447700900321" });
    expect(body.sessions).toEqual([expect.objectContaining({ sessionId: user.sessionId, createdAt: expect.any(String), expiresAt: expect.any(String) })]);
    expect(body.medicalHistory).toEqual([expect.objectContaining({ allergies: "Patch test clear, 2026-05-01" })]);
    expect(JSON.stringify(body)).not.toMatch(/scrypt|tokenHash/);

    const trail = await auditByActor(user.userId);
    expect(trail[0]).toMatchObject({ action: "accounts.data_exported", subject: user.userId, ip: "192.0.2.77", userAgent: "Export test" });
  });

  it("is 401 when anonymous", async () => {
    expect((await app.request("/api/accounts/me/export")).status).toBe(401);
  });
});

describe("DELETE /api/accounts/me", () => {
  const harriet = {
    email: "Harriet.Wolstenholme@Example.com",
    password: "lavender fields forever",
    firstName: "Harriet",
    lastName: "Wolstenholme",
    phone: "07700 900987",
    dateOfBirth: "1985-09-17",
  };
  const traces = ["harriet", "wolstenholme", "harriet.wolstenholme@example.com", "+447700900987", "07700900987", "7700900987", "1985-09-17", "chlorhexidine"];

  it("erases name, email, phone, date of birth and every contributor's data from the whole table", async () => {
    const registered = await app.request("/api/accounts/register", json("POST", harriet));
    expect(registered.status).toBe(201);
    const { user } = await registered.json();
    const cookie = sessionCookieFrom(registered)!;
    const as = { headers: { cookie } };
    await writeClinicalNote(user.userId, "Allergic to chlorhexidine");
    await writeReview(user.userId, "Harriet here: they checked my chlorhexidine allergy first.");
    // Leave traces everywhere accounts writes: sessions, audit, rate limits, reset links.
    await app.request("/api/accounts/login", json("POST", { email: harriet.email, password: "wrong password here" }, undefined, { "x-mas-viewer-ip": "198.51.100.9" }));
    await app.request("/api/accounts/login", json("POST", { email: harriet.email, password: harriet.password }));
    await app.request("/api/accounts/password/forgot", json("POST", { email: harriet.email }));
    await app.request("/api/accounts/me", json("PATCH", { firstName: "Harriet" }, as));
    await app.request("/api/accounts/me/export", as);
    await platform().bus.idle(); // let other services finish acting on those events (e.g. the reset email's log)
    const before = JSON.stringify(await scanWholeTable()).toLowerCase();
    for (const trace of ["harriet", "1985-09-17", "chlorhexidine"]) expect(before).toContain(trace);

    const res = await app.request("/api/accounts/me", json("DELETE", { password: harriet.password }, as));
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join()).toMatch(/^__Host-mas_session=; Max-Age=0/);
    await platform().bus.idle(); // services that clean up on user.erased have done so

    const items = await scanWholeTable();
    const leaks = items.filter((item) => traces.some((trace) => JSON.stringify(item).toLowerCase().includes(trace)));
    expect(leaks).toEqual([]);

    const anonymised = items.find((item) => item.__edb_e__ === "user" && item.userId === user.userId);
    expect(anonymised).toMatchObject({ email: `erased+${user.userId.toLowerCase()}@invalid`, firstName: "Erased", lastName: "Erased", erasedAt: expect.any(String) });
    expect(anonymised).not.toHaveProperty("phone");
    expect(anonymised).not.toHaveProperty("dateOfBirth");
    expect(anonymised).not.toHaveProperty("passwordHash");
    expect(items.filter((item) => item.__edb_e__ === "session" && item.userId === user.userId)).toEqual([]);
    expect(items.filter((item) => item.__edb_e__ === "password_reset" && item.userId === user.userId)).toEqual([]);

    // The audit trail stays (by id), including the erasure itself and each service's own erasure.
    expect((await auditByActor(user.userId)).map((entry) => entry.action)).toEqual(expect.arrayContaining(["accounts.erased", "accounts.login_succeeded", "accounts.data_exported"]));
    expect((await auditTrailOf(user.userId)).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["booking.personal_data_erased", "messaging.personal_data_erased", "payments.personal_data_erased"]),
    );
    expect(await medicalHistoryOf(user.userId)).toEqual([]);

    expect(platform().bus.published.some((e) => e["detail-type"] === "user.erased" && (e.detail as { data: { userId: string } }).data.userId === user.userId)).toBe(true);
  });

  it("signs out everywhere, refuses the old credentials, and frees the address to register again", async () => {
    const user = await signUp("client", { email: "leaving@example.com" });
    const res = await app.request("/api/accounts/me", json("DELETE", { password: user.password }, user));
    expect(res.status).toBe(204);
    expect((await app.request("/api/accounts/me", { headers: user.headers })).status).toBe(401);
    expect((await app.request("/api/accounts/login", json("POST", { email: user.email, password: user.password }))).status).toBe(401);
    const again = await app.request("/api/accounts/register", json("POST", { email: "leaving@example.com", password: "a fresh start passphrase", firstName: "New", lastName: "Person" }));
    expect(again.status).toBe(201);
    expect((await again.json()).user.userId).not.toBe(user.userId);
  });

  it("requires the password: a wrong one is 422 and erases nothing", async () => {
    const user = await signUp("client", { firstName: "Keeping" });
    await writeClinicalNote(user.userId, "Still here");
    const res = await app.request("/api/accounts/me", json("DELETE", { password: "not my password" }, user));
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: "accounts.wrong_password", fields: { password: expect.any(String) } });
    expect(await allergiesOf(user.userId)).toBe("Still here");
    expect((await (await app.request("/api/accounts/me", { headers: user.headers })).json()).user.firstName).toBe("Keeping");
  });

  it("refuses a missing password with a field message, and anonymous callers with 401", async () => {
    const user = await signUp();
    const res = await app.request("/api/accounts/me", json("DELETE", {}, user));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.password).toEqual(expect.any(String));
    expect((await app.request("/api/accounts/me", json("DELETE", { password: "whatever" }))).status).toBe(401);
  });
});
