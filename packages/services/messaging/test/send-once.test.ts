import { stageEvent } from "@mas/core/outbox/outbox";
import { Events } from "@mas/core/events/catalogue";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { clock } from "@mas/core/shared/clock";
import { CLAIM_LEASE_MS, claimMessage, getMessage, recordFailed, recordSent, recordSuppressed } from "../src/domain/history";

/**
 * The claim that makes delivery send-once against the real table: what a retried,
 * duplicated or crashed delivery finds.
 */
let testNow = new Date("2026-06-01T09:00:00Z");
const restore = clock.use(() => testNow);
afterAll(restore);

const message = () => ({ messageId: `test.${randomUUID()}`, userId: "U1", email: "u1@example.test", template: "appointment.reminder", purpose: "transactional" as const });

const sent = (messageId: string) => stageEvent(Events.MessageSent, { messageId, template: "test" });
const failed = (messageId: string) => stageEvent(Events.MessageFailed, { messageId, template: "test", reason: "SES throttled" });

describe("send-once claim", () => {
  it("the first delivery claims; a concurrent duplicate is told the message is busy", async () => {
    const m = message();
    const results = await Promise.all([claimMessage(m), claimMessage(m), claimMessage(m)]);
    expect(results.sort()).toEqual(["busy", "busy", "claimed"]);
    expect(await getMessage(m.messageId)).toMatchObject({ status: "queued", attempts: 1 });
  });

  it.each([
    ["sent", (id: string) => recordSent(id, { sesMessageId: "ses-1", subjectLine: "s" }, sent(id)), "done"],
    ["suppressed", (id: string) => recordSuppressed(id, "no_consent"), "done"],
    ["failed", (id: string) => recordFailed(id, "SES throttled", failed(id)), "claimed"],
  ] as const)("after the first attempt ended %s, a redelivery gets %s", async (_status, end, expected) => {
    const m = message();
    expect(await claimMessage(m)).toBe("claimed");
    await end(m.messageId);
    expect(await claimMessage(m)).toBe(expected);
  });

  it("a failed send is retried once: two redeliveries race for it and one wins", async () => {
    const m = message();
    await claimMessage(m);
    await recordFailed(m.messageId, "SES throttled", failed(m.messageId));
    const results = await Promise.all([claimMessage(m), claimMessage(m)]);
    expect(results.sort()).toEqual(["busy", "claimed"]);
    expect(await getMessage(m.messageId)).toMatchObject({ status: "queued", attempts: 2 });
  });

  it("a claim left by a delivery that died is retaken only after the lease", async () => {
    const m = message();
    await claimMessage(m);
    testNow = new Date(testNow.getTime() + CLAIM_LEASE_MS - 1_000);
    expect(await claimMessage(m)).toBe("busy");
    testNow = new Date(testNow.getTime() + 2_000);
    expect(await claimMessage(m)).toBe("claimed");
    await recordSent(m.messageId, { sesMessageId: "ses-2", subjectLine: "s" }, sent(m.messageId));
    expect(await getMessage(m.messageId)).toMatchObject({ status: "sent", attempts: 2, sesMessageId: "ses-2" });
  });
});
