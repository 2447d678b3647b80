import { describe, expect, it } from "vitest";
import { acceptsAnswers, attemptDuration, deadlineFor, decideStart, isOverdue, type PastAttempt } from "./attempt-rules";

const now = new Date("2026-06-01T12:00:00Z");
const submitted = (number: number, submittedAt: string, passed = false): PastAttempt => ({ attemptId: `a${number}`, number, status: "submitted", submittedAt, passed });

describe("decideStart", () => {
  it.each([
    { name: "first attempt", previous: [], limit: 3, cooldown: 0, expected: { ok: true, number: 1 } },
    { name: "second after a fail", previous: [submitted(1, "2026-06-01T10:00:00Z")], limit: 3, cooldown: 0, expected: { ok: true, number: 2 } },
    { name: "limit reached", previous: [submitted(1, "2026-06-01T08:00:00Z"), submitted(2, "2026-06-01T09:00:00Z")], limit: 2, cooldown: 0, expected: { ok: false, reason: "attempt_limit" } },
    { name: "no limit", previous: [1, 2, 3, 4, 5].map((n) => submitted(n, "2026-06-01T08:00:00Z")), limit: undefined, cooldown: 0, expected: { ok: true, number: 6 } },
    { name: "already passed", previous: [submitted(1, "2026-06-01T08:00:00Z", true)], limit: 3, cooldown: 0, expected: { ok: false, reason: "already_passed" } },
    { name: "in cool-down", previous: [submitted(1, "2026-06-01T11:30:00Z")], limit: 3, cooldown: 60, expected: { ok: false, reason: "cooldown", retryAt: new Date("2026-06-01T12:30:00Z") } },
    { name: "cool-down ends exactly now", previous: [submitted(1, "2026-06-01T11:00:00Z")], limit: 3, cooldown: 60, expected: { ok: true, number: 2 } },
    { name: "cool-down counts from the latest attempt", previous: [submitted(2, "2026-06-01T11:59:00Z"), submitted(1, "2026-06-01T08:00:00Z")], limit: 5, cooldown: 10, expected: { ok: false, reason: "cooldown", retryAt: new Date("2026-06-01T12:09:00Z") } },
    { name: "limit is reported before cool-down", previous: [submitted(1, "2026-06-01T11:59:00Z")], limit: 1, cooldown: 60, expected: { ok: false, reason: "attempt_limit" } },
    {
      name: "an open attempt is resumed",
      previous: [{ attemptId: "open", number: 1, status: "in_progress", deadline: "2026-06-01T12:10:00Z" } as PastAttempt],
      limit: 3,
      cooldown: 0,
      expected: { ok: false, reason: "in_progress", attemptId: "open" },
    },
    {
      name: "an open attempt without a time limit is resumed",
      previous: [{ attemptId: "open", number: 1, status: "in_progress" } as PastAttempt],
      limit: 3,
      cooldown: 0,
      expected: { ok: false, reason: "in_progress", attemptId: "open" },
    },
    {
      name: "an overdue open attempt does not block (the caller submits it) but counts towards the limit",
      previous: [{ attemptId: "late", number: 1, status: "in_progress", deadline: "2026-06-01T11:00:00Z" } as PastAttempt],
      limit: 1,
      cooldown: 0,
      expected: { ok: false, reason: "attempt_limit" },
    },
  ])("$name", ({ previous, limit, cooldown, expected }) => {
    expect(decideStart({ previous, attemptLimit: limit, cooldownMinutes: cooldown, now })).toEqual(expected);
  });
});

describe("time limit", () => {
  const attempt = { status: "in_progress" as const, deadline: "2026-06-01T12:00:00Z" };
  it.each([
    { at: "2026-06-01T11:59:59.999Z", accepts: true },
    { at: "2026-06-01T12:00:00Z", accepts: true },
    { at: "2026-06-01T12:00:00.001Z", accepts: false },
  ])("an answer at $at counts: $accepts", ({ at, accepts }) => {
    expect(acceptsAnswers(attempt, new Date(at))).toBe(accepts);
    expect(isOverdue(attempt, new Date(at))).toBe(!accepts);
  });

  it("submitted attempts take no answers; untimed ones always do", () => {
    expect(acceptsAnswers({ status: "submitted" }, now)).toBe(false);
    expect(acceptsAnswers({ status: "in_progress" }, new Date("2099-01-01T00:00:00Z"))).toBe(true);
  });

  it.each([
    { limit: undefined, expected: undefined },
    { limit: 30, expected: "2026-06-01T12:30:00.000Z" },
  ])("deadline for a $limit minute limit", ({ limit, expected }) => {
    expect(deadlineFor(now, limit)?.toISOString()).toBe(expected);
  });

  it.each([
    { name: "submitted early", submittedAt: "2026-06-01T12:10:00Z", deadline: "2026-06-01T12:30:00Z", seconds: 600 },
    { name: "auto-submitted late: capped at the allowance", submittedAt: "2026-06-01T13:00:00Z", deadline: "2026-06-01T12:30:00Z", seconds: 1800 },
    { name: "untimed", submittedAt: "2026-06-01T12:00:42Z", deadline: undefined, seconds: 42 },
  ])("duration: $name", ({ submittedAt, deadline, seconds }) => {
    expect(attemptDuration("2026-06-01T12:00:00Z", new Date(submittedAt), deadline)).toBe(seconds);
  });
});
