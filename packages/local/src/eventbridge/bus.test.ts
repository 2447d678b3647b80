import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import type { BusEvent } from "@mas/core/events/define";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLocalBus, type LocalBus } from "./bus";

const BUS = "mas-test-bus";

function clientFor(bus: LocalBus): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: bus.endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

function entry(overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry {
  return {
    EventBusName: BUS,
    Source: "mas.booking",
    DetailType: "AppointmentBooked",
    Detail: JSON.stringify({ id: "01J", occurredAt: "2026-01-01T09:00:00.000Z", version: 1, data: { appointmentId: "a1" } }),
    ...overrides,
  };
}

/** A raw HTTP call, for requests the SDK would never produce. */
async function rawCall(bus: LocalBus, body: string, target = "AWSEvents.PutEvents") {
  const res = await fetch(bus.endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
    body,
  });
  return { status: res.status, errorType: res.headers.get("x-amzn-errortype"), body: (await res.json()) as Record<string, unknown> };
}

describe("local EventBridge bus", () => {
  let bus: LocalBus;
  let client: EventBridgeClient;
  let booked: BusEvent[];
  let paid: BusEvent[];

  beforeEach(async () => {
    booked = [];
    paid = [];
    bus = await startLocalBus({
      busName: BUS,
      retryDelayMs: 5,
      rules: [
        { name: "booked", pattern: { source: ["mas.booking"], "detail-type": ["AppointmentBooked"] }, target: async (e) => void booked.push(e) },
        { name: "paid", pattern: { source: ["mas.payments"] }, target: async (e) => void paid.push(e) },
      ],
    });
    client = clientFor(bus);
  });

  afterEach(async () => {
    client.destroy();
    await bus.stop();
  });

  it("answers the real SDK's PutEvents and delivers to the matching rule only", async () => {
    const out = await client.send(new PutEventsCommand({ Entries: [entry()] }));
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);

    await bus.idle();
    expect(paid).toHaveLength(0);
    expect(booked).toHaveLength(1);
    const event = booked[0] as BusEvent;
    expect(event).toMatchObject({
      version: "0",
      id: out.Entries?.[0]?.EventId,
      "detail-type": "AppointmentBooked",
      source: "mas.booking",
      account: "123456789012",
      region: "eu-west-2",
      resources: [],
      detail: { data: { appointmentId: "a1" } },
    });
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(bus.published).toHaveLength(1);
  });

  it("keeps the entry's Time and Resources, and accepts the bus ARN as EventBusName", async () => {
    const time = new Date("2026-03-01T10:11:12.345Z");
    await client.send(new PutEventsCommand({ Entries: [entry({ EventBusName: bus.busArn, Time: time, Resources: ["arn:x"] })] }));
    await bus.idle();
    expect(booked[0]?.time).toBe("2026-03-01T10:11:12Z");
    expect(booked[0]?.resources).toEqual(["arn:x"]);
  });

  it("does not wait for targets before answering", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let done = false;
    bus.addRule({ name: "slow", pattern: { source: ["mas.slow"] }, target: () => gate.then(() => void (done = true)) });

    await client.send(new PutEventsCommand({ Entries: [entry({ Source: "mas.slow" })] }));
    expect(done).toBe(false);
    const idle = bus.idle();
    release();
    await idle;
    expect(done).toBe(true);
  });

  it("retries a failing target, then dead-letters the event", async () => {
    let calls = 0;
    bus.addRule({
      name: "flaky",
      pattern: { source: ["mas.messaging"] },
      target: async () => {
        calls++;
        throw new Error("smtp down");
      },
    });
    await client.send(new PutEventsCommand({ Entries: [entry({ Source: "mas.messaging" })] }));
    await bus.idle();
    expect(calls).toBe(3);
    expect(bus.deadLetters).toHaveLength(1);
    expect(bus.deadLetters[0]).toMatchObject({ rule: "flaky", attempts: 3, event: { source: "mas.messaging" } });
    expect(bus.deadLetters[0]?.error).toContain("smtp down");
  });

  it("succeeds on a retry without dead-lettering", async () => {
    let calls = 0;
    bus.addRule({
      name: "second-time-lucky",
      pattern: { source: ["mas.documents"] },
      target: async () => {
        if (++calls === 1) throw new Error("transient");
      },
    });
    await bus.publish([entry({ Source: "mas.documents" })]);
    await bus.idle();
    expect(calls).toBe(2);
    expect(bus.deadLetters).toHaveLength(0);
  });

  it("idle() covers cascades: a target that publishes again", async () => {
    const finalTarget: BusEvent[] = [];
    bus.addRule({
      name: "cascade",
      pattern: { source: ["mas.accounts"] },
      target: async () => {
        // Publish through the real SDK, as a deployed Lambda would, after a little work.
        await new Promise((resolve) => setTimeout(resolve, 20));
        await client.send(new PutEventsCommand({ Entries: [entry({ Source: "mas.learning", DetailType: "Enrolled" })] }));
      },
    });
    bus.addRule({
      name: "end",
      pattern: { source: ["mas.learning"] },
      target: async (e) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        finalTarget.push(e);
      },
    });
    await bus.publish([entry({ Source: "mas.accounts" })]);
    await bus.idle();
    expect(finalTarget).toHaveLength(1);
    expect(finalTarget[0]?.["detail-type"]).toBe("Enrolled");
  });

  it("matches on detail content and stops delivering to a removed rule", async () => {
    const big: BusEvent[] = [];
    bus.addRule({
      name: "big-payments",
      pattern: { source: ["mas.payments"], detail: { data: { amount: [{ numeric: [">=", 100] }] } } },
      target: async (e) => void big.push(e),
    });
    const pay = (amount: number) => entry({ Source: "mas.payments", DetailType: "PaymentSucceeded", Detail: JSON.stringify({ data: { amount } }) });
    await bus.publish([pay(50), pay(150)]);
    await bus.idle();
    expect(big.map((e) => (e.detail as { data: { amount: number } }).data.amount)).toEqual([150]);
    expect(paid).toHaveLength(2);

    bus.removeRule("big-payments");
    await bus.publish([pay(500)]);
    await bus.idle();
    expect(big).toHaveLength(1);
  });

  it("rejects a rule with an invalid pattern", () => {
    expect(() => bus.addRule({ name: "bad", pattern: { source: "mas.x" }, target: async () => {} })).toThrow(/Event pattern is not valid/);
  });

  it("reports per-entry problems as failed entries and delivers the valid ones", async () => {
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          entry(),
          entry({ Detail: "not json" }),
          entry({ Detail: "[1,2]" }),
          entry({ Source: undefined }),
          entry({ DetailType: undefined }),
          entry({ Detail: undefined }),
          entry({ EventBusName: "someone-elses-bus" }),
          entry({ EventBusName: undefined }),
          entry({ Source: "aws.ec2" }),
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(8);
    const codes = out.Entries?.map((e) => e.ErrorCode ?? "ok");
    expect(codes).toEqual([
      "ok",
      "MalformedDetail",
      "MalformedDetail",
      "InvalidArgument",
      "InvalidArgument",
      "InvalidArgument",
      "ResourceNotFoundException",
      "ResourceNotFoundException",
      "NotAuthorizedForSourceException",
    ]);
    expect(out.Entries?.[3]?.ErrorMessage).toMatch(/Source is a required argument/);
    await bus.idle();
    expect(booked).toHaveLength(1);
  });

  it("refuses more than 10 entries with a ValidationException the SDK throws", async () => {
    const entries = Array.from({ length: 11 }, () => entry());
    await expect(client.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
    });
    await bus.idle();
    expect(booked).toHaveLength(0);
    // The server keeps serving.
    const ok = await client.send(new PutEventsCommand({ Entries: [entry()] }));
    expect(ok.FailedEntryCount).toBe(0);
  });

  it("refuses a call without entries, and an empty list", async () => {
    await expect(client.send(new PutEventsCommand({} as never))).rejects.toMatchObject({ name: "ValidationException" });
    await expect(client.send(new PutEventsCommand({ Entries: [] }))).rejects.toMatchObject({ name: "ValidationException" });
  });

  it("refuses entries over 256 KB in total", async () => {
    const detail = JSON.stringify({ blob: "x".repeat(200 * 1024) });
    await expect(client.send(new PutEventsCommand({ Entries: [entry({ Detail: detail }), entry({ Detail: detail })] }))).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringMatching(/over the limit/),
    });
  });

  it("answers malformed HTTP requests with AWS-shaped 400s and keeps serving", async () => {
    const badJson = await rawCall(bus, "{not json");
    expect(badJson).toMatchObject({ status: 400, errorType: "SerializationException", body: { __type: "SerializationException" } });

    const unknown = await rawCall(bus, "{}", "AWSEvents.ListRules");
    expect(unknown).toMatchObject({ status: 400, errorType: "UnknownOperationException" });

    const missing = await rawCall(bus, "{}");
    expect(missing).toMatchObject({ status: 400, errorType: "ValidationException", body: { __type: "ValidationException" } });
    expect(missing.body.message).toMatch(/entries/);

    const ok = await rawCall(bus, JSON.stringify({ Entries: [entry()] }));
    expect(ok).toMatchObject({ status: 200, body: { FailedEntryCount: 0 } });
  });

  it("publish() in-process throws the same validation error the SDK would get", async () => {
    await expect(bus.publish(Array.from({ length: 11 }, () => entry()))).rejects.toMatchObject({ name: "ValidationException" });
  });
});
