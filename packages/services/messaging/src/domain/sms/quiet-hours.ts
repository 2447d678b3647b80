import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns";
import { TIME_ZONE } from "@mas/core/config";

/**
 * Marketing texts go only between 09:00 and 20:00 on the UK wall clock (PECR guidance and
 * plain manners); transactional texts (a reminder, a time-critical waitlist offer) are not
 * held back. A marketing text due outside the window waits for the next 09:00 London time,
 * which is 08:00Z in summer and 09:00Z in winter — the zone decides, never a fixed offset.
 */
export const QUIET_HOURS = { opensAt: 9, closesAt: 20 } as const;

/** When a marketing text due at `due` may go: `due` itself inside the window, else the next opening. */
export function marketingSendTime(due: Date, timeZone = TIME_ZONE): Date {
  const local = new TZDate(due.getTime(), timeZone);
  const hour = local.getHours();
  if (hour >= QUIET_HOURS.opensAt && hour < QUIET_HOURS.closesAt) return due;
  const day = hour < QUIET_HOURS.opensAt ? local : addDays(local, 1);
  return new Date(new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), QUIET_HOURS.opensAt, 0, 0, timeZone).getTime());
}

export function insideMarketingHours(at: Date, timeZone = TIME_ZONE): boolean {
  return marketingSendTime(at, timeZone).getTime() === at.getTime();
}
