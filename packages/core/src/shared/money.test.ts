import { describe, expect, it } from "vitest";
import { assertPence, formatGBP, percentOf } from "./money";

describe("formatGBP", () => {
  it.each([
    [0, "£0.00"],
    [5, "£0.05"],
    [1250, "£12.50"],
    [100_000, "£1,000.00"],
    [123_456_789, "£1,234,567.89"],
    [-500, "-£5.00"],
  ])("%i pence is %s", (pence, text) => {
    expect(formatGBP(pence)).toBe(text);
  });

  it("refuses fractions of a penny", () => {
    expect(() => formatGBP(12.5)).toThrow(RangeError);
  });
});

describe("percentOf", () => {
  it.each([
    [25_000, 50, 12_500],
    [25, 50, 13], // 12.5 rounds half up
    [1, 50, 1],
    [3, 50, 2],
    [99, 0, 0],
    [999, 33, 330], // 329.67
    [1_001, 25, 250], // 250.25
    [1_002, 25, 251], // 250.5
    [10_000, 12.5, 1_250],
    [333, 12.5, 42], // 41.625
    [8_999, 100, 8_999],
    [-25, 50, -13], // half away from zero
  ])("%i × %s%% = %i", (pence, percent, result) => {
    expect(percentOf(pence, percent)).toBe(result);
  });

  it.each([
    [10.5, 50],
    [Number.NaN, 50],
    [100, -1],
    [100, 12.345],
    [100, Number.POSITIVE_INFINITY],
  ])("rejects %s × %s%%", (pence, percent) => {
    expect(() => percentOf(pence, percent)).toThrow(RangeError);
  });

  it("assertPence names the offending field", () => {
    expect(assertPence(42)).toBe(42);
    expect(() => assertPence(0.1, "priceInPence")).toThrow(/priceInPence/);
  });
});
