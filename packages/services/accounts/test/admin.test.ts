import { beforeAll, describe, expect, it } from "vitest";
import { auditTrailOf } from "@mas/core/audit/audit";
import { app } from "../src/app";
import { json, signUp, type TestUser } from "./support";

let owner: TestUser;
let client: TestUser;
let student: TestUser;

beforeAll(async () => {
  process.env.PASSWORD_HASH_LOG2N = "12";
  owner = await signUp("owner", { firstName: "Sophie", lastName: "Clarke" });
  client = await signUp("client", { firstName: "Amara", lastName: "Okafor", phone: "+447700900555" });
  student = await signUp("student", { firstName: "Bethan", lastName: "Pryce" });
  await signUp(["client", "student"], { firstName: "Chloe", lastName: "Davies" });
});

const directory = (query: string, as?: TestUser) => app.request(`/api/accounts/admin/users${query}`, { headers: as?.headers ?? {} });
const setRoles = (userId: string, roles: unknown, as?: TestUser) => app.request(`/api/accounts/admin/users/${userId}/roles`, json("PATCH", { roles }, as));

describe("GET /api/accounts/admin/users", () => {
  it("lists everyone, newest first, for the owner", async () => {
    const res = await directory("", owner);
    expect(res.status).toBe(200);
    const { users, cursor } = await res.json();
    expect(users.map((u: { lastName: string }) => u.lastName)).toEqual(["Davies", "Pryce", "Okafor", "Clarke"]);
    expect(cursor).toBeNull();
    expect(JSON.stringify(users)).not.toMatch(/scrypt|searchText/);
  });

  it.each([
    ["?role=student", ["Davies", "Pryce"]],
    ["?role=client", ["Davies", "Okafor"]],
    ["?role=owner", ["Clarke"]],
    ["?q=OKAF", ["Okafor"]],
    ["?q=amara%20okafor", ["Okafor"]],
    ["?q=07700900555", ["Okafor"]],
    ["?role=student&q=chloe", ["Davies"]],
    ["?q=nobody", []],
  ])("filters %s", async (query, lastNames) => {
    const { users } = await (await directory(query, owner)).json();
    expect(users.map((u: { lastName: string }) => u.lastName)).toEqual(lastNames);
  });

  it("pages with a cursor", async () => {
    const first = await (await directory("?limit=3", owner)).json();
    expect(first.users).toHaveLength(3);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await (await directory(`?limit=3&cursor=${encodeURIComponent(first.cursor)}`, owner)).json();
    expect(second.users.map((u: { lastName: string }) => u.lastName)).toEqual(["Clarke"]);
  });

  it("is 401 anonymous and 403 for clients and students", async () => {
    expect((await directory("")).status).toBe(401);
    for (const who of [client, student]) {
      const res = await directory("", who);
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("auth.forbidden");
    }
  });

  it.each([
    ["?role=admin", "role"],
    ["?limit=0", "limit"],
    ["?limit=many", "limit"],
  ])("refuses %s with 400 and a field message", async (query, field) => {
    const res = await directory(query, owner);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields[field]).toEqual(expect.any(String));
  });
});

describe("PATCH /api/accounts/admin/users/:id/roles", () => {
  it("lets the owner make a client a student too; the change applies to their live session and is audited", async () => {
    const person = await signUp("client");
    const res = await setRoles(person.userId, ["student", "client"], owner);
    expect(res.status).toBe(200);
    expect((await res.json()).user.roles).toEqual(["client", "student"]);
    expect((await (await app.request("/api/accounts/me", { headers: person.headers })).json()).user.roles).toEqual(["client", "student"]);
    const [entry] = await auditTrailOf(person.userId, 1);
    expect(entry).toMatchObject({ actor: owner.userId, action: "accounts.roles_changed", detail: { from: ["client"], to: ["client", "student"] } });
  });

  it("never lets an owner remove their own owner role", async () => {
    const res = await setRoles(owner.userId, ["client"], owner);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: "accounts.cannot_remove_own_owner_role", fields: { roles: expect.any(String) } });
    expect((await directory("?role=owner", owner)).status).toBe(200);
  });

  it("lets an owner demote another owner", async () => {
    const deputy = await signUp("owner");
    expect((await setRoles(deputy.userId, ["client"], owner)).status).toBe(200);
    expect((await directory("", deputy)).status).toBe(403);
  });

  it("is 401 anonymous and 403 for a client, on someone else or on themselves", async () => {
    expect((await setRoles(client.userId, ["owner"])).status).toBe(401);
    expect((await setRoles(student.userId, ["owner"], client)).status).toBe(403);
    const selfPromotion = await setRoles(client.userId, ["client", "owner"], client);
    expect(selfPromotion.status).toBe(403);
    expect((await selfPromotion.json()).error.code).toBe("auth.forbidden");
  });

  it("is 404 for an unknown user", async () => {
    const res = await setRoles("01J0000000000000000000NOPE", ["client"], owner);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("accounts.user_not_found");
  });

  it.each([
    ["no roles", [], "roles"],
    ["an unknown role", ["admin"], "roles.0"],
    ["not a list", "owner", "roles"],
  ])("refuses %s with 400 and a field message", async (_case, roles, field) => {
    const res = await setRoles(client.userId, roles, owner);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields[field]).toEqual(expect.any(String));
  });
});
