import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { messagesOf } from "../src/domain/history";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { signUp, type TestUser } from "../../accounts/test/support";
import { followSchedulerClock, mailTo, settle } from "./support";

/** Mail that follows one event: always sent (no consent needed), once per event. */
const restore = followSchedulerClock();
afterAll(restore);

let user: TestUser;
beforeAll(async () => {
  user = await signUp(["client", "student"], { firstName: "Tara" });
  await settle(); // Tara's welcome mail, before the cases count theirs
});

const later = (hours: number) => new Date(platform().scheduler.now().getTime() + hours * 3_600_000).toISOString();
const payment = () => ({ paymentId: randomUUID(), subjectId: randomUUID(), userId: user.userId });

describe("transactional mail", () => {
  const cases: [string, () => Promise<unknown>, string, string][] = [
    ["payment.succeeded", () => publish(Events.PaymentSucceeded, { ...payment(), kind: "deposit", amountInPence: 5_000 }), "Receipt: £50.00 paid to Master Aesthetics", "for your appointment deposit"],
    ["payment.failed", () => publish(Events.PaymentFailed, { ...payment(), kind: "course_fee", amountInPence: 125_000, reason: "Card declined." }), "Your payment of £1,250.00 did not go through", "Card declined."],
    ["payment.refunded", () => publish(Events.PaymentRefunded, { ...payment(), kind: "deposit", amountInPence: 5_000, refundedInPence: 2_500 }), "Refund of £25.00 on its way", "£25.00 of your £50.00 payment"],
    [
      "waitlist.offered",
      () => publish(Events.WaitlistOffered, { waitlistId: randomUUID(), clientId: user.userId, serviceSlug: "facial", serviceName: "Signature facial", start: "2026-06-20T13:00:00Z", end: "2026-06-20T14:00:00Z", offerExpiresAt: later(2) }),
      "A slot opened up: Signature facial on Saturday 20 June 2026",
      "at 14:00",
    ],
    ["document.generated", () => publish(Events.DocumentGenerated, { documentId: randomUUID(), userId: user.userId, kind: "consent-form" }), "Please sign: consent form", "/account/documents/"],
    ["document.signed", () => publish(Events.DocumentSigned, { documentId: randomUUID(), userId: user.userId, kind: "consent-form" }), "Signed: consent form", "A copy is kept in your account"],
    [
      "user.password_reset_requested",
      () => publish(Events.PasswordResetRequested, { userId: user.userId, email: user.email, firstName: "Tara", resetUrl: "https://example.co.uk/reset?token=t", expiresAt: "2026-06-01T10:00:00Z" }),
      "Reset your Master Aesthetics password",
      "expires at 11:00 on Monday 1 June 2026",
    ],
    [
      "user.sign_in_failures",
      () => publish(Events.SignInFailuresBurst, { userId: user.userId, email: user.email, firstName: "Tara", failures: 10, windowStartedAt: "2026-06-01T10:00:00Z" }),
      "Someone is trying to sign in to your Master Aesthetics account",
      "There have been 10 unsuccessful attempts to sign in to your account since",
    ],
  ];

  it.each(cases)("%s → %s", async (_event, send, subject, excerpt) => {
    const before = (await mailTo(user.email, { documents: true })).length;
    await send();
    await settle();
    const mails = await mailTo(user.email, { documents: true });
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)?.subject).toBe(subject);
    expect(mails.at(-1)?.body.text).toContain(excerpt);
    expect(mails.at(-1)?.body.html).not.toContain("Unsubscribe");
  });

  it("welcomes every new account once: registration publishes user.registered through the outbox", async () => {
    // Through the site's registration route, as a visitor signs up.
    const newcomer = { email: `nadia.${randomUUID()}@example.test`, userId: "" };
    const res = await fetch(`${platform().url}/api/accounts/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: newcomer.email, password: "a calm spring morning", firstName: "Nadia", lastName: "Welcome" }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    newcomer.userId = ((await res.json()) as { user: { userId: string } }).user.userId;
    await settle();
    const mails = await mailTo(newcomer.email);
    expect(mails.map((m) => m.subject)).toEqual(["Welcome to Master Aesthetics"]);
    expect(mails[0]?.body.text).toContain(`You sign in with this email address, ${newcomer.email}.`);
    expect(mails[0]?.body.text).toContain("/forgot-password");

    // The bus delivering the same event again sends nothing more.
    const event = platform().bus.published.find((e) => e["detail-type"] === "user.registered" && (e.detail as { data: { userId: string } }).data.userId === newcomer.userId);
    expect(event).toBeDefined();
    const { data, ...meta } = event!.detail as { id: string; data: { userId: string; email: string; firstName: string; roles: string[] } };
    await publish(Events.UserRegistered, data, { id: meta.id });
    await settle();
    expect(await mailTo(newcomer.email)).toHaveLength(1);
  });

  it("explains a card decline in words and links to a page that can take the deposit", async () => {
    const appointmentId = randomUUID();
    const before = (await mailTo(user.email, { documents: true })).length;
    await publish(Events.PaymentFailed, { paymentId: randomUUID(), kind: "deposit", subjectId: appointmentId, userId: user.userId, amountInPence: 5_000, reason: "generic_decline" });
    await settle();
    const mails = await mailTo(user.email, { documents: true });
    expect(mails).toHaveLength(before + 1);
    const text = mails.at(-1)?.body.text ?? "";
    expect(text).toContain("Your bank declined the payment.");
    expect(text).not.toContain("generic_decline");
    expect(text).toContain(`/book/pay?appointment=${appointmentId}`);
  });

  it("sends nothing for a generated document that needs no signature", async () => {
    const before = (await mailTo(user.email, { documents: true })).length;
    await publish(Events.DocumentGenerated, { documentId: randomUUID(), userId: user.userId, kind: "receipt" });
    await settle();
    expect(await mailTo(user.email, { documents: true })).toHaveLength(before);
  });

  it("sends once when an event is delivered twice", async () => {
    const before = (await mailTo(user.email, { documents: true })).length;
    const data = { ...payment(), kind: "fee" as const, amountInPence: 2_500 };
    const id = randomUUID();
    await Promise.all([publish(Events.PaymentSucceeded, data, { id }), publish(Events.PaymentSucceeded, data, { id })]);
    await settle();
    await publish(Events.PaymentSucceeded, data, { id });
    await settle();
    expect(await mailTo(user.email, { documents: true })).toHaveLength(before + 1);
    expect(platform().bus.deadLetters.filter((d) => d.rule.startsWith("messaging"))).toEqual([]);
  });

  it("writes to nobody for an unknown user, and forgets an erased user's history", async () => {
    await publish(Events.PaymentSucceeded, { paymentId: randomUUID(), kind: "deposit", subjectId: "x", userId: "no-such-user", amountInPence: 100 });
    await settle();
    expect((await messagesOf("no-such-user")).items).toEqual([]);

    expect((await messagesOf(user.userId)).items.length).toBeGreaterThan(0);
    await publish(Events.UserErased, { userId: user.userId });
    await settle();
    expect((await messagesOf(user.userId)).items).toEqual([]);
  });
});
