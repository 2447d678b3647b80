import { describe, expect, it } from "vitest";
import { seedBooking, seedAccounts, seedDocuments, DEMO_PEOPLE } from "../../../local/src/seed";
import { findUserByEmail } from "@mas/accounts/read";
import { platform } from "../../../local/test/harness";
import { documentsOfUser } from "../src/domain/document-store";
import { listTemplates } from "../src/domain/templates";

describe("demo seed", () => {
  it("writes consent templates per category, one signed and the others awaiting, and is idempotent", async () => {
    await seedAccounts();
    await seedBooking();
    await seedDocuments();
    await seedDocuments();
    await platform().bus.idle();
    const consent = (await listTemplates("consent")).map((t) => t.templateId).sort();
    expect(consent).toEqual(["consent-anti-wrinkle", "consent-chemical-peel", "consent-dermal-filler", "consent-general", "consent-microneedling", "consent-skin-booster"]);
    const statuses = await Promise.all(
      [DEMO_PEOPLE.amelia, DEMO_PEOPLE.grace, DEMO_PEOPLE.isla].map(async (person) => (await documentsOfUser((await findUserByEmail(person.email))!.userId)).map((d) => d.status)),
    );
    expect(statuses[0]).toEqual(["signed"]);
    expect(statuses.slice(1).flat().every((s) => s === "awaiting_signature")).toBe(true);
    expect(statuses.slice(1).flat().length).toBeGreaterThan(0);
  });
});
