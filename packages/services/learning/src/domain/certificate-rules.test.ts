import { describe, expect, it } from "vitest";
import { certificateExpiry, certificateNumber, certificateStatus, certificateYear } from "./certificate-rules";

describe("certificate numbers", () => {
  it.each([
    { year: 2026, n: 1, expected: "MAS-2026-000001" },
    { year: 2026, n: 123, expected: "MAS-2026-000123" },
    { year: 2027, n: 999999, expected: "MAS-2027-999999" },
    { year: 2027, n: 1000000, expected: "MAS-2027-1000000" },
  ])("$year #$n → $expected", ({ year, n, expected }) => {
    expect(certificateNumber(year, n)).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects sequence %s", (n) => {
    expect(() => certificateNumber(2026, n)).toThrow(RangeError);
  });

  it.each([
    { at: "2026-12-31T23:59:59Z", year: 2026 },
    { at: "2027-01-01T00:00:00Z", year: 2027 },
    { at: "2026-06-30T23:30:00Z", year: 2026, why: "BST: already 1 July but same year" },
  ])("issued $at belongs to $year (London)", ({ at, year }) => {
    expect(certificateYear(new Date(at))).toBe(year);
  });
});

describe("expiry and status", () => {
  it.each([
    { issued: "2026-06-15T14:00:00Z", months: undefined, expected: undefined },
    { issued: "2026-01-15T14:00:00Z", months: 12, expected: "2027-01-15T00:00:00.000Z" },
    { issued: "2026-06-15T14:00:00Z", months: 24, expected: "2028-06-14T23:00:00.000Z" },
    { issued: "2026-08-31T10:00:00Z", months: 6, expected: "2027-02-28T00:00:00.000Z" },
  ])("issued $issued, valid $months months → $expected", ({ issued, months, expected }) => {
    expect(certificateExpiry(new Date(issued), months)?.toISOString()).toBe(expected);
  });

  it.each([
    { cert: {}, now: "2030-01-01T00:00:00Z", status: "valid" },
    { cert: { expiresAt: "2027-06-15T00:00:00Z" }, now: "2027-06-14T23:59:59Z", status: "valid" },
    { cert: { expiresAt: "2027-06-15T00:00:00Z" }, now: "2027-06-15T00:00:00Z", status: "expired" },
    { cert: { revokedAt: "2026-07-01T00:00:00Z" }, now: "2026-07-02T00:00:00Z", status: "revoked" },
    { cert: { revokedAt: "2026-07-01T00:00:00Z", expiresAt: "2026-08-01T00:00:00Z" }, now: "2027-01-01T00:00:00Z", status: "revoked" },
  ])("$cert at $now → $status", ({ cert, now, status }) => {
    expect(certificateStatus(cert, new Date(now))).toBe(status);
  });
});
