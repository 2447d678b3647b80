import { describe, expect, it } from "vitest";
import { parsePracticalSubject, practicalDecision, practicalPlan, practicalReminderTime, practicalScheduleName, practicalSubject } from "./practical-days";

const COHORT = "01JCOHORT000000000000000000".slice(0, 26);
const SESSION = "01JSESSION00000000000000000".slice(0, 26);
const session = (start: string, sessionId = SESSION) => ({ cohortId: COHORT, sessionId, start });

describe("practicalReminderTime: 10:00 London on the day before", () => {
  it.each([
    ["a summer session (BST)", "2026-06-11T08:30:00Z", "2026-06-10T09:00:00.000Z"],
    ["a winter session (GMT)", "2026-12-03T09:30:00Z", "2026-12-02T10:00:00.000Z"],
    // Sunday 29 March 2026 09:30 BST: the day before is Saturday, still GMT.
    ["the spring change: session on the Sunday", "2026-03-29T08:30:00Z", "2026-03-28T10:00:00.000Z"],
    // Monday 30 March 2026 09:30 BST: the day before is the change day itself, now BST.
    ["the spring change: reminder on the Sunday", "2026-03-30T08:30:00Z", "2026-03-29T09:00:00.000Z"],
    // Sunday 25 October 2026 09:30 GMT: the day before is Saturday, still BST.
    ["the autumn change: session on the Sunday", "2026-10-25T09:30:00Z", "2026-10-24T09:00:00.000Z"],
    ["the autumn change: reminder on the Sunday", "2026-10-26T09:30:00Z", "2026-10-25T10:00:00.000Z"],
    ["a session just after midnight", "2027-03-28T00:30:00Z", "2027-03-27T10:00:00.000Z"],
  ])("%s: %s → %s", (_label, start, due) => {
    expect(practicalReminderTime(start).toISOString()).toBe(due);
  });
});

describe("practicalPlan", () => {
  it("schedules each session still ahead, in time order, by a name from the cohort and the session", () => {
    const later = session("2026-07-02T08:30:00Z", "01JSESSIONLATER00000000000");
    const plan = practicalPlan([later, session("2026-06-11T08:30:00Z")], new Date("2026-06-01T09:00:00Z"));
    expect(plan.map((p) => [p.scheduleName, p.at.toISOString()])).toEqual([
      [`practical-${COHORT}-${SESSION}`, "2026-06-10T09:00:00.000Z"],
      [`practical-${COHORT}-01JSESSIONLATER00000000000`, "2026-07-01T09:00:00.000Z"],
    ]);
    expect(practicalScheduleName(later)).toHaveLength(63);
  });

  it("leaves out a session whose reminder time has passed (announced the evening before)", () => {
    expect(practicalPlan([session("2026-06-11T08:30:00Z")], new Date("2026-06-10T17:00:00Z"))).toEqual([]);
  });

  it("round-trips the reminder's subject", () => {
    expect(parsePracticalSubject(practicalSubject(session("2026-06-11T08:30:00Z")))).toEqual({ cohortId: COHORT, sessionId: SESSION });
    expect(parsePracticalSubject("no-dot")).toBeUndefined();
  });
});

describe("practicalDecision: only for the session as it still is, before it starts", () => {
  const due = "2026-06-10T09:00:00.000Z";
  it.each([
    ["on time", session("2026-06-11T08:30:00Z"), due, "2026-06-10T09:00:00Z", { send: true }],
    ["late but before the start", session("2026-06-11T08:30:00Z"), due, "2026-06-11T08:29:59Z", { send: true }],
    ["at the start", session("2026-06-11T08:30:00Z"), due, "2026-06-11T08:30:00Z", { send: false, reason: "too_late" }],
    ["moved to another day", session("2026-06-12T08:30:00Z"), due, "2026-06-10T09:00:00Z", { send: false, reason: "session_moved" }],
    ["moved within the day", session("2026-06-11T12:00:00Z"), due, "2026-06-10T09:00:00Z", { send: true }],
    ["gone", undefined, due, "2026-06-10T09:00:00Z", { send: false, reason: "session_gone" }],
  ] as const)("%s", (_label, current, scheduledFor, now, decision) => {
    expect(practicalDecision(current, scheduledFor, new Date(now))).toEqual(decision);
  });
});
