import type { AstroGlobal } from "astro";
import { api, call, type ApiError } from "../../lib/client";
import type { Appointment } from "../../lib/shapes";
import { sitePaths } from "@mas/core/links";

/**
 * The server side of "Confirm and pay": book the time (idempotently, so a double submit
 * books once), then send the browser to the deposit payment page (/book/pay).
 */
export type BookingOutcome =
  | { kind: "redirect"; location: string; appointment: Appointment }
  | { kind: "refused"; error: ApiError; status: number };

export async function bookAndPay(astro: AstroGlobal, input: { service: string; start: string; note?: string; idempotencyKey: string }): Promise<BookingOutcome> {
  const json = { service: input.service, start: input.start, ...(input.note?.trim() ? { note: input.note.trim() } : {}) };
  const booked = await call(api(astro).booking.appointments.$post({ json, header: { "idempotency-key": input.idempotencyKey } }));
  if (!booked.ok) return { kind: "refused", error: booked.error, status: booked.status };
  const appointment = booked.data.appointment;
  return { kind: "redirect", location: nextStepFor(appointment), appointment };
}

/** Where to go once an appointment exists: the deposit payment page, or its confirmation. */
export function nextStepFor(appointment: Pick<Appointment, "appointmentId" | "status">): string {
  return appointment.status === "pending_deposit" ? payUrl(appointment.appointmentId) : confirmationUrl(appointment.appointmentId);
}

export const confirmationUrl = (appointmentId: string) => sitePaths.bookingConfirmation(appointmentId);
export const payUrl = (appointmentId: string) => sitePaths.payDeposit(appointmentId);
