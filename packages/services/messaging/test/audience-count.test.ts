import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsubscribeTokenFor, unsubscribeWithToken } from "../src/domain/unsubscribes";
import { json, signUp, type TestUser } from "../../accounts/test/support";
import { app } from "../src/app";
import { client, followSchedulerClock } from "./support";

/** The audience builder's live count: the send's own selection and consent rules, before sending. */
const restore = followSchedulerClock();
afterAll(restore);

let owner: TestUser;
let consenting: TestUser;
let unsubscribed: TestUser;

beforeAll(async () => {
  owner = await signUp("owner");
  consenting = await client({ consent: true, firstName: "Cara" });
  await client({ consent: false, firstName: "Dan" });
  await client({ firstName: "Eli" }); // never answered: no consent
  unsubscribed = await client({ consent: true, firstName: "Fay" });
  await client({ consent: true, firstName: "Gus", roles: ["student"] });
  await unsubscribeWithToken(await unsubscribeTokenFor({ email: unsubscribed.email, userId: unsubscribed.userId }), "link");
});

const count = (body: unknown, as?: TestUser) => app.request("/api/messaging/admin/campaigns/audience", json("POST", body, as));

describe("POST /admin/campaigns/audience", () => {
  it("counts who the criteria select and who of them would be mailed", async () => {
    const res = await count({ roles: ["client"] }, owner);
    expect(res.status).toBe(200);
    expect((await res.json()).count).toEqual({ matching: 4, reachable: 1, noConsent: 2, unsubscribed: 1, noMobile: 0 });
    const students = await count({ roles: ["student"] }, owner);
    expect((await students.json()).count).toEqual({ matching: 1, reachable: 1, noConsent: 0, unsubscribed: 0, noMobile: 0 });
  });

  it("selects nobody for criteria nobody meets", async () => {
    const res = await count({ roles: ["client"], serviceCategories: ["dermal-filler"] }, owner);
    expect((await res.json()).count).toEqual({ matching: 0, reachable: 0, noConsent: 0, unsubscribed: 0, noMobile: 0 });
  });

  it("is the owner's only: anonymous 401, a client 403 (even one in the audience)", async () => {
    expect((await count({ roles: ["client"] })).status).toBe(401);
    expect((await count({ roles: ["client"] }, consenting)).status).toBe(403);
  });

  it.each([
    ["an empty role list", { roles: [] }, "roles"],
    ["an unknown criterion", { favouriteColour: "blue" }, ""],
    ["a date that is not a date", { lastVisitBefore: "last spring" }, "lastVisitBefore"],
  ])("refuses %s with 400", async (_, body, field) => {
    const res = await count(body, owner);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("validation_failed");
    if (field) expect(error.fields[field]).toBeTruthy();
  });
});
