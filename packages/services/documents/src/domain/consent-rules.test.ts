import { describe, expect, it } from "vitest";
import { consentDeadline, effectiveStatus, signingRefusal } from "./consent-rules";

const issued = new Date("2026-06-01T09:00:00Z");

describe("consentDeadline: the appointment or 30 days after issue, whichever is first", () => {
  it.each([
    ["appointment next week → the appointment", "2026-06-08T10:00:00Z", "2026-06-08T10:00:00.000Z"],
    ["appointment in 60 days → 30 days", "2026-07-31T10:00:00Z", "2026-07-01T09:00:00.000Z"],
    ["appointment exactly 30 days on → the same instant", "2026-07-01T09:00:00Z", "2026-07-01T09:00:00.000Z"],
    ["appointment already started → the appointment (signable never)", "2026-06-01T08:00:00Z", "2026-06-01T08:00:00.000Z"],
    ["across the October clock change (30 × 24 h, not calendar days)", "2026-12-01T10:00:00Z", "2026-07-01T09:00:00.000Z"],
  ])("%s", (_, start, expected) => expect(consentDeadline(new Date(start), issued).toISOString()).toBe(expected));

  it("counts 30 days of 24 hours across the 25 October 2026 change", () => {
    expect(consentDeadline(new Date("2027-01-01T00:00:00Z"), new Date("2026-10-10T12:00:00Z")).toISOString()).toBe("2026-11-09T12:00:00.000Z");
  });
});

describe("effectiveStatus and signingRefusal", () => {
  const signBy = "2026-06-08T10:00:00.000Z";
  it.each([
    ["awaiting before the deadline", { status: "awaiting_signature", signBy }, "2026-06-08T09:59:59Z", "awaiting_signature", undefined],
    ["awaiting at the deadline", { status: "awaiting_signature", signBy }, "2026-06-08T10:00:00Z", "expired", "expired"],
    ["awaiting after the deadline", { status: "awaiting_signature", signBy }, "2026-06-09T00:00:00Z", "expired", "expired"],
    ["signed, even after the deadline", { status: "signed", signBy }, "2026-06-09T00:00:00Z", "signed", "already_signed"],
    ["expired by the schedule", { status: "expired", signBy }, "2026-06-01T00:00:00Z", "expired", "expired"],
    ["a certificate", { status: "issued" }, "2026-06-01T00:00:00Z", "issued", "not_signable"],
  ] as const)("%s", (_, document, now, status, refusal) => {
    expect(effectiveStatus(document, new Date(now))).toBe(status);
    expect(signingRefusal(document, new Date(now))).toBe(refusal);
  });
});
