/**
 * The typed client for the few reads the browser makes itself (the slot picker's next
 * week, the confirmation page's wait for the payment webhook): same-origin, so the
 * visitor's own cookie goes along and /api/* reaches the services (the gateway locally,
 * CloudFront in AWS). The route types are type-only imports, as in client.ts, which stays
 * server-side (it reads process.env and forwards the visitor's headers).
 */
import { hc } from "hono/client";
import type { AppType as BookingApp } from "@mas/booking/app";

export function browserBooking() {
  return hc<BookingApp>(location.origin).api.booking;
}
