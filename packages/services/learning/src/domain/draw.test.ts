import { describe, expect, it } from "vitest";
import { drawPaper, seededRandom, shuffled } from "./draw";

const bank = Array.from({ length: 20 }, (_, i) => ({ questionId: `q${i}`, options: ["a", "b", "c", "d"].map((optionId) => ({ optionId })) }));

describe("seeded draws", () => {
  it("the same seed draws the same paper; another seed another paper", () => {
    const one = drawPaper(bank, { seed: "attempt-1", count: 5, shuffleOptions: true });
    expect(drawPaper(bank, { seed: "attempt-1", count: 5, shuffleOptions: true })).toEqual(one);
    expect(drawPaper(bank, { seed: "attempt-2", count: 5, shuffleOptions: true })).not.toEqual(one);
  });

  it.each([
    { count: 5, expected: 5 },
    { count: 20, expected: 20 },
    { count: 50, expected: 20 },
    { count: undefined, expected: 20 },
    { count: 0, expected: 0 },
  ])("draws $count → $expected distinct questions from the bank", ({ count, expected }) => {
    const paper = drawPaper(bank, { seed: "s", count, shuffleOptions: false });
    expect(paper).toHaveLength(expected);
    expect(new Set(paper.map((p) => p.questionId)).size).toBe(expected);
    for (const entry of paper) expect(bank.map((q) => q.questionId)).toContain(entry.questionId);
  });

  it("shuffles options as a permutation, or keeps them when not shuffling", () => {
    for (const entry of drawPaper(bank, { seed: "perm", shuffleOptions: true })) expect([...entry.optionOrder].sort()).toEqual(["a", "b", "c", "d"]);
    for (const entry of drawPaper(bank, { seed: "perm", shuffleOptions: false })) expect(entry.optionOrder).toEqual(["a", "b", "c", "d"]);
  });

  it("never mutates its input", () => {
    const items = [1, 2, 3, 4, 5];
    shuffled(items, seededRandom("x"));
    expect(items).toEqual([1, 2, 3, 4, 5]);
  });

  it("is roughly uniform: each of 4 questions comes first about a quarter of the time", () => {
    const firsts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const [first] = drawPaper(bank.slice(0, 4), { seed: `seed-${i}`, count: 1, shuffleOptions: false });
      firsts.set(first!.questionId, (firsts.get(first!.questionId) ?? 0) + 1);
    }
    for (const count of firsts.values()) expect(count).toBeGreaterThan(850);
    expect(firsts.size).toBe(4);
  });
});
