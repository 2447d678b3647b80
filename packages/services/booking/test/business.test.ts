import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PRACTICE } from "@mas/core/practice";
import { clinicDetails } from "../src/read";
import { body, call, json, signUpEachRole, type TestUser } from "./support";

/** The business profile: one stored source for the site, the mails and the invites. */
let owner: TestUser;
let client: TestUser;
let student: TestUser;

beforeAll(async () => {
  ({ owner, client, student } = await signUpEachRole());
});

const profile = {
  name: "Master Aesthetics Bath",
  address: "3 Milsom Street, Bath BA1 1DA",
  phone: "01225 111 222",
  email: "clinic@masteraesthetics.test",
  practitionerName: "Dr Jane Hale",
  bio: "Nurse prescriber with twelve years in aesthetics.",
};

describe("the business profile", () => {
  it("starts from the deployment's PRACTICE_* defaults before the owner saves it", async () => {
    const res = await call("/business");
    expect(res.status).toBe(200);
    const { business } = await body(res);
    expect(business).toMatchObject({ name: DEFAULT_PRACTICE.name, address: DEFAULT_PRACTICE.address, phone: DEFAULT_PRACTICE.phone, logo: null, portrait: null });
  });

  it("is the owner's to change: anonymous 401, client and student 403", async () => {
    expect((await call("/admin/business", json("PUT", profile))).status).toBe(401);
    expect((await call("/admin/business", json("PUT", profile, client))).status).toBe(403);
    expect((await call("/admin/business", json("PUT", profile, student))).status).toBe(403);
    expect((await call("/admin/business", { headers: client.headers })).status).toBe(403);
    expect((await call("/admin/business")).status).toBe(401);
  });

  it.each([
    ["an empty name", { ...profile, name: " " }, "name"],
    ["letters in the phone", { ...profile, phone: "call us" }, "phone"],
    ["a bad email", { ...profile, email: "clinic@" }, "email"],
    ["a picture that is not the clinic's upload", { ...profile, logo: "https://elsewhere.test/logo.png" }, "logo"],
    ["a bio longer than 4,000 characters", { ...profile, bio: "x".repeat(4_001) }, "bio"],
  ])("refuses %s with a message on that field", async (_, input, field) => {
    const res = await call("/admin/business", json("PUT", input, owner));
    expect(res.status).toBe(400);
    const { error } = await body(res);
    expect(error.code).toBe("validation_failed");
    expect(error.fields[field]).toBeTruthy();
  });

  it("saves the owner's profile; the public read, the owner's read and the mails' details follow", async () => {
    const res = await call("/admin/business", json("PUT", { ...profile, name: "  Master Aesthetics Bath  " }, owner));
    expect(res.status).toBe(200);
    expect((await body(res)).business).toMatchObject({ ...profile, logo: null, portrait: null });
    expect((await body(await call("/business"))).business.phone).toBe("01225 111 222");
    expect((await body(await call("/admin/business", { headers: owner.headers }))).business.name).toBe("Master Aesthetics Bath");
    expect(await clinicDetails()).toMatchObject({ name: profile.name, address: profile.address, phone: profile.phone, email: profile.email });
  });
});
