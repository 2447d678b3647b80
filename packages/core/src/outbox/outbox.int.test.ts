import { describe, expect, it } from "vitest";
import { Service } from "electrodb";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { dynamo, tableName } from "../db/table";
import { kernelDb } from "../db/service";
import { drainOutbox, outboxBacklog } from "./outbox";
import { LegacyOutboxEvent, type OutboxEventItem } from "./outbox-event";
import { platform } from "../../../local/test/harness";

/**
 * Issue 20: pending events live in one table partition (no GSI copy: 2 WCU less per event);
 * events written before it, on gsi1, are still drained.
 */
const event = (name: string): OutboxEventItem => {
  const eventId = ulid();
  return { eventId, name, source: "mas.test", detail: JSON.stringify({ id: eventId, occurredAt: new Date().toISOString(), version: 1, data: {} }), createdAt: new Date(Date.now() - 60_000).toISOString(), attempts: 0 };
};
const published = (eventId: string) => platform().bus.published.some((e) => (typeof e.detail === "string" ? JSON.parse(e.detail) : e.detail).id === eventId);

describe("the outbox's items", () => {
  it("sit in the $mas#outbox partition with no GSI keys, and the sweeper publishes and deletes them", async () => {
    const item = event("test.partitioned");
    await kernelDb().entities.outboxEvent.put(item).go();
    const key = { pk: "$mas#outbox", sk: `$outboxevent_2#createdat_${item.createdAt.toLowerCase()}#eventid_${item.eventId.toLowerCase()}` };
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key }));
    expect(Item).toMatchObject({ eventId: item.eventId, __edb_v__: "2" });
    expect(Object.keys(Item!).filter((k) => k.startsWith("gsi"))).toEqual([]);
    expect((await outboxBacklog()).map((e) => e.eventId)).toContain(item.eventId);

    expect((await drainOutbox({ graceMs: 0 })).failed).toBe(0);
    await platform().bus.idle();
    expect(published(item.eventId)).toBe(true);
    expect((await dynamo().send(new GetCommand({ TableName: tableName(), Key: key }))).Item).toBeUndefined();
  });

  it("drains events written before issue 20 (keyed by event id, on gsi1)", async () => {
    const legacy = new Service({ outboxEvent: LegacyOutboxEvent }, { client: dynamo(), table: tableName() }).entities.outboxEvent;
    const item = event("test.legacy");
    await legacy.put(item).go();
    expect((await outboxBacklog()).map((e) => e.eventId)).toContain(item.eventId);

    expect((await drainOutbox({ graceMs: 0 })).failed).toBe(0);
    await platform().bus.idle();
    expect(published(item.eventId)).toBe(true);
    expect((await legacy.get({ eventId: item.eventId }).go()).data).toBeNull();
    expect(await outboxBacklog()).toEqual([]);
  });
});
