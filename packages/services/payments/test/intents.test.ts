import { describe, expect, it } from "vitest";
import { platform } from "../../../local/test/harness";
import { NO_SHOW_MANDATE } from "../src/domain/policy";
import { appointmentFor, body, call, depositIntent, paymentRow, signUp, startPayment, stripeClient, useSchedulerClock } from "./support";

useSchedulerClock();

describe("POST /intents — a deposit", () => {
  it("charges the appointment's deposit in GBP to the client's customer, saving the card under the no-show mandate", async () => {
    const { client, appointment, started, paymentIntentId } = await depositIntent();
    expect(started).toMatchObject({
      paymentId: `deposit-${appointment.appointmentId}`,
      kind: "deposit",
      subjectId: appointment.appointmentId,
      amountInPence: 5_000,
      currency: "gbp",
      checkoutUrl: `${platform().stripe.url}/checkout/${paymentIntentId}`,
      mandate: NO_SHOW_MANDATE.text,
    });
    const intent = await stripeClient().paymentIntents.retrieve(paymentIntentId);
    expect(intent).toMatchObject({ amount: 5_000, currency: "gbp", setup_future_usage: "off_session", client_secret: started.clientSecret });
    expect(intent.metadata).toEqual({
      paymentId: started.paymentId,
      kind: "deposit",
      subjectId: appointment.appointmentId,
      userId: client.userId,
      return_url: `${process.env.SITE_URL}/book/confirmation?appointment=${appointment.appointmentId}`,
    });
    const customer = await stripeClient().customers.retrieve(intent.customer as string);
    expect(customer).toMatchObject({ metadata: { userId: client.userId }, email: null, name: null });
    // The idempotency key is derived from the subject.
    const created = platform().stripe.events.find((e) => e.type === "payment_intent.created" && (e.data.object as { id: string }).id === paymentIntentId);
    expect(created?.request).toMatchObject({ idempotency_key: `pi-deposit-${appointment.appointmentId}` });
    const row = await paymentRow(started.paymentId);
    expect(row).toMatchObject({ status: "requires_payment", userId: client.userId, amountInPence: 5_000, offSessionAgreed: true, mandateVersion: NO_SHOW_MANDATE.version, stripeCustomerId: intent.customer });
  });

  it("returns the same intent when asked again, or many times at once", async () => {
    const { client, appointment, started } = await depositIntent();
    const again = await Promise.all(Array.from({ length: 5 }, () => startPayment(client, { kind: "deposit", subjectId: appointment.appointmentId })));
    for (const res of again) {
      expect(res.status).toBe(200);
      expect(await body(res)).toMatchObject({ paymentId: started.paymentId, clientSecret: started.clientSecret });
    }
    const fresh = await appointmentFor(client.userId);
    const racing = await Promise.all(Array.from({ length: 6 }, () => startPayment(client, { kind: "deposit", subjectId: fresh.appointmentId })));
    const secrets = new Set(await Promise.all(racing.map(async (res) => (await body(res)).clientSecret)));
    expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(secrets.size).toBe(1);
  });

  it("reuses one Stripe customer per user across payments", async () => {
    const client = await signUp("client");
    const first = await depositIntent(client);
    const second = await depositIntent(client);
    const [a, b] = await Promise.all([first, second].map((d) => stripeClient().paymentIntents.retrieve(d.paymentIntentId)));
    expect(a!.customer).toBe(b!.customer);
    const customers = await stripeClient().customers.search({ query: `metadata["userId"]:"${client.userId}"` });
    expect(customers.data).toHaveLength(1);
  });

  it("lets students pay too (course fees), and refuses the owner", async () => {
    const student = await signUp(["client", "student"]);
    const appointment = await appointmentFor(student.userId);
    expect((await startPayment(student, { kind: "deposit", subjectId: appointment.appointmentId })).status).toBe(200);
    const owner = await signUp("owner");
    expect((await startPayment(owner, { kind: "deposit", subjectId: appointment.appointmentId })).status).toBe(403);
  });
});

describe("POST /intents — tampering and refusals", () => {
  it("cannot be told what to charge: extra keys are refused and nothing is created", async () => {
    const client = await signUp("client");
    const appointment = await appointmentFor(client.userId);
    const before = platform().stripe.events.length;
    for (const tampered of [
      { kind: "deposit", subjectId: appointment.appointmentId, amount: 1 },
      { kind: "deposit", subjectId: appointment.appointmentId, amountInPence: 1 },
      { kind: "deposit", subjectId: appointment.appointmentId, currency: "usd" },
      { kind: "deposit", subjectId: appointment.appointmentId, userId: "someone-else" },
      { kind: "deposit", subjectId: appointment.appointmentId, metadata: { paymentId: "x" } },
    ]) {
      const res = await startPayment(client, tampered);
      expect(res.status).toBe(400);
      expect((await body(res)).error.code).toBe("validation_failed");
    }
    expect(platform().stripe.events.length).toBe(before);
    expect(await paymentRow(`deposit-${appointment.appointmentId}`)).toBeNull();
    // A query string is not read either; the honest request charges the deposit.
    const honest = await startPayment(client, { kind: "deposit", subjectId: appointment.appointmentId });
    const started = await body(honest);
    expect(started.amountInPence).toBe(5_000);
    const intent = await stripeClient().paymentIntents.retrieve(started.clientSecret.split("_secret_")[0]);
    expect(intent.amount).toBe(5_000);
  });

  it("answers 404 for another client's appointment and for one that does not exist", async () => {
    const owner = await signUp("client");
    const other = await signUp("client");
    const appointment = await appointmentFor(owner.userId);
    for (const subjectId of [appointment.appointmentId, "no-such-appointment"]) {
      const res = await startPayment(other, { kind: "deposit", subjectId });
      expect(res.status).toBe(404);
      expect((await body(res)).error.code).toBe("payments.subject_not_found");
    }
  });

  it.each([
    ["confirmed", { status: "confirmed" as const }],
    ["cancelled", { status: "cancelled" as const }],
    ["expired", { status: "expired" as const }],
    ["hold lapsed", { holdMinutes: -1 }],
    ["no deposit due", { depositInPence: 0 }],
  ])("answers 409 for an appointment not awaiting a deposit (%s)", async (_, overrides) => {
    const client = await signUp("client");
    const appointment = await appointmentFor(client.userId, overrides);
    const res = await startPayment(client, { kind: "deposit", subjectId: appointment.appointmentId });
    expect(res.status).toBe(409);
    expect((await body(res)).error.code).toBe("payments.subject_not_payable");
  });

  it("answers 409 already_paid once the deposit went through", async () => {
    const { client, appointment, paymentIntentId } = await depositIntent();
    await platform().stripe.complete(paymentIntentId, "succeed");
    const res = await startPayment(client, { kind: "deposit", subjectId: appointment.appointmentId });
    expect(res.status).toBe(409);
    expect((await body(res)).error.code).toBe("payments.already_paid");
  });

  it("prices course fees from learning: an unknown enrolment is 404 (the paid journey is in learning's paid-enrolment test)", async () => {
    const student = await signUp("student");
    const res = await startPayment(student, { kind: "course_fee", subjectId: "enrollment-1" });
    expect(res.status).toBe(404);
    expect((await body(res)).error.code).toBe("payments.subject_not_found");
  });

  it.each([
    ["no body", undefined],
    ["not JSON", "kind=deposit"],
    ["empty object", {}],
    ["unknown kind", { kind: "tip", subjectId: "a" }],
    ["empty subject", { kind: "deposit", subjectId: "" }],
    ["subject too long", { kind: "deposit", subjectId: "x".repeat(65) }],
    ["subject not a string", { kind: "deposit", subjectId: 12 }],
    ["array", [{ kind: "deposit", subjectId: "a" }]],
  ])("answers 400 for bad input (%s)", async (_, payload) => {
    const client = await signUp("client");
    const res =
      typeof payload === "string"
        ? await call("/intents", { method: "POST", headers: { ...client.headers, "content-type": "application/json" }, body: payload })
        : await startPayment(client, payload);
    expect(res.status).toBe(400);
  });
});
