import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dynamo, tableName } from "@mas/core/db/table";
import { priceWrites, recordWrites, totalUnits, type PricedWrite } from "@mas/core/db/write-cost";
import { db } from "../src/entities";
import { book, body, call, client, json, seedClinic, useSchedulerClock } from "./support";

/**
 * Issue 20: what creating a booking writes, priced by AWS's rules (core/db/write-cost.ts:
 * 1 WCU per started KB, ×2 inside the transaction; each GSI the item is in, 1 WCU per started
 * KB of the whole item, the indexes projecting ALL). A regression guard: a new attribute that
 * pushes the Appointment or the idempotency record over 1 KB, or a new item in the
 * transaction, shows here. DynamoDB Local's own ReturnConsumedCapacity is not used: it
 * under-reports transactions (PLATFORM.md). The web sends an Idempotency-Key with every
 * booking, so both cases carry one.
 *
 * Before issue 20 (same bookings): the Appointment was 1,120–1,229 B (8 WCU with its two GSI
 * copies), the idempotency record 1,027 B (4 WCU) and the outbox event had a gsi1 copy (put
 * and delete: 2 WCU): 28 WCU for the facial, 32 for the filler; now 20 and 28.
 */
useSchedulerClock();

/**
 * What booking's code writes for a booking. Not counted: event consumers' writes (other
 * functions), the outbox sweeper's, and the route's rate-limit counters (core/http, 1 WCU
 * per counter bumped).
 */
const BOOKING_WRITES = new Set(["appointment", "idempotencyRecord", "slotLock", "occupancy", "outboxEvent"]);

let recorder: ReturnType<typeof recordWrites>;
beforeAll(async () => {
  await seedClinic();
  recorder = recordWrites(dynamo());
});
afterAll(() => recorder.stop());

async function priced(run: () => Promise<Response>, status = 201): Promise<{ rows: PricedWrite[]; appointmentId: string }> {
  recorder.writes.length = 0;
  recorder.recording = true;
  let res: Response;
  try {
    res = await run();
  } finally {
    recorder.recording = false;
  }
  expect(res.status).toBe(status);
  const { appointment } = await body(res);
  // The booking's transaction (the one that writes the appointment) and the deletes of the
  // outbox items it staged; the local sweeper and event consumers write meanwhile too.
  const transaction = recorder.writes.find((w) => w.transactional && w.key.sk?.S === "$appointment_1")!.request;
  const staged = new Set(recorder.writes.filter((w) => w.request === transaction).map((w) => JSON.stringify(w.key)));
  const mine = recorder.writes.filter((w) => w.request === transaction || (w.op === "Delete" && staged.has(JSON.stringify(w.key))));
  const rows = await priceWrites(dynamo(), tableName(), mine);
  expect(rows.every((r) => BOOKING_WRITES.has(r.entity))).toBe(true);
  return { rows, appointmentId: appointment.appointmentId };
}

const units = (rows: PricedWrite[], entity: string) => totalUnits(rows.filter((r) => r.entity === entity));

describe("booking create's write cost (issue 20)", () => {
  it("books a one-hour treatment without buffers for 20 WCU: Appointment under 1 KB on both GSIs, idempotency record under 1 KB", async () => {
    const alice = await client();
    const { rows, appointmentId } = await priced(() => book(alice, "hydrating-facial", "2026-06-09T10:00:00+01:00", { "idempotency-key": "0b8f6d1e-6a4f-4a57-9c55-7d2cf0d1ea01" }));
    const appointment = rows.find((r) => r.entity === "appointment")!;
    expect(appointment.bytes).toBeLessThanOrEqual(1024);
    expect(units(rows, "appointment")).toMatchObject({ table: 2, gsi1: 1, gsi2: 1, gsi3: 0 });
    expect(units(rows, "idempotencyRecord").total).toBe(2);
    expect(units(rows, "slotLock")).toMatchObject({ table: 8, total: 8 }); // 4 cells (10:00–11:00 BST)
    expect(units(rows, "occupancy")).toMatchObject({ table: 2, gsi2: 1, total: 3 });
    expect(units(rows, "outboxEvent")).toMatchObject({ table: 3, gsi1: 0, total: 3 }); // put in the transaction, deleted once published; no GSI copy
    expect(totalUnits(rows).total).toBeLessThanOrEqual(20);
    // The cells are not stored on the appointment any more; its place is still released on cancel.
    const { data } = await db().entities.appointment.get({ appointmentId }).go();
    expect(data?.lockCells).toBeUndefined();
  });

  it("books a treatment with a deposit and buffers (six cells) for 28 WCU", async () => {
    const bob = await client();
    const { rows } = await priced(() => book(bob, "lip-filler-one-ml", "2026-06-10T14:15:00+01:00", { "idempotency-key": "0b8f6d1e-6a4f-4a57-9c55-7d2cf0d1ea02" }));
    // 1,061 B: the hold, the cancellation terms and the occupied interval keep it just over 1 KB (see ACCESS-PATTERNS.md).
    expect(rows.find((r) => r.entity === "appointment")!.bytes).toBeLessThan(1100);
    expect(units(rows, "idempotencyRecord").total).toBe(2);
    expect(units(rows, "slotLock").total).toBe(12);
    expect(totalUnits(rows).total).toBeLessThanOrEqual(28);
  });

  it("cancels a one-hour appointment for 22 WCU: the Appointment's update is copied whole to both GSIs (ALL)", async () => {
    const erin = await client();
    const { appointment } = await body(await book(erin, "hydrating-facial", "2026-06-18T10:00:00+01:00"));
    const { rows } = await priced(() => call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", {}, erin)), 200);
    // Priced by the larger image: the cancelled item (1,273 B: its cancellation and a second history entry).
    // Projecting gsi1/gsi2 KEYS_ONLY would make this update free on both (keys unchanged): 4 WCU of 22.
    expect(units(rows, "appointment")).toMatchObject({ table: 4, gsi1: 2, gsi2: 2 });
    expect(units(rows, "slotLock").total).toBe(8);
    expect(units(rows, "occupancy")).toMatchObject({ table: 2, gsi2: 1 });
    expect(totalUnits(rows).total).toBeLessThanOrEqual(22);
  });

  it("drops the cell list of an appointment booked before issue 20 when it is rescheduled", async () => {
    const dan = await client();
    const res = await book(dan, "hydrating-facial", "2026-06-16T10:00:00+01:00");
    const { appointment } = await body(res);
    const cells = ["2026-06-16T09:00:00+00:00", "2026-06-16T09:15:00+00:00", "2026-06-16T09:30:00+00:00", "2026-06-16T09:45:00+00:00"];
    await db().entities.appointment.patch({ appointmentId: appointment.appointmentId }).set({ lockCells: cells }).go();
    const moved = await call(`/appointments/${appointment.appointmentId}/reschedule`, json("POST", { start: "2026-06-16T14:00:00+01:00" }, dan));
    expect(moved.status).toBe(200);
    const { data } = await db().entities.appointment.get({ appointmentId: appointment.appointmentId }).go({ consistent: true });
    expect(data).toMatchObject({ start: "2026-06-16T13:00:00.000Z" });
    expect(data?.lockCells).toBeUndefined();
  });

  it("replays a compressed answer: the same appointment, once", async () => {
    const carol = await client();
    const headers = { "idempotency-key": "0b8f6d1e-6a4f-4a57-9c55-7d2cf0d1ea03" };
    const first = await book(carol, "hydrating-facial", "2026-06-11T15:00:00+01:00", headers);
    const second = await book(carol, "hydrating-facial", "2026-06-11T15:00:00+01:00", headers);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect((await body(second)).appointment).toEqual((await body(first)).appointment);
  });
});
