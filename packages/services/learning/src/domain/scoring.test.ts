import { describe, expect, it } from "vitest";
import { markAttempt, markQuestion, type MarkableQuestion } from "./scoring";

const at = "2026-06-01T10:00:00Z";
const single: MarkableQuestion = { questionId: "s", kind: "single", correctOptionIds: ["b"], points: 1 };
const trueFalse: MarkableQuestion = { questionId: "t", kind: "true_false", correctOptionIds: ["true"], points: 1 };
const multiple: MarkableQuestion = { questionId: "m", kind: "multiple", correctOptionIds: ["a", "b", "c"], points: 3 };
const short: MarkableQuestion = { questionId: "x", kind: "short_answer", correctOptionIds: [], points: 2 };

describe("markQuestion", () => {
  it.each([
    { name: "single right", q: single, options: ["b"], awarded: 1 },
    { name: "single wrong", q: single, options: ["a"], awarded: 0 },
    { name: "single with two chosen earns nothing", q: single, options: ["a", "b"], awarded: 0 },
    { name: "single unanswered", q: single, options: undefined, awarded: 0 },
    { name: "true/false right", q: trueFalse, options: ["true"], awarded: 1 },
    { name: "true/false wrong", q: trueFalse, options: ["false"], awarded: 0 },
    { name: "multiple all right", q: multiple, options: ["a", "b", "c"], awarded: 3 },
    { name: "multiple two of three", q: multiple, options: ["a", "b"], awarded: 2 },
    { name: "multiple one of three", q: multiple, options: ["c"], awarded: 1 },
    { name: "multiple two right one wrong", q: multiple, options: ["a", "b", "d"], awarded: 1 },
    { name: "multiple one right one wrong", q: multiple, options: ["a", "d"], awarded: 0 },
    { name: "multiple more wrong than right floors at 0", q: multiple, options: ["a", "d", "e"], awarded: 0 },
    { name: "multiple everything chosen", q: multiple, options: ["a", "b", "c", "d", "e"], awarded: 1 },
    { name: "multiple duplicates count once", q: multiple, options: ["a", "a", "a"], awarded: 1 },
    { name: "multiple none", q: multiple, options: [], awarded: 0 },
  ])("$name → $awarded", ({ q, options, awarded }) => {
    expect(markQuestion(q, options ? { optionIds: options, answeredAt: at } : undefined)).toMatchObject({ awarded, max: q.points, pending: false });
  });

  it("partial credit is rounded to hundredths (1 of 3 on a 1-point question)", () => {
    expect(markQuestion({ ...multiple, points: 1 }, { optionIds: ["a"], answeredAt: at }).awarded).toBe(0.33);
  });

  it.each([
    { name: "short answer awaiting marking", answer: { text: "Retrograde flow", answeredAt: at }, mark: undefined, expected: { awarded: 0, pending: true } },
    { name: "short answer marked", answer: { text: "Retrograde flow", answeredAt: at }, mark: 1.5, expected: { awarded: 1.5, pending: false } },
    { name: "owner's mark is capped at the points", answer: { text: "x", answeredAt: at }, mark: 9, expected: { awarded: 2, pending: false } },
    { name: "blank short answer needs no marking", answer: { text: "  ", answeredAt: at }, mark: undefined, expected: { awarded: 0, pending: false } },
  ])("$name", ({ answer, mark, expected }) => {
    expect(markQuestion(short, answer, mark)).toMatchObject(expected);
  });
});

describe("markAttempt", () => {
  const questions = [single, trueFalse, multiple];
  const answers = { s: { optionIds: ["b"], answeredAt: "2026-06-01T10:10:00Z" }, t: { optionIds: ["true"], answeredAt: "2026-06-01T10:20:00.001Z" }, m: { optionIds: ["a", "b"], answeredAt: "2026-06-01T10:05:00Z" } };

  it("adds up and applies the pass mark", () => {
    expect(markAttempt({ questions, answers, passMarkPercent: 80 })).toMatchObject({ score: 4, maxScore: 5, scorePercent: 80, passed: true, pending: false });
    expect(markAttempt({ questions, answers, passMarkPercent: 81 })).toMatchObject({ passed: false });
  });

  it.each([
    { name: "an answer 1 ms after the deadline does not count", deadline: "2026-06-01T10:20:00Z", score: 3 },
    { name: "an answer exactly at the deadline counts", deadline: "2026-06-01T10:20:00.001Z", score: 4 },
    { name: "a deadline before every answer: nothing counts", deadline: "2026-06-01T10:00:00Z", score: 0 },
  ])("$name", ({ deadline, score }) => {
    expect(markAttempt({ questions, answers, deadline: new Date(deadline), passMarkPercent: 50 }).score).toBe(score);
  });

  it("a short answer keeps the result provisional (not passed) until marked", () => {
    const withShort = [...questions, short];
    const all = { ...answers, x: { text: "Because", answeredAt: at } };
    expect(markAttempt({ questions: withShort, answers: all, passMarkPercent: 50 })).toMatchObject({ pending: true, passed: false, maxScore: 7 });
    expect(markAttempt({ questions: withShort, answers: all, manualMarks: { x: 2 }, passMarkPercent: 50 })).toMatchObject({ pending: false, passed: true, score: 6 });
  });

  it("an empty paper scores 0 %, which passes only a 0 % pass mark", () => {
    expect(markAttempt({ questions: [], answers: {}, passMarkPercent: 0 })).toMatchObject({ scorePercent: 0, passed: true });
    expect(markAttempt({ questions: [], answers: {}, passMarkPercent: 1 })).toMatchObject({ scorePercent: 0, passed: false });
  });
});
