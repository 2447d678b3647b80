import { beforeAll, describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { app } from "../src/app";
import { json, sessionCookieFrom } from "./support";
import { itemsOf } from "./table";

beforeAll(() => {
  process.env.PASSWORD_HASH_LOG2N = "12";
});

const person = (email: string) => ({
  email,
  password: "violet kettle harbour",
  firstName: "Amelia",
  lastName: "Hughes",
  phone: "07700 900123",
  dateOfBirth: "1991-03-14",
});

describe("POST /api/accounts/register", () => {
  it("creates a client, signs them in with a secure cookie, and publishes user.registered", async () => {
    const res = await app.request("/api/accounts/register", json("POST", person("Amelia.Hughes@Example.com")));
    expect(res.status).toBe(201);
    const { user } = await res.json();
    expect(user).toMatchObject({ email: "amelia.hughes@example.com", firstName: "Amelia", lastName: "Hughes", phone: "+447700900123", dateOfBirth: "1991-03-14", roles: ["client"] });
    expect(user).not.toHaveProperty("passwordHash");

    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/^__Host-mas_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("Secure");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    // 14 days, less the seconds the request took on a loaded machine.
    const maxAge = Number(/Max-Age=(\d+);/.exec(setCookie ?? "")?.[1]);
    expect(maxAge).toBeGreaterThan(1209600 - 60);
    expect(maxAge).toBeLessThanOrEqual(1209600);

    const me = await app.request("/api/accounts/me", { headers: { cookie: sessionCookieFrom(res)! } });
    expect((await me.json()).user.userId).toBe(user.userId);

    await platform().bus.idle();
    const event = platform().bus.published.find((e) => e["detail-type"] === "user.registered" && (e.detail as { data: { userId: string } }).data.userId === user.userId);
    expect(event?.detail).toMatchObject({ data: { userId: user.userId, email: "amelia.hughes@example.com", firstName: "Amelia", roles: ["client"] } });
  });

  it("registers a student when they come from the courses", async () => {
    const res = await app.request("/api/accounts/register", json("POST", { ...person("student.one@example.com"), intent: "student" }));
    expect(res.status).toBe(201);
    expect((await res.json()).user.roles).toEqual(["student"]);
  });

  it.each([
    ["roles (self-promotion)", { roles: ["owner"] }, "_", "Unknown field: roles"],
    ["intent owner", { intent: "owner" }, "intent", expect.any(String)],
    ["a weak password", { password: "short" }, "password", "Use at least 10 characters"],
    ["a common password", { password: "Password123" }, "password", "This password is too common; choose something less guessable"],
    ["a bad email", { email: "amelia@" }, "email", "Enter a valid email address"],
    ["a non-UK phone", { phone: "+1 415 555 2671" }, "phone", "Enter a UK phone number, e.g. 07700 900123"],
    ["an impossible date of birth", { dateOfBirth: "1991-02-30" }, "dateOfBirth", "Enter a real date of birth as YYYY-MM-DD"],
    ["an empty first name", { firstName: "  " }, "firstName", "Enter a name"],
  ])("refuses %s with 400 and a field message", async (_case, change, field, message) => {
    const res = await app.request("/api/accounts/register", json("POST", { ...person("refused@example.com"), ...change }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields[field]).toEqual(message);
  });

  it("refuses a body that is not JSON with field messages", async () => {
    const res = await app.request("/api/accounts/register", { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(res.status).toBe(400);
    const res2 = await app.request("/api/accounts/register", json("POST", {}));
    const body = await res2.json();
    expect(res2.status).toBe(400);
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(["email", "password", "firstName", "lastName"]));
  });

  it("gives exactly one account to 20 concurrent registrations of one address in different casings", async () => {
    // 20 distinct casings: bit k of i uppercases every character at a position ≡ k (mod 5).
    const casings = Array.from({ length: 20 }, (_, i) => [..."race.condition@example.com"].map((ch, j) => ((i >> j % 5) & 1 ? ch.toUpperCase() : ch)).join(""));
    expect(new Set(casings).size).toBe(20);
    const responses = await Promise.all(casings.map((email) => app.request("/api/accounts/register", json("POST", person(email)))));
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const conflict = await responses.find((res) => res.status === 409)!.json();
    expect(conflict.error).toMatchObject({ code: "accounts.email_taken", fields: { email: "This email is already registered" } });

    const users = (await itemsOf("user")).filter((item) => item.email === "race.condition@example.com");
    const claims = (await itemsOf("email_claim")).filter((item) => item.email === "race.condition@example.com");
    expect(users).toHaveLength(1);
    expect(claims).toHaveLength(1);
    expect(claims[0]!.userId).toBe(users[0]!.userId);
  });

  it("limits registrations per IP (30 an hour: a training cohort on the clinic's Wi-Fi fits)", async () => {
    const from = { "x-mas-viewer-ip": "198.51.100.23" };
    for (let i = 0; i < 30; i++) {
      const res = await app.request("/api/accounts/register", json("POST", person(`burst-${i}@example.com`), undefined, from));
      expect(res.status).toBe(201);
    }
    const res = await app.request("/api/accounts/register", json("POST", person("burst-30@example.com"), undefined, from));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe("accounts.rate_limited");
  });
});
