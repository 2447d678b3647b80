import * as z from "zod";
import { percentOf, type Pence } from "@mas/core/shared/money";
import { isLocalDate, isLocalTime, isValidTimeZone, minutesOfDay, TIME_ZONE } from "@mas/core/shared/time";
import { MediaKey } from "./media-key";

/**
 * What the clinic owner configures: opening hours and booking rules (`BusinessSettings`) and
 * the treatments on offer (`Service`). Each schema is exported under the same name as its
 * type: `BusinessSettings.parse(raw)` gives a `BusinessSettings` with every default applied.
 */

export const LocalDate = z.string().refine(isLocalDate, "Use a real date written as YYYY-MM-DD");
export const LocalTime = z.string().refine(isLocalTime, "Use a 24-hour time written as HH:mm");
const pence = z.number().int().nonnegative();
const percent = z.number().int().min(0).max(100);
const minutes = (max: number) => z.number().int().min(0).max(max);
/** The diary's unit (see slot-locks.ts): durations, buffers and the slot step are whole multiples of it. */
const DIARY_UNIT = 5;
const diaryMinutes = (min: number, max: number) =>
  z.number().int().min(min).max(max).refine((m) => m % DIARY_UNIT === 0, `Use whole multiples of ${DIARY_UNIT} minutes`);
/** A wall-clock time in the diary: on the 5-minute unit, so hours, blocks and appointments share one grid. */
const DiaryTime = LocalTime.refine((t) => !isLocalTime(t) || minutesOfDay(t) % DIARY_UNIT === 0, `Use a time on the ${DIARY_UNIT}-minute grid, e.g. 09:05 or 12:30`);
/** zod 4 runs object refinements even after a field failed; a bad time is already reported there. */
const endsAfterStart = (r: { start: string; end: string }) =>
  !isLocalTime(r.start) || !isLocalTime(r.end) || minutesOfDay(r.start) < minutesOfDay(r.end);

/** One stretch of opening on a wall clock; the end is exclusive (09:00–17:00 closes at 17:00). */
export const OpeningRange = z
  .object({ start: DiaryTime, end: DiaryTime })
  .refine(endsAfterStart, { message: "A range must end after it starts", path: ["end"] });
export type OpeningRange = z.infer<typeof OpeningRange>;

/** A day's ranges; they may touch (09:00–12:00, 12:00–17:00) but not overlap. */
export const DayHours = z.array(OpeningRange).superRefine((ranges, ctx) => {
  if (!ranges.every((r) => isLocalTime(r.start) && isLocalTime(r.end))) return;
  const sorted = ranges.map((r, index) => ({ index, start: minutesOfDay(r.start), end: minutesOfDay(r.end) })).sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (current.start < previous.end) {
      ctx.addIssue({ code: "custom", message: "Opening ranges on the same day must not overlap", path: [current.index, "start"] });
    }
  }
});

/** Index = weekday as in `Date#getDay`: 0 = Sunday … 6 = Saturday. An empty day is closed. */
export const WeeklyHours = z.tuple([DayHours, DayHours, DayHours, DayHours, DayHours, DayHours, DayHours]);
export type WeeklyHours = z.infer<typeof WeeklyHours>;

/** A closed day, or a closed stretch of days (both ends included). */
export const Closure = z.union([
  z.object({ date: LocalDate, reason: z.string().trim().min(1).max(200) }),
  z
    .object({ from: LocalDate, to: LocalDate, reason: z.string().trim().min(1).max(200) })
    .refine((c) => c.from <= c.to, { message: "A closure must end on or after its first day", path: ["to"] }),
]);
export type Closure = z.infer<typeof Closure>;

/** One-off opening on a date, added to (and merged with) that day's weekly hours. */
export const ExtraHours = z
  .object({ date: LocalDate, start: DiaryTime, end: DiaryTime })
  .refine(endsAfterStart, { message: "A range must end after it starts", path: ["end"] });
export type ExtraHours = z.infer<typeof ExtraHours>;

/** Part of a day the owner blocks in the diary (admin time, a break): taken out of the opening hours. */
export const BlockedTime = z
  .object({ blockId: z.string().min(1).max(40), date: LocalDate, start: DiaryTime, end: DiaryTime, reason: z.string().trim().min(1).max(200) })
  .refine(endsAfterStart, { message: "A block must end after it starts", path: ["end"] });
export type BlockedTime = z.infer<typeof BlockedTime>;

/** A day the clinic is blocked for training: no bookings at all. */
export const TrainingDay = z.object({ date: LocalDate, title: z.string().trim().min(1).max(200) });
export type TrainingDay = z.infer<typeof TrainingDay>;

export const DepositRule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("fixed"), amountInPence: pence.positive() }),
  z.object({ kind: z.literal("percent"), percent: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal("full") }),
]);
export type DepositRule = z.infer<typeof DepositRule>;

export const BusinessSettings = z.object({
  timeZone: z.string().refine(isValidTimeZone, "Unknown time zone").default(TIME_ZONE),
  weeklyHours: WeeklyHours,
  closures: z.array(Closure).default([]),
  extraHours: z.array(ExtraHours).default([]),
  trainingDays: z.array(TrainingDay).default([]),
  /** Diary blocks (owner's admin time): like closures, they stop new bookings and never move existing ones. */
  blockedTimes: z.array(BlockedTime).default([]),
  /** Distance between bookable start times; a divisor of 60 so every hour starts on the grid. */
  slotStepMinutes: z
    .number()
    .int()
    .min(5)
    .max(60)
    .refine((step) => 60 % step === 0 && step % DIARY_UNIT === 0, "The slot step must be 5, 10, 15, 20, 30 or 60 minutes")
    .default(15),
  minimumNoticeMinutes: minutes(60 * 24 * 60).default(1440),
  bookingHorizonDays: z.number().int().min(0).max(730).default(90),
  cancellationWindowHours: minutes(24 * 30).default(48),
  /**
   * Minutes after booking during which the client may cancel free of charge, even when the
   * slot is already inside the cancellation window (a booking for tomorrow, regretted at once).
   */
  cancellationGraceMinutes: minutes(24 * 60).default(60),
  lateCancelFeePercent: percent.default(50),
  noShowFeePercent: percent.default(100),
  /**
   * The deposit a new service starts with in the owner's form. Every service then carries its
   * own rule, so `depositFor(service)` never needs the settings.
   */
  defaultDeposit: DepositRule.default({ kind: "fixed", amountInPence: 5_000 }),
});
export type BusinessSettings = z.output<typeof BusinessSettings>;
export type BusinessSettingsInput = z.input<typeof BusinessSettings>;

export const SERVICE_CATEGORIES = [
  "consultation",
  /** A bookable patch test: a booked one lets a client book the treatment that needs it (eligibility.ts). */
  "patch-test",
  "anti-wrinkle",
  "dermal-filler",
  "skin-booster",
  "chemical-peel",
  "microneedling",
  "facial",
  "other",
] as const;
export const ServiceCategory = z.enum(SERVICE_CATEGORIES);
export type ServiceCategory = z.infer<typeof ServiceCategory>;

/** A treatment the owner offers. */
export const Service = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(120),
  slug: z
    .string()
    .max(80)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case words joined by hyphens"),
  category: ServiceCategory,
  description: z.string().max(4_000).default(""),
  priceInPence: pence,
  /** The treatment itself; the buffers (set-up, clean-down) are extra time around it. */
  durationMinutes: diaryMinutes(5, 8 * 60),
  bufferBeforeMinutes: diaryMinutes(0, 120).default(0),
  bufferAfterMinutes: diaryMinutes(0, 120).default(0),
  deposit: DepositRule,
  requiresPatchTest: z.boolean().default(false),
  /** 18 by default: UK law forbids botulinum toxin and fillers for cosmetic purposes under 18. */
  minAge: z.number().int().min(0).max(120).default(18),
  requiresConsultation: z.boolean().default(false),
  /** What the client is told to do (and avoid) afterwards, shown on the treatment page. */
  aftercare: z.string().trim().max(4_000).default(""),
  /** A picture for the treatment's page (an uploaded, checked public picture) and what it shows, for screen readers. */
  image: MediaKey.nullable().default(null),
  imageAlt: z.string().trim().max(200).default(""),
  active: z.boolean().default(true),
});
export type Service = z.output<typeof Service>;
export type ServiceInput = z.input<typeof Service>;

/** The deposit taken at booking for a service; a fixed amount never exceeds the price. */
export function depositFor(service: Pick<Service, "priceInPence" | "deposit">): Pence {
  const { deposit, priceInPence } = service;
  switch (deposit.kind) {
    case "none":
      return 0;
    case "fixed":
      return Math.min(deposit.amountInPence, priceInPence);
    case "percent":
      return percentOf(priceInPence, deposit.percent);
    case "full":
      return priceInPence;
  }
}
