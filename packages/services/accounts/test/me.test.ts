import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../src/app";
import { json, sessionCookieFrom, signInAs, signUp } from "./support";

beforeAll(() => {
  process.env.PASSWORD_HASH_LOG2N = "12";
});

describe("GET /api/accounts/me", () => {
  it("returns the signed-in user, never the password hash, and is not cacheable", async () => {
    const user = await signUp(["client", "student"], { firstName: "Olivia", lastName: "Bennett", phone: "+447700900456", dateOfBirth: "1988-11-02" });
    const res = await app.request("/api/accounts/me", { headers: user.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.user).toEqual({
      userId: user.userId,
      email: user.email,
      firstName: "Olivia",
      lastName: "Bennett",
      phone: "+447700900456",
      dateOfBirth: "1988-11-02",
      roles: ["client", "student"],
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|passwordHash|searchText/);
  });

  it.each([
    ["no cookie", {}],
    ["a forged cookie", { cookie: "__Host-mas_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }],
    ["a malformed cookie", { cookie: "__Host-mas_session=../../etc" }],
  ])("is 401 auth.unauthenticated with %s", async (_case, headers) => {
    const res = await app.request("/api/accounts/me", { headers });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("auth.unauthenticated");
  });
});

describe("PATCH /api/accounts/me", () => {
  it("changes names, phone (normalised) and date of birth", async () => {
    const user = await signUp();
    const res = await app.request("/api/accounts/me", json("PATCH", { firstName: "Jess", phone: "+44 (0)7700 900789", dateOfBirth: "1979-07-21" }, user));
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ firstName: "Jess", lastName: "Client", phone: "+447700900789", dateOfBirth: "1979-07-21" });
    const again = await (await app.request("/api/accounts/me", { headers: user.headers })).json();
    expect(again.user).toMatchObject({ firstName: "Jess", phone: "+447700900789" });
  });

  it("removes phone or date of birth when sent null", async () => {
    const user = await signUp("client", { phone: "+447700900111", dateOfBirth: "1990-01-01" });
    const res = await app.request("/api/accounts/me", json("PATCH", { phone: null, dateOfBirth: null }, user));
    expect((await res.json()).user).toMatchObject({ phone: null, dateOfBirth: null });
  });

  it.each([
    ["roles (privilege escalation)", { roles: ["owner"] }, "_", "Unknown field: roles"],
    ["email (needs verification; not editable here)", { email: "new@example.com" }, "_", "Unknown field: email"],
    ["a non-UK phone", { phone: "+33 6 12 34 56 78" }, "phone", "Enter a UK phone number, e.g. 07700 900123"],
    ["a future date of birth", { dateOfBirth: "2999-01-01" }, "dateOfBirth", "Enter a real date of birth as YYYY-MM-DD"],
    ["an over-long name", { lastName: "x".repeat(81) }, "lastName", "Use at most 80 characters"],
    ["nothing", {}, "_", "Send at least one field to change"],
  ])("refuses %s with 400 and a field message", async (_case, body, field, message) => {
    const user = await signUp();
    const res = await app.request("/api/accounts/me", json("PATCH", body, user));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields[field]).toBe(message);
    expect((await (await app.request("/api/accounts/me", { headers: user.headers })).json()).user.roles).toEqual(["client"]);
  });

  it("is 401 when anonymous", async () => {
    const res = await app.request("/api/accounts/me", json("PATCH", { firstName: "X" }));
    expect(res.status).toBe(401);
  });
});

describe("POST /api/accounts/password/change", () => {
  it("changes the password, keeps this session and ends every other one", async () => {
    const user = await signUp();
    const otherBrowser = await signInAs(user.userId);
    const res = await app.request("/api/accounts/password/change", json("POST", { currentPassword: user.password, newPassword: "a brand new passphrase" }, user));
    expect(res.status).toBe(204);
    expect((await app.request("/api/accounts/me", { headers: user.headers })).status).toBe(200);
    expect((await app.request("/api/accounts/me", { headers: otherBrowser.headers })).status).toBe(401);
    const oldLogin = await app.request("/api/accounts/login", json("POST", { email: user.email, password: user.password }));
    expect(oldLogin.status).toBe(401);
    const newLogin = await app.request("/api/accounts/login", json("POST", { email: user.email, password: "a brand new passphrase" }));
    expect(newLogin.status).toBe(200);
    expect(sessionCookieFrom(newLogin)).toBeDefined();
  });

  it("refuses a wrong current password with 422 on that field", async () => {
    const user = await signUp();
    const res = await app.request("/api/accounts/password/change", json("POST", { currentPassword: "not my password", newPassword: "a brand new passphrase" }, user));
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: "accounts.wrong_password", fields: { currentPassword: "That is not your current password" } });
  });

  it("applies the password policy to the new password", async () => {
    const user = await signUp();
    const res = await app.request("/api/accounts/password/change", json("POST", { currentPassword: user.password, newPassword: "qwertyuiop" }, user));
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.newPassword).toBe("This password is too common; choose something less guessable");
  });

  it("is 401 when anonymous", async () => {
    const res = await app.request("/api/accounts/password/change", json("POST", { currentPassword: "x", newPassword: "a brand new passphrase" }));
    expect(res.status).toBe(401);
  });
});
