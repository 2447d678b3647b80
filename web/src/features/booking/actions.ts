import type { AstroGlobal } from "astro";
import type { ApiError } from "../../lib/api";
import type { Appointment } from "../../lib/booking";
import { callApi } from "../../lib/visitor";

/**
 * The server side of "Confirm and pay": book the time (idempotently, so a double submit
 * books once), then open the deposit payment and send the browser to the checkout.
 */
export type BookingOutcome =
  | { kind: "redirect"; location: string; appointment: Appointment }
  | { kind: "refused"; error: ApiError; status: number };

export async function bookAndPay(astro: AstroGlobal, input: { service: string; start: string; note?: string; idempotencyKey: string }): Promise<BookingOutcome> {
  const body: Record<string, string> = { service: input.service, start: input.start };
  if (input.note?.trim()) body.note = input.note.trim();
  const booked = await callApi<{ appointment: Appointment }>(astro, "/api/booking/appointments", {
    json: body,
    headers: { "idempotency-key": input.idempotencyKey },
  });
  if (!booked.ok) return { kind: "refused", error: booked.error!, status: booked.status };
  const appointment = booked.data.appointment;
  return { kind: "redirect", location: await nextStepFor(astro, appointment), appointment };
}

/** Where to go once an appointment exists: the deposit checkout, or its confirmation page. */
export async function nextStepFor(astro: AstroGlobal, appointment: Appointment): Promise<string> {
  const confirmation = confirmationUrl(appointment.appointmentId);
  if (appointment.status !== "pending_deposit") return confirmation;
  const payment = await startDeposit(astro, appointment.appointmentId);
  return payment.checkoutUrl ?? `${confirmation}&payment=unavailable`;
}

export const confirmationUrl = (appointmentId: string) => `/book/confirmation?appointment=${encodeURIComponent(appointmentId)}`;

export async function startDeposit(astro: AstroGlobal, appointmentId: string): Promise<{ checkoutUrl?: string; error?: ApiError }> {
  const res = await callApi<{ checkoutUrl?: string; paymentId: string; amountInPence: number }>(astro, "/api/payments/intents", {
    json: { kind: "deposit", subjectId: appointmentId },
  });
  if (!res.ok) return { error: res.error! };
  return res.data.checkoutUrl ? { checkoutUrl: res.data.checkoutUrl } : {};
}
