import { describe, expect, it } from "vitest";
import { attributeValueSize, itemSize, totalUnits, writeUnits } from "./write-cost";

describe("item sizes by AWS's rules", () => {
  it("counts strings in UTF-8 bytes and names once", () => {
    expect(itemSize({ name: { S: "Anna" } })).toBe(8);
    expect(itemSize({ café: { S: "é" } })).toBe(5 + 2);
  });

  it("counts numbers by significant digits: 1 byte per two, plus 1", () => {
    expect(attributeValueSize({ N: "0" })).toBe(2);
    expect(attributeValueSize({ N: "22000" })).toBe(2); // "22"
    expect(attributeValueSize({ N: "1780390800" })).toBe(5); // "17803908"
    expect(attributeValueSize({ N: "-12.5" })).toBe(3);
  });

  it("adds 3 bytes per list or map and 1 per element", () => {
    expect(attributeValueSize({ L: [] })).toBe(3);
    expect(attributeValueSize({ L: [{ S: "ab" }, { BOOL: true }] })).toBe(3 + 1 + 2 + 1 + 1);
    expect(attributeValueSize({ M: { at: { S: "x" } } })).toBe(3 + 1 + 2 + 1);
    expect(attributeValueSize({ B: new Uint8Array(10) })).toBe(10);
  });

  it("bills started kilobytes, at least one", () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(totalUnits([{ entity: "a", op: "TxPut", bytes: 1100, table: 4, gsi1: 2, gsi2: 2, gsi3: 0 }])).toEqual({ table: 4, gsi1: 2, gsi2: 2, gsi3: 0, total: 8 });
  });
});
