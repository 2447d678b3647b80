import { beforeAll, describe, expect, it } from "vitest";
import { loadOwnerAlerts } from "../src/read";
import { body, call, json, signUpEachRole, type TestUser } from "./support";

/** The owner's alerts: off / email / text per alert, with her mobile; owner only, bad input 400 with field messages. */
let owner: TestUser;
let client: TestUser;
let student: TestUser;

beforeAll(async () => {
  ({ owner, client, student } = await signUpEachRole());
});

const choice = { mobile: "07700 900456", channels: { newBooking: "email", cancellation: "sms", reviewNeeded: "sms" } };

describe("owner alerts (clinic settings)", () => {
  it("are all off, with no number, until the owner chooses", async () => {
    const res = await call("/admin/owner-alerts", { headers: owner.headers });
    expect(res.status).toBe(200);
    expect((await body(res)).alerts).toEqual({ mobile: null, channels: { newBooking: "off", cancellation: "off", reviewNeeded: "off" }, ownerId: null, updatedAt: null });
  });

  it.each([
    ["anonymous", undefined, 401],
    ["a client", () => client, 403],
    ["a student", () => student, 403],
  ] as const)("are the owner's alone: %s gets %i reading or saving", async (_who, user, status) => {
    const headers = user ? user().headers : undefined;
    expect((await call("/admin/owner-alerts", { headers })).status).toBe(status);
    expect((await call("/admin/owner-alerts", json("PUT", choice, user?.()))).status).toBe(status);
  });

  it("keeps her choice with her number in E.164 and who saved it; messaging reads it through booking's read module", async () => {
    const res = await call("/admin/owner-alerts", json("PUT", choice, owner));
    expect(res.status).toBe(200);
    const expected = { mobile: "+447700900456", channels: choice.channels, ownerId: owner.userId };
    expect((await body(res)).alerts).toMatchObject(expected);
    expect(await loadOwnerAlerts()).toMatchObject(expected);
    // Turning texts off needs no number; an empty number is none.
    const off = await call("/admin/owner-alerts", json("PUT", { mobile: "", channels: { newBooking: "email", cancellation: "off", reviewNeeded: "email" } }, owner));
    expect((await body(off)).alerts).toMatchObject({ mobile: null, channels: { cancellation: "off" } });
  });

  it.each([
    ["texts without a number", { mobile: null, channels: { newBooking: "sms" } }, "mobile"],
    ["a landline", { mobile: "01225 111222", channels: { cancellation: "sms" } }, "mobile"],
    ["an unknown channel", { mobile: null, channels: { newBooking: "pigeon" } }, "channels.newBooking"],
    ["an unknown alert", { mobile: null, channels: { refunds: "email" } }, "channels"],
  ])("refuses %s with 400 naming the field", async (_label, input, field) => {
    const res = await call("/admin/owner-alerts", json("PUT", input, owner));
    expect(res.status).toBe(400);
    expect(Object.keys((await body(res)).error.fields)).toContain(field);
  });
});
