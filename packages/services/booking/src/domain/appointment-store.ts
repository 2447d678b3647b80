import type { EntityItem } from "electrodb";
import { db } from "../entities";
import type { Appointment, AppointmentStatus } from "../entities/appointment";
import { transactWrite, type WriteOutcome } from "@mas/core/db/transactions";
import { publishStaged, type StagedEvent } from "@mas/core/outbox/outbox";
import { quarterOf, quartersBetween, type LockItem } from "./slot-locks";

/**
 * Appointment persistence. Every change to who holds which diary cells is one
 * TransactWriteItems: the appointment (with a condition on its status) plus the lock items
 * it claims (free, lapsed hold, or already its own) and releases (only if still its own).
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

/** A new appointment, its locks, and optionally the idempotency record and waitlist offer it settles. */
export async function insertAppointment(input: {
  appointment: AppointmentItem;
  locks: LockItem[];
  now: Date;
  idempotency?: { scope: string; key: string; requestHash: string; statusCode: number; body: unknown; expiresAt: number };
  waitlist?: { waitlistId: string; clientId: string };
  /** Announced with the write, through the outbox. */
  events: StagedEvent[];
}): Promise<WriteOutcome<"appointment" | "locks" | "idempotency" | "waitlist" | "outbox">> {
  const nowMs = input.now.getTime();
  const { idempotency, waitlist } = input;
  const parts = [
    "appointment" as const,
    ...(idempotency ? ["idempotency" as const] : []),
    ...(waitlist ? ["waitlist" as const] : []),
    ...input.locks.map(() => "locks" as const),
    ...input.events.map(() => "outbox" as const),
  ];
  const outcome = await transactWrite(parts, () =>
    db().transaction.write(({ appointment, slotLock, idempotencyRecord, waitlistEntry, outboxEvent }) => [
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
      ...input.locks.map((lock) => claim(slotLock, lock, nowMs)),
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
  remove?: ("holdExpiresAt" | "waitlistId")[];
  history: HistoryEntry;
  claim?: LockItem[];
  release?: string[];
  now: Date;
  /** Announced with the change, through the outbox (built from the appointment as it will be). */
  events?: StagedEvent[];
}

/**
 * Moves an appointment from one of `expect.statuses` (and, if given, still starting at
 * `expect.start`) to its next state, claiming `claim` locks and releasing those of
 * `release` it still owns — all or nothing. A lapsed hold's cell taken by someone else
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
  const claims = change.claim ?? [];
  const claiming = new Set(claims.map((l) => l.cell));
  // A cell both released and re-claimed is simply re-put (one operation per item).
  const releasing = await stillOwned(change.appointmentId, (change.release ?? []).filter((cell) => !claiming.has(cell)));
  const events = change.events ?? [];
  const parts = ["appointment" as const, ...claims.map(() => "claim" as const), ...releasing.map(() => "release" as const), ...events.map(() => "outbox" as const)];
  return transactWrite(parts, () =>
    db().transaction.write(({ appointment, slotLock, outboxEvent }) => {
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
        ...claims.map((lock) => claim(slotLock, lock, nowMs)),
        ...releasing.map((cell) =>
          slotLock
            .delete({ cell })
            .where((l, { eq }) => eq(l.appointmentId, change.appointmentId))
            .commit(),
        ),
        ...events.map((event) => outboxEvent.put(event.item).commit()),
      ];
    }),
  );
}

/** The cells of `cells` whose lock still names this appointment (a lapsed hold's may not). */
async function stillOwned(appointmentId: string, cells: string[]): Promise<string[]> {
  if (cells.length === 0) return [];
  const { data, unprocessed } = await db().entities.slotLock.get(cells.map((cell) => ({ cell }))).go({ consistent: true });
  if (unprocessed.length) throw new Error("DynamoDB left lock reads unprocessed; retry");
  const owned = new Set(data.filter((l) => l.appointmentId === appointmentId).map((l) => l.cell));
  return cells.filter((cell) => owned.has(cell));
}

type TransactionEntities = Parameters<Parameters<ReturnType<typeof db>["transaction"]["write"]>[0]>[0];
type SlotLockEntity = TransactionEntities["slotLock"];

/** Claim a cell: it must be free, held by a hold that lapsed before now, or already ours. */
function claim(slotLock: SlotLockEntity, lock: LockItem, nowMs: number) {
  return slotLock
    .put(lock)
    .where((l, { notExists, lt, eq }) => `${notExists(l.appointmentId)} OR ${lt(l.holdExpiresAt, nowMs)} OR ${eq(l.appointmentId, lock.appointmentId)}`)
    .commit();
}
