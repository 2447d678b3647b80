/** Display helpers for pages: money is integer pence, times are shown in Europe/London. */
const gbp = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

export function formatPence(pence: number): string {
  return pence % 100 === 0 ? `£${(pence / 100).toLocaleString("en-GB")}` : gbp.format(pence / 100);
}

export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", day: "numeric", month: "long", year: "numeric" });
const timeOnly = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));
export const formatTime = (iso: string) => timeOnly.format(new Date(iso));

const localDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
/** A calendar date ("YYYY-MM-DD", no time zone) as "14 July 2026". */
export const formatLocalDate = (date: string) => localDate.format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
const shortDateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
/** An instant as "14 Jul 2026, 10:30" (London). */
export const formatShortDateTime = (iso: string) => shortDateTime.format(new Date(iso));

/** A price as shown on the menu: "Free" for nothing, else pounds. */
export const formatPrice = (pence: number) => (pence === 0 ? "Free" : formatPence(pence));
