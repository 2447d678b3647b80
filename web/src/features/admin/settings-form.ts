/**
 * The settings page's forms as plain fields, turned into the parts of booking's settings
 * the owner edits. Booking validates everything (its zod schema answers with field paths
 * such as `weeklyHours.2.0.end`); this only reads the fields, and maps those paths back to
 * the inputs that hold them.
 */
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
/** Rows shown per day: a morning and an afternoon stretch cover every clinic we know of. */
export const RANGES_PER_DAY = 2;

/** Booking's index (Sunday = 0) of the n-th weekday as the form lists them (Monday first). */
export const dayIndex = (row: number) => (row + 1) % 7;

export const hourField = (day: number, range: number, end: "start" | "end") => `h${day}_${range}_${end}`;

interface Range {
  start: string;
  end: string;
}

/** Weekly hours from the form: a row with both times blank is no range; one blank time is sent as is (booking refuses it). */
export function weeklyHoursFrom(form: Record<string, string>): Range[][] {
  return Array.from({ length: 7 }, (_, day) =>
    Array.from({ length: RANGES_PER_DAY }, (_, range) => ({ start: (form[hourField(day, range, "start")] ?? "").trim(), end: (form[hourField(day, range, "end")] ?? "").trim() })).filter(
      (r) => r.start || r.end,
    ),
  );
}

/** `weeklyHours.2.1.end` → the input holding it; anything else keeps its path. */
export function hourFieldOf(path: string, hours: Range[][], form: Record<string, string>): string {
  const match = /^weeklyHours\.(\d)\.(\d+)(?:\.(start|end))?$/.exec(path);
  if (!match) return path;
  const day = Number(match[1]);
  const nth = Number(match[2]);
  const range = hours[day]?.[nth];
  // The n-th range sent is the n-th non-blank row of that day.
  const rows = Array.from({ length: RANGES_PER_DAY }, (_, r) => r).filter((r) => (form[hourField(day, r, "start")] ?? "").trim() || (form[hourField(day, r, "end")] ?? "").trim());
  return hourField(day, rows[nth] ?? 0, (match[3] as "start" | "end" | undefined) ?? (range && !range.start ? "start" : "end"));
}

/** A whole number typed into the form, or NaN (booking then says what it needs). */
export function wholeNumber(value: string | undefined): number {
  const text = (value ?? "").trim();
  return /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Pounds typed by a person ("50", "£49.50") as integer pence, or NaN. */
export function penceFrom(value: string | undefined): number {
  const text = (value ?? "").trim().replace(/^£/, "").replace(/,/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return Number.NaN;
  return Math.round(Number(text) * 100);
}

export type DepositRuleInput = { kind: "none" } | { kind: "fixed"; amountInPence: number } | { kind: "percent"; percent: number } | { kind: "full" };

/** A deposit rule from the `<prefix>kind`, `<prefix>amount` (pounds) and `<prefix>percent` fields. */
export function depositFrom(form: Record<string, string>, prefix = "deposit_"): DepositRuleInput {
  switch (form[`${prefix}kind`]) {
    case "fixed":
      return { kind: "fixed", amountInPence: penceFrom(form[`${prefix}amount`]) };
    case "percent":
      return { kind: "percent", percent: wholeNumber(form[`${prefix}percent`]) };
    case "full":
      return { kind: "full" };
    default:
      return { kind: "none" };
  }
}

/** `deposit.amountInPence` → `deposit_amount`, `deposit.percent` → `deposit_percent`. */
export function depositFieldOf(path: string, apiPrefix: string, prefix = "deposit_"): string | undefined {
  if (path === `${apiPrefix}.amountInPence`) return `${prefix}amount`;
  if (path === `${apiPrefix}.percent`) return `${prefix}percent`;
  if (path === apiPrefix || path === `${apiPrefix}.kind`) return `${prefix}kind`;
  return undefined;
}

/** Pence as the pounds a person types back into the form ("50", "49.50"). */
export const poundsOf = (pence: number) => (pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2));
