import * as z from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { createGatewayApp } from "../src/gateway";
import { DEMO_PEOPLE, seedDemoData } from "../src/seed";
import { allRoutes } from "./generated/routes";

/**
 * Issue 14 finding 3: a malformed or foreign page cursor answered 500. Every list route that
 * takes a `cursor` (found from the route table, so later ones are covered) must answer 400
 * `pagination.bad_cursor` for junk, ElectroDB's raw cursor, a forged key, and a page link
 * made for another list, filter or person — and its own links must still page.
 */
const gateway = createGatewayApp();
const cookies: Record<"owner" | "client", string> = { owner: "", client: "" };

async function signIn(who: "owner" | "client"): Promise<string> {
  const person = who === "owner" ? DEMO_PEOPLE.owner : DEMO_PEOPLE.amelia;
  const res = await gateway.request("/api/accounts/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: person.email, password: person.password }) });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().find((c) => c.startsWith("__Host-mas_session="))!.split(";")[0]!;
}

const get = (path: string, who: "owner" | "client") => gateway.request(path, { headers: { cookie: cookies[who] } });
const rawKey = Buffer.from(JSON.stringify({ pk: "$mas#userid_someone-else", sk: "$message_1" })).toString("base64url");
const forged = Buffer.from(JSON.stringify({ v: 1, s: "AAAAAAAAAAAAAAAAAAAAAA", c: rawKey })).toString("base64url");

const listRoutes = allRoutes().filter((route) => route.method === "GET" && route.parts.some((part) => part.target === "query" && part.schema instanceof z.ZodObject && "cursor" in part.schema.shape));

beforeAll(async () => {
  process.env.PASSWORD_HASH_LOG2N = "12";
  await seedDemoData();
  cookies.owner = await signIn("owner");
  cookies.client = await signIn("client");
}, 180_000);

describe("page cursors on every list route", () => {
  it("finds the list routes", () => {
    expect(listRoutes.map((r) => r.key)).toEqual(
      expect.arrayContaining(["GET /api/accounts/admin/users", "GET /api/accounts/admin/audit", "GET /api/booking/admin/clients", "GET /api/messaging/me/messages", "GET /api/messaging/admin/messages"]),
    );
  });

  it.each(listRoutes.map((r) => [r.key, r] as const))("%s: junk, raw and forged cursors are 400, never 5xx", async (_key, route) => {
    const who = route.path.includes("/admin/") ? "owner" : "client";
    const extra = route.path.endsWith("/admin/audit") ? "&subject=anything" : "";
    for (const cursor of ["abc", rawKey, forged, "x".repeat(2048), "%00"]) {
      const res = await get(`${route.path}?cursor=${encodeURIComponent(cursor)}${extra}`, who);
      expect(res.status, `${route.key} cursor=${cursor.slice(0, 20)}`).toBe(400);
      const body = (await res.json()) as { error: { code: string; fields?: Record<string, string> } };
      expect(["pagination.bad_cursor", "validation_failed"]).toContain(body.error.code);
      expect(body.error.fields?.cursor).toEqual(expect.any(String));
    }
  });

  it("a page link pages its own list and nothing else", async () => {
    const first = await get("/api/accounts/admin/users?limit=1", "owner");
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { users: { userId: string }[]; cursor: string | null };
    expect(page1.users).toHaveLength(1);
    expect(page1.cursor).toEqual(expect.any(String));
    const second = await get(`/api/accounts/admin/users?limit=1&cursor=${page1.cursor}`, "owner");
    expect(second.status).toBe(200);
    const page2 = (await second.json()) as { users: { userId: string }[] };
    expect(page2.users[0]?.userId).not.toBe(page1.users[0]!.userId);
    // The same link on another filter, or on another list, is refused.
    expect((await get(`/api/accounts/admin/users?limit=1&role=student&cursor=${page1.cursor}`, "owner")).status).toBe(400);
    expect((await get(`/api/booking/admin/clients?limit=1&cursor=${page1.cursor}`, "owner")).status).toBe(400);
    expect((await get(`/api/messaging/me/messages?cursor=${page1.cursor}`, "client")).status).toBe(400);
  });

  it("a filtered directory page is full when there are enough matches (the filter runs after DynamoDB's limit)", async () => {
    const res = await get("/api/accounts/admin/users?limit=2&role=client", "owner");
    const body = (await res.json()) as { users: { roles: string[] }[] };
    expect(body.users).toHaveLength(2);
    expect(body.users.every((u) => u.roles.includes("client"))).toBe(true);
  });
});
