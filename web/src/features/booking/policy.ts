import { api, call } from "../../lib/client";
import type { BookingPolicy } from "../../lib/shapes";

/**
 * The cancellation policy the booking service actually applies (its public settings), so
 * the pages that quote it never drift from it. Undefined when booking cannot be reached:
 * each page decides what to say then.
 */
export async function bookingPolicy(): Promise<BookingPolicy | undefined> {
  const res = await call(api(null).booking.settings.public.$get());
  return res.ok ? res.data.policy : undefined;
}
