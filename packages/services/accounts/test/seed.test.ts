import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PEOPLE, seedAccounts } from "../../../local/src/seed";
import { app } from "../src/app";
import { json } from "./support";
import { itemsOf } from "./table";

beforeAll(() => {
  process.env.PASSWORD_HASH_LOG2N = "12";
});

describe("accounts demo seed", () => {
  it("creates the owner, three clients and two students (one both), once, with working sign-ins", async () => {
    const logins = await seedAccounts();
    expect(logins.map((login) => login.role)).toEqual(["owner", "client", "client", "client+student", "student"]);
    expect(logins[0]).toEqual({ role: "owner", email: "owner@masteraesthetics.test", password: DEMO_PEOPLE.owner.password });

    await seedAccounts();
    expect(await itemsOf("user")).toHaveLength(5);

    for (const login of logins) {
      const res = await app.request("/api/accounts/login", json("POST", { email: login.email, password: login.password }));
      expect(res.status).toBe(200);
      expect((await res.json()).user.roles.join("+")).toBe(login.role);
    }
  });
});
