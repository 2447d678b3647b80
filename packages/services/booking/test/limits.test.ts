import { beforeAll, describe, expect, it } from "vitest";
import { body, call, client, json, seedClinic, signUp, useSchedulerClock, type TestUser } from "./support";

/**
 * Issue 14 finding 5: 5 MB of JSON was stored by POST /me/medical and PUT /admin/settings,
 * and booking silently dropped fields it did not know (accounts refused them). Now every
 * JSON body is capped (413) and unknown fields are refused (400) the same way everywhere.
 */
useSchedulerClock();

let ana: TestUser;
let owner: TestUser;
const answers = { pregnant: false, breastfeeding: false, takesAnticoagulants: false, allergicToLidocaine: false, allergicToHyaluronidase: false, autoimmuneCondition: false, isotretinoin: { status: "never" }, keloidScarring: false };

beforeAll(async () => {
  await seedClinic();
  ana = await client();
  owner = await signUp("owner");
});

describe("body limits and unknown fields on booking's routes", () => {
  it("refuses 5 MB of medical history with 413 and stores nothing", async () => {
    const res = await call("/me/medical", json("POST", { answers: { ...answers, notes: "x".repeat(5 * 1024 * 1024) } }, ana));
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe("payload_too_large");
    expect((await body(await call("/me/medical", { headers: ana.headers }))).current).toBeNull();
  });

  it("refuses 5 MB of settings with 413, and the settings stay as they were", async () => {
    const before = await body(await call("/admin/settings", { headers: owner.headers }));
    const res = await call("/admin/settings", json("PUT", { ...before.settings, closures: Array.from({ length: 50_000 }, (_, i) => ({ date: "2026-08-01", reason: `Closed ${i} `.repeat(10) })) }, owner));
    expect(res.status).toBe(413);
    expect(await body(await call("/admin/settings", { headers: owner.headers }))).toEqual(before);
  });

  it("refuses an unknown field at the top and inside, naming each, instead of dropping it", async () => {
    const res = await call("/me/medical", json("POST", { answers: { ...answers, smoker: true }, isAdmin: true }, ana));
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields).sort()).toEqual(["answers.smoker", "isAdmin"]);
    const booking = await call("/appointments", json("POST", { service: "hydrating-facial", start: "2026-06-10T10:00:00+01:00", priceInPence: 1 }, ana));
    expect(booking.status).toBe(400);
    expect((await body(booking)).error.fields).toHaveProperty("priceInPence");
  });

  it("still takes a well-formed history", async () => {
    expect((await call("/me/medical", json("POST", { answers }, ana))).status).toBe(201);
  });
});
