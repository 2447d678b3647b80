import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { SchedulerClient, CreateScheduleCommand, ListSchedulesCommand } from "@aws-sdk/client-scheduler";
import Stripe from "stripe";
import { ulid } from "ulid";
import { SERVICES } from "@mas/core/events/define";
import { Events } from "@mas/core/events/catalogue";
import { publish } from "../src/publish";
import { scheduleEvent, listSchedules, atExpression } from "@mas/core/ports/scheduler";
import { kernelDb as db } from "@mas/core/db/service";
import { pings } from "@mas/accounts/events";
import { platform } from "./harness";

describe("local platform", () => {
  it.each(SERVICES)("serves /api/%s/health through the gateway", async (service) => {
    const res = await fetch(`${platform().url}/api/${service}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ service, status: "ok" });
  });

  it("answers unknown API paths with the error shape, not a crash", async () => {
    const res = await fetch(`${platform().url}/api/nope/x`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("delivers an event published with the real EventBridge client to the subscribed handler", async () => {
    const before = pings.length;
    const message = `hello ${ulid()}`;
    const published = await publish(Events.SystemPing, { message });
    await platform().bus.idle();
    expect(pings.slice(before)).toEqual([{ id: published.id, message }]);
  });

  it("dead-letters a malformed event instead of handing it to the handler", async () => {
    const client = new EventBridgeClient({});
    const before = pings.length;
    await client.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: process.env.BUS_NAME, Source: "mas.system", DetailType: "system.ping", Detail: JSON.stringify({ id: "x", occurredAt: "nope", version: 1, data: {} }) }],
      }),
    );
    await platform().bus.idle();
    expect(pings.length).toBe(before);
    expect(platform().bus.deadLetters.at(-1)).toMatchObject({ rule: "accounts-ping" });
  });

  it("fires a schedule created with the real Scheduler client once, at its time, onto the bus", async () => {
    const { scheduler } = platform();
    const at = new Date(scheduler.now().getTime() + 60 * 60 * 1000);
    const name = `ping-${ulid()}`;
    const message = `scheduled ${name}`;
    await scheduleEvent({ name, at, event: Events.SystemPing, data: { message } });
    expect(await listSchedules(name)).toEqual([name]);

    await scheduler.advanceTo(new Date(at.getTime() - 1000));
    await platform().bus.idle();
    expect(pings.filter((p) => p.message === message)).toHaveLength(0);

    await scheduler.advanceTo(new Date(at.getTime() + 60 * 60 * 1000));
    await platform().bus.idle();
    expect(pings.filter((p) => p.message === message)).toHaveLength(1);
    expect(await listSchedules(name)).toEqual([]);

    await scheduler.advanceTo(new Date(at.getTime() + 48 * 60 * 60 * 1000));
    await platform().bus.idle();
    expect(pings.filter((p) => p.message === message)).toHaveLength(1);
  });

  it("rejects a malformed CreateSchedule with an AWS-shaped ValidationException", async () => {
    const client = new SchedulerClient({});
    await expect(
      client.send(
        new CreateScheduleCommand({
          Name: "bad",
          ScheduleExpression: "at(not-a-date)",
          FlexibleTimeWindow: { Mode: "OFF" },
          Target: { Arn: process.env.BUS_ARN!, RoleArn: process.env.SCHEDULER_ROLE_ARN! },
        }),
      ),
    ).rejects.toMatchObject({ name: "ValidationException" });
    const listed = await client.send(new ListSchedulesCommand({}));
    expect(listed.Schedules?.map((s) => s.Name)).not.toContain("bad");
  });

  it("writes Europe/London wall time in at() expressions", () => {
    expect(atExpression(new Date("2026-07-01T09:00:00Z"))).toBe("at(2026-07-01T10:00:00)");
    expect(atExpression(new Date("2026-12-01T09:00:00Z"))).toBe("at(2026-12-01T09:00:00)");
  });
});

describe("single table through ElectroDB", () => {
  it("writes nothing when a transaction's condition fails", async () => {
    const existing = ulid();
    const fresh = ulid();
    await db().entities.probe.create({ probeId: existing, note: "already here" }).go();

    const result = await db()
      .transaction.write(({ probe }) => [
        probe.create({ probeId: fresh, note: "should not persist" }).commit(),
        probe.create({ probeId: existing, note: "duplicate" }).commit(),
      ])
      .go();

    expect(result.canceled).toBe(true);
    expect(result.data.map((d) => d.code)).toEqual(["None", "ConditionalCheckFailed"]);
    expect((await db().entities.probe.get({ probeId: fresh }).go()).data).toBeNull();
    expect((await db().entities.probe.get({ probeId: existing }).go()).data?.note).toBe("already here");
  });
});

describe("fake Stripe with the real SDK", () => {
  let receiver: Server;
  const received: { body: string; signature: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ body, signature: String(req.headers["stripe-signature"]) });
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", () => resolve()));
    const address = receiver.address();
    platform().stripe.setWebhookUrl(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/webhook`);
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it("creates a PaymentIntent and delivers a signed webhook that constructEvent accepts", async () => {
    const base = new URL(process.env.STRIPE_API_BASE!);
    const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { host: base.hostname, port: Number(base.port), protocol: "http" });
    const intent = await stripe.paymentIntents.create({ amount: 5000, currency: "gbp", metadata: { kind: "deposit", subjectId: "appt_1", userId: "u_1" } });
    expect(intent.status).toBe("requires_payment_method");

    await platform().stripe.complete(intent.id, "succeed");
    const verified = received
      .map((r) => stripe.webhooks.constructEvent(r.body, r.signature, process.env.STRIPE_WEBHOOK_SECRET!))
      .filter((e) => e.type === "payment_intent.succeeded");
    expect(verified).toHaveLength(1);
    expect((verified[0]!.data.object as Stripe.PaymentIntent).id).toBe(intent.id);
    expect((verified[0]!.data.object as Stripe.PaymentIntent).metadata).toEqual({ kind: "deposit", subjectId: "appt_1", userId: "u_1" });
  });
});

describe("API reference", () => {
  it("documents every route the services register", async () => {
    const res = await fetch(`${platform().url}/api/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths["/api/accounts/login"]).toHaveProperty("post");
    expect(doc.paths["/api/booking/appointments/{id}"]).toHaveProperty("get");
    expect(doc.paths["/api/payments/webhook"]).toHaveProperty("post");
    expect((await fetch(`${platform().url}/api/docs`)).status).toBe(200);
  });
});
