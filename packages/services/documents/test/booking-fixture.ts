import { randomUUID } from "node:crypto";
import { db as bookingDb } from "@mas/booking/entities";
import type { EventData } from "@mas/core/events/catalogue";
import { platform } from "../../../local/test/harness";

/**
 * A confirmed appointment as booking stores it, written through booking's own entities
 * (tests may set up another service's state with its code); returns the facts booking's
 * `appointment.confirmed` would carry.
 */
export async function bookingAppointment(clientId: string): Promise<EventData<"appointment.confirmed">> {
  const now = platform().scheduler.now();
  const start = new Date(now.getTime() + 10 * 86_400_000);
  const end = new Date(start.getTime() + 3_600_000);
  const item = {
    appointmentId: randomUUID(),
    clientId,
    serviceId: "svc-filler",
    serviceSlug: "lip-filler-one-ml",
    serviceName: "Lip filler, 1 ml",
    category: "dermal-filler",
    start: start.toISOString(),
    end: end.toISOString(),
    priceInPence: 22_000,
    depositInPence: 5_000,
  };
  await bookingDb()
    .entities.appointment.create({
      ...item,
      occupiedStart: item.start,
      occupiedEnd: item.end,
      diaryQuarter: `${start.getUTCFullYear()}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`,
      lockCells: [],
      status: "confirmed",
      depositPaidInPence: 5_000,
      history: [],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    })
    .go({ response: "none" });
  return item;
}

export async function appointmentRow(appointmentId: string) {
  const { data } = await bookingDb().entities.appointment.get({ appointmentId }).go({ consistent: true });
  return data;
}
