import { describe, expect, it } from "vitest";
import { barChart, niceCeiling } from "./charts";

describe("bar chart geometry", () => {
  it.each([
    [0, 1],
    [1, 1],
    [7, 10],
    [12, 20],
    [230, 250],
    [4_100, 5_000],
    [50_000, 50_000],
  ])("rounds an axis top of %d up to %d", (max, expected) => {
    expect(niceCeiling(max)).toBe(expected);
  });

  it("draws bars bottom-aligned, proportional to the axis top, one group per category", () => {
    const chart = barChart({ categories: ["a", "b"], series: [{ label: "n", colour: "red", values: [5, 10] }], width: 248, height: 140 });
    const [a, b] = chart.bars;
    expect(chart.plot).toEqual({ left: 48, top: 12, width: 192, height: 100 });
    expect(b!.height).toBe(100);
    expect(a!.height).toBe(50);
    expect(a!.y + a!.height).toBe(112);
    expect(b!.y + b!.height).toBe(112);
    expect(b!.x).toBeGreaterThan(a!.x);
    expect(chart.ticks.map((t) => t.value)).toEqual([0, 5, 10]);
  });

  it("puts series side by side within a group and treats negative or missing values as zero height", () => {
    const chart = barChart({ categories: ["x"], series: [{ label: "this", colour: "a", values: [3] }, { label: "last", colour: "b", values: [] }, { label: "neg", colour: "c", values: [-4] }] });
    expect(chart.bars.map((b) => b.series)).toEqual(["this", "last", "neg"]);
    expect(chart.bars[1]!.height).toBe(0);
    expect(chart.bars[2]!.height).toBe(0);
    expect(chart.bars[1]!.x).toBeGreaterThan(chart.bars[0]!.x);
  });

  it("labels every nth category", () => {
    expect(barChart({ categories: ["1", "2", "3", "4", "5"], series: [], labelEvery: 2 }).labels.map((l) => l.text)).toEqual(["1", "3", "5"]);
  });
});
