import { beforeAll, describe, expect, it } from "vitest";
import { body, call, signUp, type TestUser } from "./support";

/** The owner's client search: name, email or phone, clients only, a page at a time. */
let owner: TestUser;
let student: TestUser;
const clients: TestUser[] = [];

beforeAll(async () => {
  owner = await signUp("owner");
  student = await signUp("student", { firstName: "Sasha", lastName: "Searchwell" });
  for (const [i, first] of ["Amara", "Beatrix", "Cosima"].entries()) {
    clients.push(await signUp("client", { firstName: first, lastName: "Searchwell", phone: `+4477009001${i}0` }));
  }
});

const search = (query: string, as: TestUser | null = owner) => call(`/admin/clients${query}`, { headers: as?.headers ?? {} });
type Page = { clients: { userId: string; firstName: string }[]; cursor: string | null };

describe("GET /admin/clients", () => {
  it("finds clients by name, email or phone, never students", async () => {
    const byName = await body<Page>(await search("?q=searchwell"));
    expect(byName.clients.map((c) => c.firstName).sort()).toEqual(["Amara", "Beatrix", "Cosima"]);
    expect((await body<Page>(await search(`?q=${encodeURIComponent(clients[1]!.email)}`))).clients.map((c) => c.userId)).toEqual([clients[1]!.userId]);
    expect((await body<Page>(await search("?q=447700900120"))).clients.map((c) => c.firstName)).toEqual(["Cosima"]);
    expect((await body<Page>(await search(`?q=${encodeURIComponent(student.email)}`))).clients).toEqual([]);
  });

  it("fills a page even when the newest accounts do not match (the directory filters after reading)", async () => {
    const page = await body<Page>(await search("?q=amara&limit=1"));
    expect(page.clients.map((c) => c.firstName)).toEqual(["Amara"]);
  });

  it("pages with a cursor until the last page", async () => {
    const first = await body<Page>(await search("?q=searchwell&limit=2"));
    expect(first.clients).toHaveLength(2);
    expect(first.cursor).toBeTruthy();
    const second = await body<Page>(await search(`?q=searchwell&limit=2&cursor=${encodeURIComponent(first.cursor!)}`));
    const all = [...first.clients, ...second.clients].map((c) => c.firstName).sort();
    expect(all).toEqual(["Amara", "Beatrix", "Cosima"]);
  });

  it("is the owner's only: anonymous 401, client and student 403", async () => {
    expect((await search("?q=a", null)).status).toBe(401);
    expect((await search("?q=a", clients[0])).status).toBe(403);
    expect((await search("?q=a", student)).status).toBe(403);
  });

  it.each([
    ["a limit of 0", "?limit=0", "limit"],
    ["a limit over 100", "?limit=101", "limit"],
    ["a search of more than 100 characters", `?q=${"x".repeat(101)}`, "q"],
  ])("refuses %s with 400", async (_, query, field) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect((await body(res)).error.fields[field]).toBeTruthy();
  });
});
