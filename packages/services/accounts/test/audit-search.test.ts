import { beforeAll, describe, expect, it } from "vitest";
import { audit } from "@mas/core/audit/audit";
import { app } from "../src/app";
import { signUp, type TestUser } from "./support";

/** The owner's audit search: by subject or by actor, newest first, paged, narrowed by action. */
let owner: TestUser;
let client: TestUser;
let student: TestUser;

beforeAll(async () => {
  owner = await signUp("owner", { firstName: "Eleanor", lastName: "Hart" });
  client = await signUp("client");
  student = await signUp("student");
  const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 9, minute));
  await audit({ actor: owner.userId, action: "booking.medical_history_read", subject: client.userId, at: at(1) });
  await audit({ actor: owner.userId, action: "documents.photos_listed", subject: client.userId, at: at(2) });
  await audit({ actor: owner.userId, action: "booking.medical_history_read", subject: client.userId, at: at(3) });
  await audit({ actor: owner.userId, action: "payments.refunded", subject: "payment:p-1", detail: { amountInPence: 2_500 }, at: at(4) });
  await audit({ actor: client.userId, action: "accounts.signed_in", subject: client.userId, at: at(5) });
});

const search = (query: string, as: TestUser | null = owner) => app.request(`/api/accounts/admin/audit${query}`, { headers: as?.headers ?? {} });
type Page = { entries: { action: string; subject: string; actor: string; actorName: string | null; at: string }[]; cursor: string | null };
const read = async (query: string) => (await (await search(query)).json()) as Page;

describe("GET /admin/audit", () => {
  it("lists what happened to a subject, newest first, with who did it", async () => {
    const page = await read(`?subject=${client.userId}`);
    expect(page.entries.map((e) => e.action)).toEqual(["accounts.signed_in", "booking.medical_history_read", "documents.photos_listed", "booking.medical_history_read"]);
    expect(page.entries[1]).toMatchObject({ actor: owner.userId, actorName: "Eleanor Hart" });
  });

  it("narrows by action prefix: who read this client's health record", async () => {
    const page = await read(`?subject=${client.userId}&action=booking.medical_history_read`);
    expect(page.entries).toHaveLength(2);
    expect(page.entries.every((e) => e.actor === owner.userId)).toBe(true);
  });

  it("fills a page even when the newest entries are not of the action asked for", async () => {
    const page = await read(`?subject=${client.userId}&action=documents.&limit=1`);
    expect(page.entries.map((e) => e.action)).toEqual(["documents.photos_listed"]);
  });

  it("lists what one person did, and pages with a cursor", async () => {
    const first = await read(`?actor=${owner.userId}&limit=3`);
    expect(first.entries.map((e) => e.action)).toEqual(["payments.refunded", "booking.medical_history_read", "documents.photos_listed"]);
    expect(first.cursor).toBeTruthy();
    const second = await read(`?actor=${owner.userId}&limit=3&cursor=${encodeURIComponent(first.cursor!)}`);
    expect(second.entries.map((e) => e.action)).toEqual(["booking.medical_history_read"]);
    expect((await read("?subject=payment:p-1")).entries).toHaveLength(1);
  });

  it("is the owner's only: anonymous 401, client and student 403 (even about themselves)", async () => {
    expect((await search(`?subject=${client.userId}`, null)).status).toBe(401);
    expect((await search(`?subject=${client.userId}`, client)).status).toBe(403);
    expect((await search(`?actor=${student.userId}`, student)).status).toBe(403);
  });

  it.each([
    ["neither a subject nor an actor", "", "subject"],
    ["both a subject and an actor", "?subject=x&actor=y", "subject"],
    ["an action that is not one", "?subject=x&action=DROP%20TABLE", "action"],
    ["a limit over 100", "?subject=x&limit=500", "limit"],
  ])("refuses %s with 400", async (_, query, field) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(error.code).toBe("validation_failed");
    expect(error.fields[field]).toBeTruthy();
  });
});
