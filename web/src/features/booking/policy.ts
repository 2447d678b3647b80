import { api } from "../../lib/api";
import type { BookingPolicy, PublicSettings } from "../../lib/booking";

/**
 * The cancellation policy the booking service actually applies (its public settings), so
 * the pages that quote it never drift from it. Undefined when booking cannot be reached:
 * each page decides what to say then.
 */
export async function bookingPolicy(): Promise<BookingPolicy | undefined> {
  const res = await api<PublicSettings>("/api/booking/settings/public");
  return res.ok ? res.data.policy : undefined;
}
