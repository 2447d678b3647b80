import { beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { eventByName } from "@mas/core/events/catalogue";
import type { BusEvent } from "@mas/core/events/define";
import { subscriptions } from "@mas/core/events/subscriptions";
import { scanWholeTable } from "../../services/accounts/test/table";
import { clock } from "@mas/core/shared/clock";
import { body, book, client, seedClinic } from "../../services/booking/test/support";
import { serviceConsumers } from "../src/services";
import { platform, sentMail } from "./harness";

/**
 * EventBridge delivers at least once and the outbox may publish twice, so every consumer
 * must treat a second delivery of the same event as a no-op. Generated from the
 * subscription map: for every (service, event) pair, a valid event — built from the
 * catalogue's own schema, about a real client and a real appointment, shaped to pass the
 * subscription's filter — is delivered to the service's consumer twice. Whatever the
 * first delivery did (items, mails, schedules, Stripe calls, further events), the second
 * must change nothing.
 */
beforeAll(async () => {
  clock.use(() => platform().scheduler.now());
  await seedClinic();
});

type Overrides = Record<string, unknown>;

/** A value the schema accepts; fields named in `overrides` take that value (ids of real things, filter values). */
function sample(schema: z.ZodType, overrides: Overrides, key = ""): unknown {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  if (key in overrides && def.type !== "object") return overrides[key];
  switch (def.type) {
    case "object":
      return Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([k, s]) => [k, sample(s, overrides, k)]).filter(([, v]) => v !== undefined));
    case "union": {
      const options = def.options as z.ZodType[];
      const discriminator = def.discriminator as string | undefined;
      const wanted = discriminator && overrides[discriminator];
      const chosen = wanted ? options.find((o) => (o as z.ZodObject).shape[discriminator].safeParse(wanted).success) : options[0];
      return sample(chosen ?? options[0]!, overrides, key);
    }
    case "optional":
      return undefined;
    case "nullable":
    case "default":
    case "pipe":
      return sample(def.innerType ?? def.in, overrides, key);
    case "literal":
      return (def.values as unknown[])[0];
    case "enum":
      return Object.values(def.entries as Record<string, string>)[0];
    case "boolean":
      return false;
    case "number":
      return /percent/i.test(key) ? 50 : 1_000;
    case "array":
      return [sample(def.element, overrides, key)];
    case "string": {
      const format = def.format as string | undefined;
      if (format === "datetime") return "2026-06-20T10:00:00+01:00";
      if (format === "email") return "someone@example.test";
      if (format === "url") return "https://clinic.example/x";
      return `sample-${key || "value"}`;
    }
    default:
      return null;
  }
}

/** The first value each filter field allows (`{ data: { kind: ["deposit"] } }` → kind = deposit). */
function filterValues(detail: Record<string, unknown> | undefined): Overrides {
  const data = (detail?.data ?? {}) as Record<string, unknown[]>;
  return Object.fromEntries(Object.entries(data).map(([k, values]) => [k, values[0]]));
}

async function effects() {
  const items = await scanWholeTable();
  const stripe = platform().stripe.client();
  return {
    items: items
      .filter((i) => !["processedEvent", "outboxEvent"].includes(String(i.__edb_e__)))
      .map((i) => JSON.stringify(i))
      .sort(),
    mails: (await sentMail()).length,
    schedules: platform().scheduler.schedules().map((s) => `${s.Name}@${s.fireAt.toISOString()}`).sort(),
    published: platform().bus.published.length,
    refunds: (await stripe.refunds.list({ limit: 100 })).data.length,
    intents: (await stripe.paymentIntents.list({ limit: 100 })).data.length,
  };
}

/** Until nothing is in flight: Stripe's webhooks, the bus, and what each sets off in the other. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await platform().stripe.flushWebhooks();
    await platform().bus.idle();
  }
}

const cases = subscriptions.flatMap((s) => s.events.map((name) => [`${s.service} ← ${name} (${s.id})`, s, name] as const));

describe("every consumer ignores a duplicated delivery", () => {
  it("covers every subscription in the map", () => {
    expect(cases.length).toBe(subscriptions.reduce((n, s) => n + s.events.length, 0));
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)("%s", async (_label, subscription, name) => {
    const person = await client();
    const booked = await book(person, "hydrating-facial", "2026-06-20T10:00:00+01:00");
    const appointmentId = booked.status === 201 ? (await body(booked)).appointment.appointmentId : "no-appointment";
    await platform().bus.idle();
    const definition = eventByName(name)!;
    const overrides: Overrides = {
      userId: person.userId,
      clientId: person.userId,
      email: person.email,
      appointmentId,
      subjectId: appointmentId,
      phone: "+447700900123",
      userIds: [person.userId],
      ...filterValues(subscription.detail),
    };
    const data = definition.schema.parse(sample(definition.schema, overrides));
    const event: BusEvent = {
      version: "0",
      id: `dup-${subscription.id}-${name}`,
      "detail-type": name,
      source: definition.source,
      account: "123456789012",
      time: new Date().toISOString(),
      region: "eu-west-2",
      resources: [],
      detail: { id: `dup-${subscription.id}-${name}-${person.userId}`, occurredAt: "2026-06-01T09:00:00.000Z", version: definition.version, data },
    };
    const consume = serviceConsumers[subscription.service];

    await consume(structuredClone(event));
    await settle();
    const afterFirst = await effects();
    await consume(structuredClone(event));
    await settle();
    expect(await effects()).toEqual(afterFirst);
  });
});
