import { describe, expect, it } from "vitest";
import { isPlausibleDateOfBirth, profileChangesSchema, registrationSchema, rolesChangeSchema } from "./schemas";
import { normaliseRoles } from "@mas/core/http/roles";

const today = new Date("2026-06-01T09:00:00Z");
const valid = { email: " Ana.Silva@Example.COM ", password: "violet kettle harbour", firstName: " Ana ", lastName: "Silva" };

describe("registration input", () => {
  it("normalises email (trimmed, lowercased), names and phone, and defaults to a client", () => {
    expect(registrationSchema.parse({ ...valid, phone: "07700 900123", dateOfBirth: "1990-04-12" })).toEqual({
      email: "ana.silva@example.com",
      password: "violet kettle harbour",
      firstName: "Ana",
      lastName: "Silva",
      phone: "+447700900123",
      dateOfBirth: "1990-04-12",
      intent: "client",
    });
  });

  it("refuses keys it does not know, such as roles (no self-promotion to owner)", () => {
    const result = registrationSchema.safeParse({ ...valid, roles: ["owner"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Unknown field: roles");
  });

  it("reports a message per field", () => {
    const result = registrationSchema.safeParse({ email: "nope", password: "password123", firstName: "", lastName: "S", phone: "+1 212 555 0123", intent: "owner" });
    const fields = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(fields).toMatchObject({
      email: "Enter a valid email address",
      password: "This password is too common; choose something less guessable",
      firstName: "Enter a name",
      phone: "Enter a UK phone number, e.g. 07700 900123",
    });
    expect(fields.intent).toBeDefined();
  });
});

describe("dates of birth", () => {
  it.each([
    ["1990-04-12", true],
    ["2000-02-29", true],
    ["2026-06-01", true],
    ["2026-06-02", false],
    ["1899-12-31", false],
    ["2023-02-29", false],
    ["1990-13-01", false],
    ["1990-4-12", false],
    ["12/04/1990", false],
  ])("%s plausible: %s", (value, plausible) => {
    expect(isPlausibleDateOfBirth(value, today)).toBe(plausible);
  });
});

describe("profile changes", () => {
  it("allows removing phone or date of birth with null, and nothing else", () => {
    expect(profileChangesSchema.parse({ phone: null })).toEqual({ phone: null });
    expect(profileChangesSchema.safeParse({}).success).toBe(false);
    expect(profileChangesSchema.safeParse({ email: "new@example.com" }).success).toBe(false);
    expect(profileChangesSchema.safeParse({ roles: ["owner"] }).success).toBe(false);
  });
});

describe("roles", () => {
  it("are stored in a stable order without duplicates or unknowns", () => {
    expect(normaliseRoles(["owner", "client", "owner", "wizard"])).toEqual(["client", "owner"]);
  });

  it("changes need at least one known role", () => {
    expect(rolesChangeSchema.safeParse({ roles: [] }).success).toBe(false);
    expect(rolesChangeSchema.safeParse({ roles: ["admin"] }).success).toBe(false);
    expect(rolesChangeSchema.parse({ roles: ["client", "student"] })).toEqual({ roles: ["client", "student"] });
  });
});
