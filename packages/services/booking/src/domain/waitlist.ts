import type { EntityItem } from "electrodb";
import { monotonicFactory } from "ulid";
import * as z from "zod";
import { db } from "../entities";
import type { WaitlistEntry } from "../entities/waitlist-entry";
import { conflict, notFound, unprocessable } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { cancelSchedule, scheduleEvent, wholeSecondAfter } from "@mas/core/ports/scheduler";
import { addLocalDays, addMinutes, localDateOf, toIsoWithOffset } from "@mas/core/shared/time";
import type { AppointmentView } from "./appointment-view";
import { isSlotAvailable, occupiedInterval } from "./availability";
import { serviceById, serviceBySlug } from "./catalogue";
import { isConditionFailure } from "@mas/core/db/conditions";
import { busyIntervals } from "./slot-locks";
import { LocalDate } from "./settings";
import { loadSettings } from "./settings-store";

/**
 * The waitlist: a client asks for a treatment between two dates; when a matching slot is
 * freed (cancellation, reschedule, lapsed hold), the oldest waiting entry is offered it
 * for `OFFER_HOURS` (never past the slot's minimum notice). The slot is not held: the
 * offer is a head start, and accepting books through the same transaction as everyone
 * else (so it can still lose a race, with 409 `booking.slot_taken`). A lapsed offer
 * passes the slot to the next in line.
 */
export const OFFER_HOURS = 2;
export const offerScheduleName = (waitlistId: string) => `waitlist-offer-${waitlistId}`;
export type WaitlistItem = EntityItem<typeof WaitlistEntry>;
/** Ids that sort in creation order even within one millisecond: they break createdAt ties in the queue. */
const nextWaitlistId = monotonicFactory();

export const JoinWaitlist = z
  .object({ service: z.string().min(1).max(80), from: LocalDate, to: LocalDate })
  .refine((w) => w.from <= w.to, { message: "The last day must be on or after the first", path: ["to"] });
export type JoinWaitlist = z.infer<typeof JoinWaitlist>;

export function waitlistView(w: WaitlistItem) {
  return {
    waitlistId: w.waitlistId,
    service: { id: w.serviceId, slug: w.serviceSlug, name: w.serviceName },
    from: w.fromDate,
    to: w.toDate,
    status: w.status,
    offer: w.offer?.start ? { start: toIsoWithOffset(new Date(w.offer.start)), end: toIsoWithOffset(new Date(w.offer.end!)), expiresAt: toIsoWithOffset(new Date(w.offer.expiresAt!)) } : null,
    appointmentId: w.appointmentId ?? null,
    createdAt: w.createdAt,
  };
}

export async function joinWaitlist(clientId: string, input: JoinWaitlist, now: Date): Promise<WaitlistItem> {
  const request = JoinWaitlist.parse(input);
  const [settings, service] = await Promise.all([loadSettings(), serviceBySlug(request.service)]);
  const today = localDateOf(now, settings.timeZone);
  if (request.from < today) throw unprocessable("booking.waitlist_in_past", "Choose dates from today onwards", { from: "Choose a date from today onwards" });
  if (request.to > addLocalDays(today, settings.bookingHorizonDays)) {
    throw unprocessable("booking.beyond_horizon", `Bookings open ${settings.bookingHorizonDays} days ahead`, { to: "Too far ahead" });
  }
  const mine = await waitlistOf(clientId);
  if (mine.some((w) => w.serviceId === service.id && (w.status === "waiting" || w.status === "offered"))) {
    throw conflict("booking.already_waiting", `You are already on the waitlist for ${service.name}`);
  }
  const entry: WaitlistItem = {
    waitlistId: nextWaitlistId(now.getTime()),
    clientId,
    serviceId: service.id,
    serviceSlug: service.slug,
    serviceName: service.name,
    fromDate: request.from,
    toDate: request.to,
    status: "waiting",
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await db().entities.waitlistEntry.create(entry).go();
  return entry;
}

export async function waitlistOf(clientId: string): Promise<WaitlistItem[]> {
  const { data } = await db().entities.waitlistEntry.query.byClient({ clientId }).go({ order: "desc", pages: "all" });
  return data;
}

/** One of the client's own entries (the offer page); anyone else's is "not found". */
export async function entryOf(waitlistId: string, clientId: string): Promise<WaitlistItem> {
  const { data } = await db().entities.waitlistEntry.get({ waitlistId }).go({ consistent: true });
  if (!data || data.clientId !== clientId) throw notFound("booking.waitlist_not_found", "No such waitlist entry");
  return data;
}

export async function leaveWaitlist(waitlistId: string, clientId: string, now: Date): Promise<void> {
  const entry = await entryOf(waitlistId, clientId);
  if (entry.status !== "waiting" && entry.status !== "offered") return;
  await db().entities.waitlistEntry.patch({ waitlistId }).set({ status: "left", updatedAt: now.toISOString() }).go();
  if (entry.status === "offered") {
    await cancelSchedule(offerScheduleName(waitlistId));
    await offerFreedSlot({ serviceId: entry.serviceId, start: new Date(entry.offer!.start!), now });
  }
}

/**
 * A slot for `serviceId` starting at `start` may have been freed: if it is bookable, offer
 * it to the oldest waiting entry whose dates include that day. Returns the entry offered.
 */
export async function offerFreedSlot(input: { serviceId: string; start: Date; now: Date }): Promise<WaitlistItem | undefined> {
  const { start, now } = input;
  const [settings, service] = await Promise.all([loadSettings(), serviceById(input.serviceId)]);
  if (!service.active) return undefined;
  const expiresAt = new Date(Math.min(wholeSecondAfter(addMinutes(now, OFFER_HOURS * 60)).getTime(), addMinutes(start, -settings.minimumNoticeMinutes).getTime()));
  if (expiresAt <= now) return undefined;
  const occupied = occupiedInterval(service, start);
  if (!isSlotAvailable({ settings, service, busy: await busyIntervals(occupied.start, occupied.end, now), now, start }).ok) return undefined;

  const day = localDateOf(start, settings.timeZone);
  const { data: waiting } = await db()
    .entities.waitlistEntry.query.byService({ serviceId: service.id })
    .where((w, { eq, lte, gte }) => `${eq(w.status, "waiting")} AND ${lte(w.fromDate, day)} AND ${gte(w.toDate, day)}`)
    .go({ pages: "all" });
  const offer = { start: start.toISOString(), end: addMinutes(start, service.durationMinutes).toISOString(), expiresAt: expiresAt.toISOString() };
  for (const entry of waiting) {
    const announcement = stageEvent(
      Events.WaitlistOffered,
      {
        waitlistId: entry.waitlistId,
        clientId: entry.clientId,
        serviceSlug: service.slug,
        serviceName: service.name,
        start: toIsoWithOffset(start, settings.timeZone),
        end: toIsoWithOffset(new Date(offer.end), settings.timeZone),
        offerExpiresAt: toIsoWithOffset(expiresAt, settings.timeZone),
      },
      { occurredAt: now },
    );
    const result = await db()
      .transaction.write(({ waitlistEntry, outboxEvent }) => [
        waitlistEntry
          .patch({ waitlistId: entry.waitlistId })
          .set({ status: "offered", offer, updatedAt: now.toISOString() })
          .where((w, { eq }) => eq(w.status, "waiting"))
          .commit(),
        outboxEvent.put(announcement.item).commit(),
      ])
      .go();
    if (result.canceled) {
      if (result.data[0]?.code === "ConditionalCheckFailed") continue; // left or offered elsewhere meanwhile: next in line
      throw new Error(`Waitlist offer not written: ${result.data.map((r) => r.code).join(", ")}`);
    }
    await scheduleEvent({
      name: offerScheduleName(entry.waitlistId),
      at: expiresAt,
      event: Events.ReminderDue,
      data: { workflow: "waitlist-offer", step: "expire", subjectId: entry.waitlistId, scheduledFor: expiresAt.toISOString() },
    });
    await publishStaged([announcement]);
    return { ...entry, status: "offered", offer };
  }
  return undefined;
}

/** The offer's schedule fired: an unanswered offer lapses and the slot goes to the next in line. */
export async function expireOffer(waitlistId: string, now: Date): Promise<void> {
  const { data: entry } = await db().entities.waitlistEntry.get({ waitlistId }).go({ consistent: true });
  if (!entry || entry.status !== "offered" || !entry.offer?.expiresAt || new Date(entry.offer.expiresAt) > now) return;
  try {
    await db()
      .entities.waitlistEntry.patch({ waitlistId })
      .set({ status: "expired", updatedAt: now.toISOString() })
      .where((w, { eq }) => eq(w.status, "offered"))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return; // accepted or left meanwhile
    throw error;
  }
  await offerFreedSlot({ serviceId: entry.serviceId, start: new Date(entry.offer.start!), now });
}
