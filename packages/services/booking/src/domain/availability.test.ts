import { describe, expect, it } from "vitest";
import { toIsoWithOffset } from "@mas/core/shared/time";
import { availableSlots, isSlotAvailable, occupiedInterval, openingHoursOn, slotCells, type BusyInterval, type SlotRejection } from "./availability";
import type { BusinessSettingsInput, ServiceInput } from "./settings";
import { busy, clinic, clinicHours, treatment } from "../../test/fixtures";

/** Wednesday 2026-06-10 (BST) is open 09:00–12:00; "now" is a week earlier, so 24 h notice is no concern. */
const NOW = "2026-06-01T08:00:00+01:00";
const wed = (...times: string[]) => times.map((t) => `2026-06-10T${t}:00+01:00`);
const sunday = (...ranges: [string, string][]): BusinessSettingsInput["weeklyHours"] => [
  ranges.map(([start, end]) => ({ start, end })),
  ...clinicHours.slice(1),
] as BusinessSettingsInput["weeklyHours"];
const nightOwl = { weeklyHours: sunday(["00:00", "04:00"]), minimumNoticeMinutes: 0, slotStepMinutes: 30 };

interface ListingCase {
  name: string;
  from: string;
  to?: string;
  now?: string;
  settings?: Partial<BusinessSettingsInput>;
  service?: Partial<ServiceInput>;
  busy?: BusyInterval[];
  expected: string[];
}

const listingCases: ListingCase[] = [
  // Durations and buffers, Wednesday 09:00–12:00
  { name: "60-min treatment fills the range on the 15-min grid", from: "2026-06-10", expected: wed("09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00") },
  { name: "45-min treatment", from: "2026-06-10", service: { durationMinutes: 45 }, expected: wed("09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00", "11:15") },
  { name: "15-min buffer before: set-up happens after opening", from: "2026-06-10", service: { bufferBeforeMinutes: 15 }, expected: wed("09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00") },
  { name: "30-min buffer after: clean-down ends by closing", from: "2026-06-10", service: { bufferAfterMinutes: 30 }, expected: wed("09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30") },
  { name: "buffers on both sides", from: "2026-06-10", service: { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 }, expected: wed("09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45") },
  { name: "a 10-min buffer before moves the first start to the next grid point", from: "2026-06-10", service: { bufferBeforeMinutes: 10 }, expected: wed("09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00") },
  { name: "treatment exactly as long as the range", from: "2026-06-10", service: { durationMinutes: 180 }, expected: wed("09:00") },
  { name: "treatment longer than the range", from: "2026-06-10", service: { durationMinutes: 240 }, expected: [] },
  { name: "buffers push a range-long treatment out", from: "2026-06-10", service: { durationMinutes: 180, bufferAfterMinutes: 5 }, expected: [] },
  { name: "30-min step", from: "2026-06-10", settings: { slotStepMinutes: 30 }, expected: wed("09:00", "09:30", "10:00", "10:30", "11:00") },
  { name: "60-min step", from: "2026-06-10", settings: { slotStepMinutes: 60 }, expected: wed("09:00", "10:00", "11:00") },

  // Existing appointments (busy intervals include their own buffers)
  { name: "busy 10:00–10:30 in the middle", from: "2026-06-10", service: { durationMinutes: 30 }, busy: [busy("2026-06-10T10:00:00+01:00", "2026-06-10T10:30:00+01:00")], expected: wed("09:00", "09:15", "09:30", "10:30", "10:45", "11:00", "11:15", "11:30") },
  {
    name: "back-to-back appointments leave only the end of the day",
    from: "2026-06-10",
    busy: [busy("2026-06-10T09:00:00+01:00", "2026-06-10T10:00:00+01:00"), busy("2026-06-10T10:00:00+01:00", "2026-06-10T11:00:00+01:00")],
    expected: wed("11:00"),
  },
  { name: "a slot may end exactly where a busy interval starts", from: "2026-06-10", busy: [busy("2026-06-10T11:00:00+01:00", "2026-06-10T12:00:00+01:00")], expected: wed("09:00", "09:15", "09:30", "09:45", "10:00") },
  {
    name: "our set-up buffer may not overlap another appointment's clean-down",
    from: "2026-06-10",
    service: { durationMinutes: 30, bufferBeforeMinutes: 15 },
    busy: [busy("2026-06-10T10:00:00+01:00", "2026-06-10T10:30:00+01:00")],
    expected: wed("09:15", "09:30", "10:45", "11:00", "11:15", "11:30"),
  },
  {
    name: "our clean-down buffer may not overlap the next appointment's set-up",
    from: "2026-06-10",
    service: { durationMinutes: 30, bufferAfterMinutes: 15 },
    busy: [busy("2026-06-10T11:00:00+01:00", "2026-06-10T11:30:00+01:00")],
    expected: wed("09:00", "09:15", "09:30", "09:45", "10:00", "10:15"),
  },
  { name: "busy all day", from: "2026-06-10", busy: [busy("2026-06-10T08:00:00+01:00", "2026-06-10T13:00:00+01:00")], expected: [] },
  { name: "busy from the evening before until 10:00", from: "2026-06-10", busy: [busy("2026-06-09T20:00:00+01:00", "2026-06-10T10:00:00+01:00")], expected: wed("10:00", "10:15", "10:30", "10:45", "11:00") },
  {
    name: "unsorted, overlapping busy intervals",
    from: "2026-06-10",
    service: { durationMinutes: 30 },
    busy: [busy("2026-06-10T10:30:00+01:00", "2026-06-10T11:00:00+01:00"), busy("2026-06-10T09:00:00+01:00", "2026-06-10T09:45:00+01:00"), busy("2026-06-10T09:30:00+01:00", "2026-06-10T10:00:00+01:00")],
    expected: wed("10:00", "11:00", "11:15", "11:30"),
  },
  { name: "an empty busy interval blocks nothing", from: "2026-06-10", settings: { slotStepMinutes: 60 }, busy: [busy("2026-06-10T10:00:00+01:00", "2026-06-10T10:00:00+01:00")], expected: wed("09:00", "10:00", "11:00") },
  { name: "busy on another day is irrelevant", from: "2026-06-10", settings: { slotStepMinutes: 60 }, busy: [busy("2026-06-09T10:00:00+01:00", "2026-06-09T11:00:00+01:00")], expected: wed("09:00", "10:00", "11:00") },

  // Days: closures, training, extra hours, several ranges
  { name: "Sunday has no hours", from: "2026-06-14", expected: [] },
  { name: "closed for the day", from: "2026-06-10", settings: { closures: [{ date: "2026-06-10", reason: "Refurbishment" }] }, expected: [] },
  { name: "inside a closed stretch", from: "2026-06-10", settings: { closures: [{ from: "2026-06-08", to: "2026-06-12", reason: "Holiday" }] }, expected: [] },
  { name: "the day after a closed stretch", from: "2026-06-10", settings: { slotStepMinutes: 60, closures: [{ from: "2026-06-01", to: "2026-06-09", reason: "Holiday" }] }, expected: wed("09:00", "10:00", "11:00") },
  { name: "training day", from: "2026-06-10", settings: { trainingDays: [{ date: "2026-06-10", title: "Cannula training" }] }, expected: [] },
  { name: "a blocked hour splits the morning", from: "2026-06-10", settings: { slotStepMinutes: 30, blockedTimes: [{ blockId: "b1", date: "2026-06-10", start: "10:00", end: "11:00", reason: "Admin" }] }, service: { durationMinutes: 30 }, expected: wed("09:00", "09:30", "11:00", "11:30") },
  { name: "a block overlapping opening removes only the open part", from: "2026-06-10", settings: { slotStepMinutes: 60, blockedTimes: [{ blockId: "b1", date: "2026-06-10", start: "07:00", end: "10:00", reason: "Late start" }] }, expected: wed("10:00", "11:00") },
  { name: "a block on another day changes nothing", from: "2026-06-10", settings: { slotStepMinutes: 60, blockedTimes: [{ blockId: "b1", date: "2026-06-11", start: "09:00", end: "12:00", reason: "Admin" }] }, expected: wed("09:00", "10:00", "11:00") },
  { name: "a block covering the whole range closes it", from: "2026-06-10", settings: { blockedTimes: [{ blockId: "b1", date: "2026-06-10", start: "08:00", end: "13:00", reason: "Holiday" }] }, expected: [] },
  { name: "extra hours open a Sunday", from: "2026-06-14", settings: { extraHours: [{ date: "2026-06-14", start: "10:00", end: "12:00" }] }, expected: ["2026-06-14T10:00:00+01:00", "2026-06-14T10:15:00+01:00", "2026-06-14T10:30:00+01:00", "2026-06-14T10:45:00+01:00", "2026-06-14T11:00:00+01:00"] },
  { name: "extra hours touching the weekly range merge with it", from: "2026-06-10", settings: { slotStepMinutes: 30, extraHours: [{ date: "2026-06-10", start: "12:00", end: "13:00" }] }, expected: wed("09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00") },
  { name: "overlapping extra hours merge with the weekly range", from: "2026-06-10", settings: { slotStepMinutes: 60, extraHours: [{ date: "2026-06-10", start: "11:00", end: "14:00" }] }, expected: wed("09:00", "10:00", "11:00", "12:00", "13:00") },
  { name: "separate extra hours add a second range", from: "2026-06-10", settings: { slotStepMinutes: 60, extraHours: [{ date: "2026-06-10", start: "14:00", end: "16:00" }] }, expected: wed("09:00", "10:00", "11:00", "14:00", "15:00") },
  { name: "a closure beats extra hours", from: "2026-06-10", settings: { closures: [{ date: "2026-06-10", reason: "Boiler" }], extraHours: [{ date: "2026-06-10", start: "14:00", end: "16:00" }] }, expected: [] },
  { name: "a training day beats extra hours", from: "2026-06-14", settings: { trainingDays: [{ date: "2026-06-14", title: "CPD" }], extraHours: [{ date: "2026-06-14", start: "10:00", end: "12:00" }] }, expected: [] },
  {
    name: "two ranges a day; nothing straddles lunch",
    from: "2026-06-09",
    settings: { slotStepMinutes: 30 },
    service: { durationMinutes: 90 },
    expected: ["09:00", "09:30", "10:00", "10:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30"].map((t) => `2026-06-09T${t}:00+01:00`),
  },
  { name: "grid runs from an off-the-hour range start", from: "2026-06-10", settings: { weeklyHours: [[], [], [], [{ start: "09:05", end: "10:35" }], [], [], []] }, expected: wed("09:05", "09:20", "09:35") },
  { name: "20-min step from 09:10", from: "2026-06-10", settings: { slotStepMinutes: 20, weeklyHours: [[], [], [], [{ start: "09:10", end: "11:00" }], [], [], []] }, expected: wed("09:10", "09:30", "09:50") },

  // The booking window
  { name: "minimum notice of 60 min on the day", from: "2026-06-10", now: "2026-06-10T08:30:00+01:00", settings: { minimumNoticeMinutes: 60 }, expected: wed("09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00") },
  { name: "now + notice exactly on a slot includes it", from: "2026-06-10", now: "2026-06-10T08:00:00+01:00", settings: { minimumNoticeMinutes: 60, slotStepMinutes: 60 }, expected: wed("09:00", "10:00", "11:00") },
  { name: "now + notice between grid points rounds up", from: "2026-06-10", now: "2026-06-10T08:07:00+01:00", settings: { minimumNoticeMinutes: 60 }, expected: wed("09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00") },
  { name: "default 24 h notice from the day before", from: "2026-06-10", now: "2026-06-09T10:07:00+01:00", expected: wed("10:15", "10:30", "10:45", "11:00") },
  { name: "a day in the past", from: "2026-06-10", now: "2026-06-11T08:00:00+01:00", expected: [] },
  { name: "the horizon's last day is bookable", from: "2026-06-10", settings: { bookingHorizonDays: 9, slotStepMinutes: 60 }, expected: wed("09:00", "10:00", "11:00") },
  { name: "the day after the horizon is not", from: "2026-06-10", settings: { bookingHorizonDays: 8 }, expected: [] },
  { name: "horizon 0 means today only", from: "2026-06-10", to: "2026-06-11", now: "2026-06-10T06:00:00+01:00", settings: { bookingHorizonDays: 0, minimumNoticeMinutes: 0, slotStepMinutes: 60 }, expected: wed("09:00", "10:00", "11:00") },
  { name: "from after to", from: "2026-06-11", to: "2026-06-10", expected: [] },
  {
    name: "several days in time order",
    from: "2026-06-10",
    to: "2026-06-11",
    settings: { slotStepMinutes: 60 },
    expected: [...wed("09:00", "10:00", "11:00"), ...["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"].map((t) => `2026-06-11T${t}:00+01:00`)],
  },

  // Daylight saving — clocks forward on Sunday 2026-03-29 (01:00 GMT → 02:00 BST)
  {
    name: "2026-03-29 overnight: no phantom 01:00–01:59 slots",
    from: "2026-03-29",
    now: "2026-03-28T12:00:00Z",
    settings: nightOwl,
    service: { durationMinutes: 30 },
    expected: ["2026-03-29T00:00:00+00:00", "2026-03-29T00:30:00+00:00", "2026-03-29T02:00:00+01:00", "2026-03-29T02:30:00+01:00", "2026-03-29T03:00:00+01:00", "2026-03-29T03:30:00+01:00"],
  },
  {
    name: "2026-03-29 a 60-min treatment may span the change",
    from: "2026-03-29",
    now: "2026-03-28T12:00:00Z",
    settings: nightOwl,
    expected: ["2026-03-29T00:00:00+00:00", "2026-03-29T00:30:00+00:00", "2026-03-29T02:00:00+01:00", "2026-03-29T02:30:00+01:00", "2026-03-29T03:00:00+01:00"],
  },
  { name: "2026-03-29 a range opening in the gap opens at 02:00 BST", from: "2026-03-29", now: "2026-03-28T12:00:00Z", settings: { ...nightOwl, weeklyHours: sunday(["01:00", "03:00"]) }, service: { durationMinutes: 30 }, expected: ["2026-03-29T02:00:00+01:00", "2026-03-29T02:30:00+01:00"] },
  { name: "2026-03-29 a range closing in the gap closes at the change", from: "2026-03-29", now: "2026-03-28T12:00:00Z", settings: { ...nightOwl, weeklyHours: sunday(["00:00", "01:30"]) }, service: { durationMinutes: 30 }, expected: ["2026-03-29T00:00:00+00:00", "2026-03-29T00:30:00+00:00"] },
  { name: "2026-03-29 a range wholly inside the gap never happens", from: "2026-03-29", now: "2026-03-28T12:00:00Z", settings: { ...nightOwl, weeklyHours: sunday(["01:15", "01:45"]) }, service: { durationMinutes: 5 }, expected: [] },
  { name: "2026-03-29 daytime is BST", from: "2026-03-29", now: "2026-03-28T12:00:00Z", settings: { ...nightOwl, weeklyHours: sunday(["09:00", "11:00"]) }, service: { durationMinutes: 30 }, expected: ["2026-03-29T09:00:00+01:00", "2026-03-29T09:30:00+01:00", "2026-03-29T10:00:00+01:00", "2026-03-29T10:30:00+01:00"] },
  {
    name: "2026-03-28 (the day before) is GMT",
    from: "2026-03-28",
    now: "2026-03-27T12:00:00Z",
    settings: nightOwl,
    service: { durationMinutes: 30 },
    expected: ["10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30"].map((t) => `2026-03-28T${t}:00+00:00`),
  },
  {
    name: "2026-03-29 notice counts real minutes across the change",
    from: "2026-03-29",
    now: "2026-03-28T23:30:00Z",
    settings: { ...nightOwl, minimumNoticeMinutes: 60 },
    service: { durationMinutes: 30 },
    expected: ["2026-03-29T00:30:00+00:00", "2026-03-29T02:00:00+01:00", "2026-03-29T02:30:00+01:00", "2026-03-29T03:00:00+01:00", "2026-03-29T03:30:00+01:00"],
  },

  // Clocks back on Sunday 2026-10-25 (02:00 BST → 01:00 GMT): 00:00–03:00 lasts four hours
  {
    name: "2026-10-25 overnight: each instant once, both 01:00s",
    from: "2026-10-25",
    now: "2026-10-24T12:00:00Z",
    settings: { ...nightOwl, weeklyHours: sunday(["00:00", "03:00"]) },
    service: { durationMinutes: 30 },
    expected: [
      "2026-10-25T00:00:00+01:00",
      "2026-10-25T00:30:00+01:00",
      "2026-10-25T01:00:00+01:00",
      "2026-10-25T01:30:00+01:00",
      "2026-10-25T01:00:00+00:00",
      "2026-10-25T01:30:00+00:00",
      "2026-10-25T02:00:00+00:00",
      "2026-10-25T02:30:00+00:00",
    ],
  },
  {
    name: "2026-10-25 hourly treatments",
    from: "2026-10-25",
    now: "2026-10-24T12:00:00Z",
    settings: { ...nightOwl, slotStepMinutes: 60, weeklyHours: sunday(["00:00", "03:00"]) },
    expected: ["2026-10-25T00:00:00+01:00", "2026-10-25T01:00:00+01:00", "2026-10-25T01:00:00+00:00", "2026-10-25T02:00:00+00:00"],
  },
  {
    name: "2026-10-25 busy in the repeated hour blocks only its second occurrence",
    from: "2026-10-25",
    now: "2026-10-24T12:00:00Z",
    settings: { ...nightOwl, weeklyHours: sunday(["00:00", "03:00"]) },
    service: { durationMinutes: 30 },
    busy: [busy("2026-10-25T01:00:00+00:00", "2026-10-25T02:00:00+00:00")],
    expected: ["2026-10-25T00:00:00+01:00", "2026-10-25T00:30:00+01:00", "2026-10-25T01:00:00+01:00", "2026-10-25T01:30:00+01:00", "2026-10-25T02:00:00+00:00", "2026-10-25T02:30:00+00:00"],
  },
  {
    name: "2026-10-25 notice counts real minutes across the change",
    from: "2026-10-25",
    now: "2026-10-25T00:30:00+01:00",
    settings: { ...nightOwl, minimumNoticeMinutes: 60, weeklyHours: sunday(["00:00", "03:00"]) },
    service: { durationMinutes: 30 },
    expected: ["2026-10-25T01:30:00+01:00", "2026-10-25T01:00:00+00:00", "2026-10-25T01:30:00+00:00", "2026-10-25T02:00:00+00:00", "2026-10-25T02:30:00+00:00"],
  },
  { name: "2026-10-25 daytime is GMT", from: "2026-10-25", now: "2026-10-24T12:00:00Z", settings: { ...nightOwl, weeklyHours: sunday(["09:00", "11:00"]) }, service: { durationMinutes: 30 }, expected: ["2026-10-25T09:00:00+00:00", "2026-10-25T09:30:00+00:00", "2026-10-25T10:00:00+00:00", "2026-10-25T10:30:00+00:00"] },
  {
    name: "2026-10-24 (the day before) is BST",
    from: "2026-10-24",
    now: "2026-10-23T12:00:00Z",
    settings: nightOwl,
    service: { durationMinutes: 30 },
    expected: ["10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30"].map((t) => `2026-10-24T${t}:00+01:00`),
  },

  // Clocks forward again on Sunday 2027-03-28
  {
    name: "2027-03-28 overnight: no phantom 01:00–01:59 slots",
    from: "2027-03-28",
    now: "2027-03-27T12:00:00Z",
    settings: nightOwl,
    service: { durationMinutes: 30 },
    expected: ["2027-03-28T00:00:00+00:00", "2027-03-28T00:30:00+00:00", "2027-03-28T02:00:00+01:00", "2027-03-28T02:30:00+01:00", "2027-03-28T03:00:00+01:00", "2027-03-28T03:30:00+01:00"],
  },
  { name: "2027-03-28 daytime is BST", from: "2027-03-28", now: "2027-03-27T12:00:00Z", settings: { ...nightOwl, weeklyHours: sunday(["09:00", "10:00"]) }, service: { durationMinutes: 30 }, expected: ["2027-03-28T09:00:00+01:00", "2027-03-28T09:30:00+01:00"] },
  { name: "2027-03-27 (the day before) is GMT", from: "2027-03-27", now: "2027-03-26T12:00:00Z", settings: { ...nightOwl, weeklyHours: [[], [], [], [], [], [], [{ start: "10:00", end: "11:00" }]] }, service: { durationMinutes: 30 }, expected: ["2027-03-27T10:00:00+00:00", "2027-03-27T10:30:00+00:00"] },
];

describe("availableSlots", () => {
  it.each(listingCases)("$name", (c) => {
    const slots = availableSlots({
      settings: clinic(c.settings),
      service: treatment(c.service),
      busy: c.busy ?? [],
      now: new Date(c.now ?? NOW),
      from: c.from,
      to: c.to ?? c.from,
    });
    expect(slots.map((s) => toIsoWithOffset(s.start))).toEqual(c.expected);
    const duration = treatment(c.service).durationMinutes * 60_000;
    for (const slot of slots) expect(slot.end.getTime() - slot.start.getTime()).toBe(duration);
  });

  it("rejects malformed dates", () => {
    expect(() => availableSlots({ settings: clinic(), service: treatment(), busy: [], now: new Date(NOW), from: "2026-6-10", to: "2026-06-10" })).toThrow(RangeError);
  });

  it("never mutates its inputs", () => {
    const input = deepFreeze({
      settings: clinic({ extraHours: [{ date: "2026-06-10", start: "14:00", end: "16:00" }] }),
      service: treatment({ bufferAfterMinutes: 10 }),
      busy: [busy("2026-06-10T11:00:00+01:00", "2026-06-10T11:30:00+01:00"), busy("2026-06-10T09:00:00+01:00", "2026-06-10T09:30:00+01:00")],
      now: new Date(NOW),
      from: "2026-06-08",
      to: "2026-06-14",
    });
    const before = JSON.stringify(input);
    expect(availableSlots(input).length).toBeGreaterThan(0);
    expect(isSlotAvailable({ ...input, start: new Date("2026-06-10T09:30:00+01:00") })).toEqual({ ok: true });
    expect(JSON.stringify(input)).toBe(before);
  });
});

interface CheckCase {
  name: string;
  start: string;
  now?: string;
  settings?: Partial<BusinessSettingsInput>;
  service?: Partial<ServiceInput>;
  busy?: BusyInterval[];
  expected: SlotRejection | "ok";
}

const checkCases: CheckCase[] = [
  { name: "first slot of the day", start: "2026-06-10T09:00:00+01:00", expected: "ok" },
  { name: "last slot of the day", start: "2026-06-10T11:00:00+01:00", expected: "ok" },
  { name: "between grid points", start: "2026-06-10T09:05:00+01:00", expected: "off_grid" },
  { name: "seconds past a grid point", start: "2026-06-10T09:00:30+01:00", expected: "off_grid" },
  { name: "before opening", start: "2026-06-10T08:00:00+01:00", expected: "outside_hours" },
  { name: "runs past closing", start: "2026-06-10T11:15:00+01:00", expected: "outside_hours" },
  { name: "set-up buffer before opening", start: "2026-06-10T09:00:00+01:00", service: { bufferBeforeMinutes: 15 }, expected: "outside_hours" },
  { name: "clean-down buffer after closing", start: "2026-06-10T11:00:00+01:00", service: { bufferAfterMinutes: 15 }, expected: "outside_hours" },
  { name: "straddles the lunch break", start: "2026-06-09T11:30:00+01:00", expected: "outside_hours" },
  { name: "Sunday", start: "2026-06-14T10:00:00+01:00", expected: "closed" },
  { name: "closure", start: "2026-06-10T09:00:00+01:00", settings: { closures: [{ from: "2026-06-10", to: "2026-06-11", reason: "Holiday" }] }, expected: "closed" },
  { name: "training day", start: "2026-06-10T09:00:00+01:00", settings: { trainingDays: [{ date: "2026-06-10", title: "Cannula training" }] }, expected: "closed" },
  { name: "inside the 24 h notice", start: "2026-06-10T09:00:00+01:00", now: "2026-06-09T10:00:00+01:00", expected: "too_soon" },
  { name: "in the past", start: "2026-05-29T09:00:00+01:00", expected: "too_soon" },
  { name: "too soon is reported before closed", start: "2026-06-07T10:00:00+01:00", now: "2026-06-06T12:00:00+01:00", expected: "too_soon" },
  { name: "the day after the 90-day horizon", start: "2026-08-31T09:00:00+01:00", expected: "beyond_horizon" },
  { name: "the horizon's last day", start: "2026-08-31T09:00:00+01:00", settings: { bookingHorizonDays: 91 }, expected: "ok" },
  { name: "overlaps an appointment", start: "2026-06-10T09:45:00+01:00", busy: [busy("2026-06-10T10:00:00+01:00", "2026-06-10T10:30:00+01:00")], expected: "overlaps" },
  { name: "clean-down buffer overlaps the next appointment", start: "2026-06-10T10:00:00+01:00", service: { bufferAfterMinutes: 15 }, busy: [busy("2026-06-10T11:00:00+01:00", "2026-06-10T11:30:00+01:00")], expected: "overlaps" },
  { name: "back-to-back after an appointment", start: "2026-06-10T10:00:00+01:00", busy: [busy("2026-06-10T09:00:00+01:00", "2026-06-10T10:00:00+01:00")], expected: "ok" },
  { name: "extra hours on a Sunday", start: "2026-06-14T10:00:00+01:00", settings: { extraHours: [{ date: "2026-06-14", start: "10:00", end: "12:00" }] }, expected: "ok" },
  { name: "2026-03-29 02:00 BST, just after the gap", start: "2026-03-29T02:00:00+01:00", now: "2026-03-28T12:00:00Z", settings: nightOwl, service: { durationMinutes: 30 }, expected: "ok" },
  { name: "2026-10-25 the second 01:00", start: "2026-10-25T01:00:00+00:00", now: "2026-10-24T12:00:00Z", settings: { ...nightOwl, weeklyHours: sunday(["00:00", "03:00"]) }, service: { durationMinutes: 30 }, expected: "ok" },
  { name: "2026-10-25 01:15 GMT is off the 30-min grid", start: "2026-10-25T01:15:00+00:00", now: "2026-10-24T12:00:00Z", settings: { ...nightOwl, weeklyHours: sunday(["00:00", "03:00"]) }, service: { durationMinutes: 30 }, expected: "off_grid" },
  { name: "2026-10-25 02:45 GMT runs past closing", start: "2026-10-25T02:45:00+00:00", now: "2026-10-24T12:00:00Z", settings: { ...nightOwl, weeklyHours: sunday(["00:00", "03:00"]) }, service: { durationMinutes: 30 }, expected: "outside_hours" },
];

describe("isSlotAvailable", () => {
  it.each(checkCases)("$name → $expected", (c) => {
    const result = isSlotAvailable({
      settings: clinic(c.settings),
      service: treatment(c.service),
      busy: c.busy ?? [],
      now: new Date(c.now ?? NOW),
      start: new Date(c.start),
    });
    expect(result).toEqual(c.expected === "ok" ? { ok: true } : { ok: false, reason: c.expected });
  });
});

describe("occupiedInterval", () => {
  it("adds the buffers around the treatment", () => {
    const occupied = occupiedInterval(treatment({ durationMinutes: 45, bufferBeforeMinutes: 10, bufferAfterMinutes: 15 }), new Date("2026-06-10T10:00:00+01:00"));
    expect([toIsoWithOffset(occupied.start), toIsoWithOffset(occupied.end)]).toEqual(["2026-06-10T09:50:00+01:00", "2026-06-10T11:00:00+01:00"]);
  });
});

describe("slotCells", () => {
  it.each([
    ["on the grid", "2026-06-10T09:00:00+01:00", "2026-06-10T10:00:00+01:00", ["08:00", "08:15", "08:30", "08:45"]],
    ["off the grid at both ends", "2026-06-10T08:50:00+01:00", "2026-06-10T09:20:00+01:00", ["07:45", "08:00", "08:15"]],
    ["a single minute", "2026-06-10T09:07:00+01:00", "2026-06-10T09:08:00+01:00", ["08:00"]],
    ["empty", "2026-06-10T09:00:00+01:00", "2026-06-10T09:00:00+01:00", []],
  ])("%s", (_, start, end, cells) => {
    expect(slotCells(busy(start, end), 15)).toEqual(cells.map((t) => `2026-06-10T${t}:00+00:00`));
  });

  it("keeps UTC cells through the fall-back hour", () => {
    expect(slotCells(busy("2026-10-25T01:30:00+01:00", "2026-10-25T01:30:00+00:00"), 30)).toEqual(["2026-10-25T00:30:00+00:00", "2026-10-25T01:00:00+00:00"]);
  });

  it("rejects a non-positive step", () => {
    expect(() => slotCells(busy("2026-06-10T09:00:00Z", "2026-06-10T10:00:00Z"), 0)).toThrow(RangeError);
  });
});

describe("openingHoursOn", () => {
  it("merges weekly and extra hours and converts them to instants", () => {
    const hours = openingHoursOn(clinic({ extraHours: [{ date: "2026-06-09", start: "12:00", end: "13:00" }] }), "2026-06-09");
    expect(hours.map((h) => [toIsoWithOffset(h.start), toIsoWithOffset(h.end)])).toEqual([["2026-06-09T09:00:00+01:00", "2026-06-09T18:00:00+01:00"]]);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
