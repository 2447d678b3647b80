import { randomUUID } from "node:crypto";
import { beforeAll } from "vitest";
import { Events, type EventData } from "@mas/core/events/catalogue";
import { clock } from "@mas/core/shared/clock";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { json, signUp, type TestUser } from "../../accounts/test/support";
import { app } from "../src/app";
import { consentDocumentId } from "../src/domain/consent-forms";
import { pngDataUrl, pngOf } from "./png";

export { json, signUp, type TestUser };

/**
 * Documents' test helpers. Documents' clock follows the local scheduler's manual clock
 * (2026-06-01 09:00 UTC at the start of each file), so advancing it fires expiry schedules.
 */
export function useSchedulerClock(): void {
  beforeAll(() => clock.use(() => platform().scheduler.now()));
}

export function call(path: string, init?: RequestInit): Promise<Response> {
  return Promise.resolve(app.request(`/api/documents${path}`, init));
}

export async function body<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

let nextSlot = 0;

/** Booking's `appointment.confirmed` for `client`, `daysAhead` from the scheduler's now, published on the bus. */
export async function confirmAppointment(client: { userId: string }, options: { daysAhead?: number; category?: string; serviceName?: string } = {}): Promise<EventData<"appointment.confirmed"> & { documentId: string }> {
  const start = new Date(platform().scheduler.now().getTime() + (options.daysAhead ?? 7) * 86_400_000 + nextSlot++ * 3_600_000);
  const data: EventData<"appointment.confirmed"> = {
    appointmentId: randomUUID(),
    clientId: client.userId,
    serviceId: "svc-filler",
    serviceSlug: "lip-filler-one-ml",
    serviceName: options.serviceName ?? "Lip filler, 1 ml",
    category: options.category ?? "dermal-filler",
    start: start.toISOString(),
    end: new Date(start.getTime() + 3_600_000).toISOString(),
    priceInPence: 22_000,
    depositInPence: 5_000,
  };
  await publish(Events.AppointmentConfirmed, data);
  await platform().bus.idle();
  const failed = platform().bus.deadLetters.find((d) => JSON.stringify(d.event.detail).includes(data.appointmentId));
  if (failed) throw new Error(`documents did not take appointment.confirmed: ${failed.error}`);
  return { ...data, documentId: consentDocumentId(data.appointmentId) };
}

export const validSignature = () => pngDataUrl(pngOf(600, 200));

export function sign(as: TestUser, documentId: string, overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Response> {
  return call(`/documents/${documentId}/sign`, json("POST", { typedName: "Amelia Hughes", signaturePng: validSignature(), consent: true, ...overrides }, as, { "user-agent": "vitest-browser/1.0", "x-mas-viewer-ip": "203.0.113.7", ...headers }));
}

/** Events of one name the bus carried since the file started, oldest first. */
export function published<T = any>(name: string): T[] {
  return platform()
    .bus.published.filter((e) => e["detail-type"] === name)
    .map((e) => ((typeof e.detail === "string" ? JSON.parse(e.detail) : e.detail) as { data: T }).data);
}
