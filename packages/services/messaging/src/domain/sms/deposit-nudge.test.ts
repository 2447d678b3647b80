import { describe, expect, it } from "vitest";
import { countSegments } from "./segments";
import { depositNudgeDecision, depositNudgeTime, plannedDepositNudge } from "./deposit-nudge";
import { renderText } from "./texts";

const at = (iso: string) => new Date(iso).toISOString();

describe("depositNudgeTime", () => {
  it.each([
    ["an online hold (15 min + the whole second): 5 minutes before it lapses", "2026-06-01T10:00:00.400Z", "2026-06-01T10:15:01Z", "2026-06-01T10:10:01Z"],
    ["a 10-minute hold is just long enough", "2026-06-01T10:00:00Z", "2026-06-01T10:10:00Z", "2026-06-01T10:05:00Z"],
    ["a 9-minute hold: none (the nudge would nag minutes after booking)", "2026-06-01T10:00:00Z", "2026-06-01T10:09:00Z", undefined],
    ["a hold shorter than the lead: none", "2026-06-01T10:00:00Z", "2026-06-01T10:04:00Z", undefined],
    ["a hold that lapsed as it was made: none", "2026-06-01T10:00:00Z", "2026-06-01T10:00:00Z", undefined],
    ["2 h 59 min (a phone hold up to the start): 5 minutes before", "2026-06-01T10:00:00Z", "2026-06-01T12:59:00Z", "2026-06-01T12:54:00Z"],
    ["3 hours: an hour before", "2026-06-01T10:00:00Z", "2026-06-01T13:00:00Z", "2026-06-01T12:00:00Z"],
    ["a day-long phone hold: an hour before", "2026-06-01T10:00:00Z", "2026-06-02T10:00:00Z", "2026-06-02T09:00:00Z"],
    // Elapsed time across the clock changes: the nudge is an hour before the lapse, whatever the wall clock did.
    ["over the autumn change (25 Oct): 24 elapsed hours, nudge an hour before", "2026-10-24T11:00:00Z", "2026-10-25T11:00:00Z", "2026-10-25T10:00:00Z"],
    ["over the spring change (29 Mar)", "2026-03-28T23:30:00Z", "2026-03-29T23:30:00Z", "2026-03-29T22:30:00Z"],
    ["an hour-long hold ending in the repeated hour (01:30 BST → 01:30 GMT)", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25T01:25:00Z"],
  ])("%s", (_label, requestedAt, holdExpiresAt, expected) => {
    expect(depositNudgeTime({ requestedAt, holdExpiresAt })?.toISOString()).toBe(expected && at(expected));
  });

  it("takes the hold as booking writes it in the event (London offset) and refuses nonsense", () => {
    expect(depositNudgeTime({ requestedAt: "2026-06-01T10:00:00Z", holdExpiresAt: "2026-06-01T11:15:00+01:00" })?.toISOString()).toBe(at("2026-06-01T10:10:00Z"));
    expect(() => depositNudgeTime({ requestedAt: "yesterday", holdExpiresAt: "2026-06-01T10:15:00Z" })).toThrow(RangeError);
  });
});

describe("plannedDepositNudge", () => {
  const hold = { requestedAt: "2026-06-01T10:00:00Z", holdExpiresAt: "2026-06-01T10:15:00Z" };
  it.each([
    ["seen as it is made", "2026-06-01T10:00:00Z", "2026-06-01T10:10:00Z"],
    ["seen a minute before its time", "2026-06-01T10:09:00Z", "2026-06-01T10:10:00Z"],
    ["seen at its time (the event was late): none", "2026-06-01T10:10:00Z", undefined],
    ["seen after the hold lapsed: none", "2026-06-01T10:20:00Z", undefined],
  ])("%s", (_label, now, expected) => {
    expect(plannedDepositNudge(hold, new Date(now))?.toISOString()).toBe(expected && at(expected));
  });
});

describe("depositNudgeDecision", () => {
  const held = { status: "pending_deposit", createdAt: "2026-06-01T10:00:00.000Z", holdExpiresAt: "2026-06-01T10:15:00.000Z" };
  const due = "2026-06-01T10:10:00.000Z";
  const now = new Date(due);
  it.each([
    ["still held, unpaid", held, now, { send: true }],
    ["unknown to booking", undefined, now, { send: false, reason: "appointment_unknown" }],
    ["paid (confirmed)", { ...held, status: "confirmed", holdExpiresAt: undefined }, now, { send: false, reason: "appointment_confirmed" }],
    ["paid but waiting for review", { ...held, status: "pending_review", holdExpiresAt: undefined }, now, { send: false, reason: "appointment_pending_review" }],
    ["cancelled", { ...held, status: "cancelled" }, now, { send: false, reason: "appointment_cancelled" }],
    ["expired", { ...held, status: "expired" }, now, { send: false, reason: "appointment_expired" }],
    ["held again for longer (another hold's nudge)", { ...held, holdExpiresAt: "2026-06-02T10:00:00.000Z" }, now, { send: false, reason: "hold_changed" }],
    ["no hold on record", { ...held, holdExpiresAt: null }, now, { send: false, reason: "hold_changed" }],
    ["fired after the hold lapsed", held, new Date("2026-06-01T10:15:00.000Z"), { send: false, reason: "hold_lapsed" }],
  ] as const)("%s", (_label, appointment, when, expected) => {
    expect(depositNudgeDecision(appointment, due, when)).toEqual(expected);
  });
});

describe("the deposit nudge text", () => {
  const data = {
    firstName: "Bea",
    practiceName: "Master Aesthetics",
    serviceName: "Lip filler, 1 ml",
    start: "2026-06-24T10:00:00Z",
    expiresAt: "2026-06-01T10:15:01Z",
    link: "https://masteraesthetics.co.uk/book/pay?appointment=01J0000000000000000000000",
  };
  it("says what is held, until when on the London clock, and links to the pay step in one GSM-7 segment", () => {
    const body = renderText("deposit.nudge", data);
    expect(body).toBe(`Hi Bea, pay the deposit by 11:15 to keep Lip filler, 1 ml, Wed 24 Jun at 11:00: ${data.link}`);
    expect(countSegments(body)).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });

  it.each([
    ["a hold lapsing in winter time", "2026-12-01T17:30:00Z", "by 17:30"],
    ["a hold lapsing the evening the clocks go back", "2026-10-25T18:00:00Z", "by 18:00"],
    ["a hold lapsing the evening the clocks go forward", "2026-03-29T18:00:00Z", "by 19:00"],
  ])("%s", (_label, expiresAt, phrase) => {
    expect(renderText("deposit.nudge", { ...data, expiresAt })).toContain(phrase);
  });
});
