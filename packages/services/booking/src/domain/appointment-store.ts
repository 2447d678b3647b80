import type { EntityItem } from "electrodb";
import { db } from "../entities";
import type { Appointment, AppointmentStatus } from "../entities/appointment";
import { transactWrite, type WriteOutcome } from "@mas/core/db/transactions";
import { publishStaged, type StagedEvent } from "@mas/core/outbox/outbox";
import type { BusyInterval } from "./availability";
import type { Service } from "./settings";
import { cellExpiresAt, lockPartsFor, occupancyOf, placementOf, quarterOf, quartersBetween, type LockOwner, type LockPart } from "./slot-locks";

/**
 * Appointment persistence. Every change to who holds which diary cells is one
 * TransactWriteItems: the appointment (with a condition on its status) plus one update per
 * diary cell whose parts it claims (each free, a lapsed hold's, or already its own) or
 * releases (only those still its own), and its occupancy item.
 * ElectroDB *returns* a cancelled transaction; the outcome says which part was refused.
 */
export type AppointmentItem = EntityItem<typeof Appointment>;
export type HistoryEntry = { status: string; at: string; by: string; note?: string };

export type { WriteOutcome };

export async function findAppointment(appointmentId: string): Promise<AppointmentItem | undefined> {
  const { data } = await db().entities.appointment.get({ appointmentId }).go({ consistent: true });
  return data ?? undefined;
}

export async function appointmentsOfClient(clientId: string): Promise<AppointmentItem[]> {
  const { data } = await db().entities.appointment.query.byClient({ clientId }).go({ pages: "all" });
  return data;
}

/** Appointments starting in [from, to), in start order (the owner calendar). */
export async function appointmentsStartingBetween(from: Date, to: Date): Promise<AppointmentItem[]> {
  const pages = await Promise.all(
    quartersBetween(from, to).map((diaryQuarter) =>
      db().entities.appointment.query.diary({ diaryQuarter }).between({ start: from.toISOString() }, { start: to.toISOString() }).go({ pages: "all" }),
    ),
  );
  return pages.flatMap((p) => p.data).filter((a) => a.start >= from.toISOString() && a.start < to.toISOString());
}

export function diaryQuarterOf(start: Date): string {
  return quarterOf(start);
}

/**
 * A new appointment item: the treatment's copy, where it sits in the diary, its money and its
 * first history entry — what a client's booking, the clinic's booking and the demo seed share.
 */
export function newAppointmentItem(input: {
  appointmentId: string;
  clientId: string;
  service: Service;
  start: Date;
  occupied: BusyInterval;
  status: AppointmentStatus;
  depositInPence: number;
  depositPaidInPence: number;
  by: string;
  note?: string;
  now: Date;
}): AppointmentItem {
  const { service, status, now } = input;
  return {
    appointmentId: input.appointmentId,
    clientId: input.clientId,
    serviceId: service.id,
    serviceSlug: service.slug,
    serviceName: service.name,
    category: service.category,
    ...placementOf(input.start, service.durationMinutes, input.occupied),
    status,
    priceInPence: service.priceInPence,
    depositInPence: input.depositInPence,
    depositPaidInPence: input.depositPaidInPence,
    history: [{ status, at: now.toISOString(), by: input.by, ...(input.note ? { note: input.note } : {}) }],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** A new appointment, the place it claims (if any), and optionally the idempotency record and waitlist offer it settles. */
export async function insertAppointment(input: {
  appointment: AppointmentItem;
  place?: LockOwner;
  now: Date;
  idempotency?: { scope: string; key: string; requestHash: string; statusCode: number; body: unknown; expiresAt: number };
  waitlist?: { waitlistId: string; clientId: string };
  /** Announced with the write, through the outbox. */
  events: StagedEvent[];
}): Promise<WriteOutcome<"appointment" | "locks" | "idempotency" | "waitlist" | "outbox">> {
  const nowMs = input.now.getTime();
  const { idempotency, waitlist, place } = input;
  const cells = cellChanges(place, undefined, new Map());
  const parts = [
    "appointment" as const,
    ...(idempotency ? ["idempotency" as const] : []),
    ...(waitlist ? ["waitlist" as const] : []),
    ...cells.map(() => "locks" as const),
    ...(place ? ["locks" as const] : []),
    ...input.events.map(() => "outbox" as const),
  ];
  const outcome = await transactWrite(parts, () =>
    db().transaction.write(({ appointment, slotLock, occupancy, idempotencyRecord, waitlistEntry, outboxEvent }) => [
      appointment.create(input.appointment).commit(),
      ...(idempotency ? [idempotencyRecord.create({ ...idempotency, createdAt: input.now.toISOString() }).commit()] : []),
      ...(waitlist
        ? [
            waitlistEntry
              .patch({ waitlistId: waitlist.waitlistId })
              .set({ status: "booked", appointmentId: input.appointment.appointmentId, updatedAt: input.now.toISOString() })
              .where((w, { eq }) => `${eq(w.status, "offered")} AND ${eq(w.clientId, waitlist.clientId)}`)
              .commit(),
          ]
        : []),
      ...cells.map((change) => cellUpdate(slotLock, change, place!.appointmentId, nowMs)),
      ...(place ? [occupancy.put(occupancyOf(place)).commit()] : []),
      ...input.events.map((event) => outboxEvent.put(event.item).commit()),
    ]),
  );
  if (outcome.ok) await publishStaged(input.events);
  return outcome;
}

export interface AppointmentChange {
  appointmentId: string;
  expect: { statuses: readonly AppointmentStatus[]; start?: string };
  set: Partial<Omit<AppointmentItem, "appointmentId" | "history">>;
  remove?: ("holdExpiresAt" | "waitlistId" | "lockCells")[];
  history: HistoryEntry;
  /** The place the appointment takes (its new interval, or the same one confirmed). */
  claim?: LockOwner;
  /** The occupied interval it leaves (the parts of it still its own). */
  release?: BusyInterval;
  now: Date;
  /** Announced with the change, through the outbox (built from the appointment as it will be). */
  events?: StagedEvent[];
}

/**
 * Moves an appointment from one of `expect.statuses` (and, if given, still starting at
 * `expect.start`) to its next state, claiming the parts of `claim` and releasing those of
 * `release` it still owns — all or nothing. A lapsed hold's part taken by someone else
 * between reading and writing is simply no longer ours to release: read again and retry.
 */
export async function changeAppointment(change: AppointmentChange): Promise<WriteOutcome<"appointment" | "claim">> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await changeOnce(change);
    if (outcome.ok) {
      await publishStaged(change.events ?? []);
      return outcome;
    }
    // The appointment itself changed (a concurrent cancel/move won) or a wanted cell is taken: that is the answer.
    const answered = new Set([...outcome.refused].filter((part): part is "appointment" | "claim" => part === "appointment" || part === "claim"));
    if (answered.size > 0) return { ok: false, refused: answered };
    // Only locks we meant to release changed hands: re-read them; if they keep moving, report the appointment as changed.
    if (attempt === 3) return { ok: false, refused: new Set(["appointment"]) };
  }
}

async function changeOnce(change: AppointmentChange): Promise<WriteOutcome<"appointment" | "claim" | "release" | "outbox">> {
  const nowMs = change.now.getTime();
  const owned = change.release ? await stillOwned(change.appointmentId, change.release) : new Map<string, LockPart[]>();
  const cells = cellChanges(change.claim, change.release, owned);
  const events = change.events ?? [];
  type Part = "appointment" | "claim" | "release" | "outbox";
  const placing: Part[] = change.claim ? ["claim"] : change.release ? ["release"] : [];
  const parts: Part[] = ["appointment", ...cells.map((c): Part => (c.claim.length ? "claim" : "release")), ...placing, ...events.map((): Part => "outbox")];
  return transactWrite(parts, () =>
    db().transaction.write(({ appointment, slotLock, occupancy, outboxEvent }) => {
      let update = appointment
        .patch({ appointmentId: change.appointmentId })
        .set({ ...change.set, updatedAt: change.now.toISOString() })
        .append({ history: [change.history] });
      if (change.remove?.length) update = update.remove(change.remove);
      return [
        update
          .where((a, { eq }) => {
            const statuses = `(${change.expect.statuses.map((s) => eq(a.status, s)).join(" OR ")})`;
            return change.expect.start ? `${statuses} AND ${eq(a.start, change.expect.start)}` : statuses;
          })
          .commit(),
        ...cells.map((c) => cellUpdate(slotLock, c, change.appointmentId, nowMs)),
        ...(change.claim
          ? [occupancy.put(occupancyOf(change.claim)).commit()]
          : change.release
            ? [occupancy.delete({ appointmentId: change.appointmentId }).commit()]
            : []),
        ...events.map((event) => outboxEvent.put(event.item).commit()),
      ];
    }),
  );
}

type CellChange = { cell: string; claim: LockPart[]; hold?: number; release: LockPart[] };

/** One change per cell touched: the parts claimed, and the owned parts of `release` not re-claimed. */
function cellChanges(claim: LockOwner | undefined, release: BusyInterval | undefined, owned: Map<string, LockPart[]>): CellChange[] {
  const claims = claim ? lockPartsFor(claim.occupied) : new Map<string, LockPart[]>();
  const releases = release ? lockPartsFor(release) : new Map<string, LockPart[]>();
  const hold = claim?.holdExpiresAt?.getTime();
  const changes: CellChange[] = [];
  for (const cell of new Set([...claims.keys(), ...releases.keys()])) {
    const claiming = claims.get(cell) ?? [];
    const releasing = (releases.get(cell) ?? []).filter((p) => !claiming.includes(p) && (owned.get(cell) ?? []).includes(p));
    if (claiming.length === 0 && releasing.length === 0) continue;
    changes.push({ cell, claim: claiming, ...(hold !== undefined ? { hold } : {}), release: releasing });
  }
  return changes;
}

/** The parts of `interval` whose owner is still this appointment (a lapsed hold's may not be), by cell. */
async function stillOwned(appointmentId: string, interval: BusyInterval): Promise<Map<string, LockPart[]>> {
  const wanted = lockPartsFor(interval);
  const owned = new Map<string, LockPart[]>();
  const keys = [...wanted.keys()].map((cell) => ({ cell }));
  if (keys.length === 0) return owned;
  const { data, unprocessed } = await db().entities.slotLock.get(keys).go({ consistent: true });
  if (unprocessed.length) throw new Error("DynamoDB left lock reads unprocessed; retry");
  for (const item of data) {
    const mine = (wanted.get(item.cell) ?? []).filter((p) => item[`o${p}`] === appointmentId);
    if (mine.length) owned.set(item.cell, mine);
  }
  return owned;
}

type TransactionEntities = Parameters<Parameters<ReturnType<typeof db>["transaction"]["write"]>[0]>[0];
type SlotLockEntity = TransactionEntities["slotLock"];
type PartAttribute = `${"o" | "h"}${LockPart}`;

/**
 * One cell's update: each claimed part must be free, a lapsed hold's, or already ours; each
 * released part must still be ours. Claimed parts name the owner (and the hold's expiry while
 * unpaid); released parts are removed. The item itself stays until its TTL.
 */
function cellUpdate(slotLock: SlotLockEntity, change: CellChange, appointmentId: string, nowMs: number) {
  const set: { o0?: string; o5?: string; o10?: string; h0?: number; h5?: number; h10?: number; expiresAt: number } = { expiresAt: cellExpiresAt(change.cell) };
  const remove: PartAttribute[] = [];
  for (const p of change.claim) {
    set[`o${p}`] = appointmentId;
    if (change.hold !== undefined) set[`h${p}`] = change.hold;
    else remove.push(`h${p}`);
  }
  for (const p of change.release) remove.push(`o${p}`, `h${p}`);
  let update = slotLock.update({ cell: change.cell }).set(set);
  if (remove.length) update = update.remove(remove);
  return update
    .where((l, { notExists, lt, eq }) =>
      [
        ...change.claim.map((p) => `(${notExists(l[`o${p}`])} OR ${lt(l[`h${p}`], nowMs)} OR ${eq(l[`o${p}`], appointmentId)})`),
        ...change.release.map((p) => eq(l[`o${p}`], appointmentId)),
      ].join(" AND "),
    )
    .commit();
}
