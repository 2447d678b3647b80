import { auditTrailOf } from "@mas/core/audit/audit";
import { beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { app } from "../src/app";
import { json, signUp, type TestUser } from "./support";

let owner: TestUser;
let client: TestUser;
let student: TestUser;
beforeAll(async () => {
  [owner, client, student] = await Promise.all([signUp("owner"), signUp("client"), signUp("student")]);
});

const add = (payload: unknown, as?: TestUser) => Promise.resolve(app.request("/api/accounts/admin/clients", json("POST", payload, as)));
const walkIn = () => ({ email: `walk.in.${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.test`, firstName: "Walk", lastName: "In", phone: "07700 900123", dateOfBirth: "1991-02-03" });

describe("POST /api/accounts/admin/clients (the clinic adds a client)", () => {
  it("401 anonymous, 403 client and student", async () => {
    expect((await add(walkIn())).status).toBe(401);
    expect((await add(walkIn(), client)).status).toBe(403);
    expect((await add(walkIn(), student)).status).toBe(403);
  });

  it("creates a client account nobody can sign in to until they set a password, audited and announced", async () => {
    const input = walkIn();
    const res = await add(input, owner);
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: { userId: string; roles: string[]; email: string; phone: string } };
    expect(user).toMatchObject({ roles: ["client"], email: input.email, phone: "+447700900123" });
    expect((await auditTrailOf(user.userId)).map((a) => a.action)).toContain("accounts.client_added_by_clinic");
    await platform().bus.idle();
    expect(platform().bus.published.some((e) => e["detail-type"] === "user.registered" && JSON.stringify(e.detail).includes(user.userId))).toBe(true);
    const login = await app.request("/api/accounts/login", json("POST", { email: input.email, password: "" }));
    expect(login.status).toBe(400);
  });

  it.each([
    [{ ...walkIn(), email: "not-an-email" }, "email"],
    [{ ...walkIn(), firstName: "" }, "firstName"],
    [{ ...walkIn(), dateOfBirth: "2031-01-01" }, "dateOfBirth"],
    [{ ...walkIn(), roles: ["owner"] }, ""],
  ])("400 for bad input (%j)", async (payload, field) => {
    const res = await add(payload, owner);
    expect(res.status).toBe(400);
    if (field) expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(field);
  });

  it("409 when the email already has an account", async () => {
    const res = await add({ ...walkIn(), email: client.email }, owner);
    expect(res.status).toBe(409);
  });
});
