import { describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { publishOnItsOwn, stageEvent } from "@mas/core/outbox/outbox";
import { platform } from "../../../local/test/harness";
import { app } from "../src/app";
import { signUp } from "./support";

/** One account, both roles: a confirmed course place makes a client a student too, through the bus. */
describe("enrollment.activated", () => {
  const activated = (userId: string) => ({ enrollmentId: "01ENROLMENT", courseId: "01COURSE", courseTitle: "Foundation", userId, activatedAt: new Date().toISOString() });
  const rolesOf = async (headers: Record<string, string>) => (await (await app.request("/api/accounts/me", { headers })).json()).user.roles;

  it("adds the student role to a client's account (the session sees it at once), once however often it is delivered", async () => {
    const client = await signUp("client");
    await publishOnItsOwn(stageEvent(Events.EnrollmentActivated, activated(client.userId)));
    await publishOnItsOwn(stageEvent(Events.EnrollmentActivated, activated(client.userId)));
    await platform().bus.idle();
    expect(await rolesOf(client.headers)).toEqual(["client", "student"]);
  });

  it("leaves a student as they were", async () => {
    const student = await signUp("student");
    await publishOnItsOwn(stageEvent(Events.EnrollmentActivated, activated(student.userId)));
    await platform().bus.idle();
    expect(await rolesOf(student.headers)).toEqual(["student"]);
  });
});
