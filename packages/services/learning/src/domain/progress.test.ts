import { describe, expect, it } from "vitest";
import { isReleased, nextLesson, outstandingForCompletion, progressPercent, releasedAt, type LessonRef } from "./progress";

const lesson = (lessonId: string, extra: Partial<LessonRef> = {}): LessonRef => ({ lessonId, moduleId: "m1", required: true, ...extra });

describe("progressPercent", () => {
  it.each([
    { name: "nothing done", lessons: [lesson("a"), lesson("b")], done: [], expected: 0 },
    { name: "half", lessons: [lesson("a"), lesson("b")], done: ["a"], expected: 50 },
    { name: "all", lessons: [lesson("a"), lesson("b")], done: ["a", "b"], expected: 100 },
    { name: "rounds down (1 of 3 is 33)", lessons: [lesson("a"), lesson("b"), lesson("c")], done: ["a"], expected: 33 },
    { name: "2 of 3 is 66, never 67 before the end", lessons: [lesson("a"), lesson("b"), lesson("c")], done: ["a", "b"], expected: 66 },
    { name: "optional lessons do not count", lessons: [lesson("a"), lesson("x", { required: false })], done: ["x"], expected: 0 },
    { name: "optional only: complete", lessons: [lesson("x", { required: false })], done: [], expected: 100 },
    { name: "empty course: complete", lessons: [], done: [], expected: 100 },
    { name: "completions of removed lessons are ignored", lessons: [lesson("a")], done: ["gone"], expected: 0 },
  ])("$name → $expected", ({ lessons, done, expected }) => {
    expect(progressPercent(lessons, new Set(done))).toBe(expected);
  });
});

describe("drip release", () => {
  const activated = new Date("2026-06-01T21:30:00Z"); // 22:30 BST on 1 June
  it.each([
    { name: "no drip: at activation", drip: {}, expected: "2026-06-01T21:30:00.000Z" },
    { name: "0 days: at activation", drip: { dripAfterDays: 0 }, expected: "2026-06-01T21:30:00.000Z" },
    { name: "1 day: London midnight of 2 June (BST)", drip: { dripAfterDays: 1 }, expected: "2026-06-01T23:00:00.000Z" },
    { name: "7 days", drip: { dripAfterDays: 7 }, expected: "2026-06-07T23:00:00.000Z" },
    { name: "on a date", drip: { dripOnDate: "2026-07-01" }, expected: "2026-06-30T23:00:00.000Z" },
    { name: "a date already past: at activation", drip: { dripOnDate: "2026-05-01" }, expected: "2026-06-01T21:30:00.000Z" },
    { name: "both: the later wins", drip: { dripAfterDays: 40, dripOnDate: "2026-07-01" }, expected: "2026-07-10T23:00:00.000Z" },
  ])("$name", ({ drip, expected }) => {
    expect(releasedAt(drip, activated).toISOString()).toBe(expected);
  });

  it("counts calendar days across the clocks going back (2026-10-25)", () => {
    const activatedOct = new Date("2026-10-24T12:00:00Z");
    expect(releasedAt({ dripAfterDays: 2 }, activatedOct).toISOString()).toBe("2026-10-26T00:00:00.000Z"); // GMT again
  });

  it.each([
    { now: "2026-06-01T22:59:59Z", released: false },
    { now: "2026-06-01T23:00:00Z", released: true },
  ])("released at $now: $released", ({ now, released }) => {
    expect(isReleased({ dripAfterDays: 1 }, activated, new Date(now))).toBe(released);
  });

  it("nothing is released before activation (pending payment)", () => {
    expect(isReleased({}, undefined, new Date("2030-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("nextLesson", () => {
  const activated = new Date("2026-06-01T09:00:00Z");
  const ordered = [lesson("a"), lesson("b"), lesson("c", { dripAfterDays: 3 }), lesson("d")];
  it.each([
    { done: [], expected: "a" },
    { done: ["a"], expected: "b" },
    { done: ["a", "b"], expected: "d", why: "c is not released yet: skip to d" },
    { done: ["a", "b", "d"], expected: undefined },
  ])("after $done → $expected", ({ done, expected }) => {
    expect(nextLesson(ordered, new Set(done), activated, new Date("2026-06-02T09:00:00Z"))?.lessonId).toBe(expected);
  });
});

describe("outstandingForCompletion", () => {
  const base = {
    lessons: [lesson("a")],
    completed: new Set(["a"]),
    practicalRequired: true,
    practicalAttended: true,
    requiredAssessmentIds: ["final"],
    passedAssessmentIds: new Set(["final"]),
  };
  it.each([
    { name: "all done", change: {}, expected: [] },
    { name: "a lesson left", change: { completed: new Set<string>() }, expected: ["lessons"] },
    { name: "practical not attended", change: { practicalAttended: false }, expected: ["practical"] },
    { name: "practical not required", change: { practicalRequired: false, practicalAttended: false }, expected: [] },
    { name: "final not passed", change: { passedAssessmentIds: new Set<string>() }, expected: ["assessments"] },
    { name: "entry requirement not confirmed by the owner", change: { entryUnconfirmed: true }, expected: ["entry_requirement"] },
    { name: "everything missing", change: { completed: new Set<string>(), practicalAttended: false, passedAssessmentIds: new Set<string>() }, expected: ["lessons", "practical", "assessments"] },
    { name: "everything missing, entry too", change: { completed: new Set<string>(), practicalAttended: false, passedAssessmentIds: new Set<string>(), entryUnconfirmed: true }, expected: ["lessons", "practical", "entry_requirement", "assessments"] },
  ])("$name", ({ change, expected }) => {
    expect(outstandingForCompletion({ ...base, ...change })).toEqual(expected);
  });
});
