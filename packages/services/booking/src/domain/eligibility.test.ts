import { describe, expect, it } from "vitest";
import { ageOn, checkEligibility, MedicalAnswers, prerequisitesCanBeMet, prerequisiteStatus, requirementsOf, riskFlagsFrom, type EligibilityCode, type PatchTest } from "./eligibility";
import type { ServiceInput } from "./settings";
import { treatment } from "../../test/fixtures";

/** Lip filler at 10:00 BST on Friday 12 June 2026. */
const APPOINTMENT = "2026-06-12T10:00:00+01:00";
const pass = (testedAt: string): PatchTest => ({ testedAt: new Date(testedAt), result: "pass" });
const fail = (testedAt: string): PatchTest => ({ testedAt: new Date(testedAt), result: "fail" });

interface Case {
  name: string;
  service?: Partial<ServiceInput>;
  dateOfBirth?: string;
  appointment?: string;
  patchTests?: PatchTest[];
  completedConsultation?: boolean;
  medicalFlags?: string[];
  expected: EligibilityCode | "ok" | "review";
}

const cases: Case[] = [
  // Age (minimum 18 unless stated), at the appointment's date in London
  { name: "no date of birth", expected: "booking.dob_required" },
  { name: "an adult", dateOfBirth: "1990-01-01", expected: "ok" },
  { name: "18th birthday on the appointment day", dateOfBirth: "2008-06-12", expected: "ok" },
  { name: "18th birthday the day after", dateOfBirth: "2008-06-13", expected: "booking.under_min_age" },
  { name: "00:30 BST is already the birthday in London (still the 11th in UTC)", dateOfBirth: "2008-06-12", appointment: "2026-06-12T00:30:00+01:00", expected: "ok" },
  { name: "leap-day birthday: 28 Feb in a common year is not yet the birthday", dateOfBirth: "2008-02-29", appointment: "2026-02-28T10:00:00+00:00", expected: "booking.under_min_age" },
  { name: "leap-day birthday: 1 March in a common year is", dateOfBirth: "2008-02-29", appointment: "2026-03-01T10:00:00+00:00", expected: "ok" },
  { name: "leap-day birthday on 29 Feb of a leap year", service: { minAge: 20 }, dateOfBirth: "2008-02-29", appointment: "2028-02-29T10:00:00+00:00", expected: "ok" },
  { name: "the day before a leap-year leap-day birthday", service: { minAge: 20 }, dateOfBirth: "2008-02-29", appointment: "2028-02-28T10:00:00+00:00", expected: "booking.under_min_age" },
  { name: "a service for over-21s", service: { minAge: 21 }, dateOfBirth: "2006-01-01", expected: "booking.under_min_age" },
  { name: "no minimum age needs no date of birth", service: { minAge: 0, category: "consultation" }, expected: "ok" },

  // Consultation
  { name: "consultation required but not done", service: { requiresConsultation: true }, dateOfBirth: "1990-01-01", expected: "booking.consultation_required" },
  { name: "consultation done", service: { requiresConsultation: true }, dateOfBirth: "1990-01-01", completedConsultation: true, expected: "ok" },
  { name: "age is checked before the consultation", service: { requiresConsultation: true }, dateOfBirth: "2010-01-01", expected: "booking.under_min_age" },

  // Patch test: passed, ≥ 48 h before the start, ≤ 6 months old, not followed by a failure
  { name: "no patch test", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", expected: "booking.patch_test_required" },
  { name: "patch test exactly 48 h before", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", patchTests: [pass("2026-06-10T10:00:00+01:00")], expected: "ok" },
  { name: "patch test 47 h before", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", patchTests: [pass("2026-06-10T11:00:00+01:00")], expected: "booking.patch_test_required" },
  { name: "patch test one second short of 48 h", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", patchTests: [pass("2026-06-10T10:00:01+01:00")], expected: "booking.patch_test_required" },
  { name: "patch test exactly 6 months before (by date)", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", patchTests: [pass("2025-12-12T09:00:00+00:00")], expected: "ok" },
  { name: "expired patch test (6 months and a day)", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", patchTests: [pass("2025-12-11T17:00:00+00:00")], expected: "booking.patch_test_required" },
  { name: "failed patch test", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", patchTests: [fail("2026-06-01T10:00:00+01:00")], expected: "booking.patch_test_required" },
  { name: "a pass voided by a later failure", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", patchTests: [pass("2026-05-01T10:00:00+01:00"), fail("2026-06-01T10:00:00+01:00")], expected: "booking.patch_test_required" },
  { name: "a failure followed by a pass", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", patchTests: [fail("2026-05-01T10:00:00+01:00"), pass("2026-06-01T10:00:00+01:00")], expected: "ok" },
  { name: "an expired pass and a valid one", service: { requiresPatchTest: true }, dateOfBirth: "1990-01-01", patchTests: [pass("2025-01-01T10:00:00+00:00"), pass("2026-06-01T10:00:00+01:00")], expected: "ok" },
  { name: "patch test not needed", dateOfBirth: "1990-01-01", patchTests: [fail("2026-06-01T10:00:00+01:00")], expected: "ok" },
  { name: "consultation is checked before the patch test", service: { requiresPatchTest: true, requiresConsultation: true }, dateOfBirth: "1990-01-01", expected: "booking.consultation_required" },

  // Medical flags do not block; they ask for review
  { name: "medical flags need review", dateOfBirth: "1990-01-01", medicalFlags: ["anticoagulants"], expected: "review" },
];

describe("checkEligibility", () => {
  it.each(cases)("$name → $expected", (c) => {
    const service = treatment({ name: "Lip filler", category: "dermal-filler", ...c.service });
    const result = checkEligibility({
      service,
      client: { dateOfBirth: c.dateOfBirth },
      appointmentStart: new Date(c.appointment ?? APPOINTMENT),
      patchTests: c.patchTests ?? [],
      completedConsultation: c.completedConsultation ?? false,
      medicalFlags: c.medicalFlags ?? [],
    });
    if (c.expected === "ok" || c.expected === "review") {
      expect(result).toEqual({ ok: true, needsReview: c.expected === "review", awaiting: [] });
    } else {
      expect(result).toMatchObject({ ok: false, code: c.expected });
      if (!result.ok) expect(result.message).toMatch(/^[A-Z].*\.$/);
    }
  });

  it("explains itself in plain English", () => {
    const result = checkEligibility({
      service: treatment({ name: "Lip filler", requiresPatchTest: true }),
      client: { dateOfBirth: "1990-01-01" },
      appointmentStart: new Date(APPOINTMENT),
      patchTests: [],
      completedConsultation: false,
      medicalFlags: [],
    });
    expect(result).toEqual({
      ok: false,
      code: "booking.patch_test_required",
      message: "Lip filler needs a passed patch test taken at least 48 hours before your appointment and within the last 6 months. Please book a patch test first.",
    });
  });
});

describe("date of birth when it matters", () => {
  it("asks for it in plain words, naming the field", () => {
    const result = checkEligibility({
      service: treatment({ name: "Lip filler", minAge: 18 }),
      client: {},
      appointmentStart: new Date(APPOINTMENT),
      patchTests: [],
      completedConsultation: false,
      medicalFlags: [],
    });
    const message = "This treatment is for clients aged 18 and over. Please tell us your date of birth.";
    expect(result).toEqual({ ok: false, code: "booking.dob_required", message, fields: { dateOfBirth: message } });
  });

  it("does not ask when the treatment has no minimum age", () => {
    const result = checkEligibility({ service: treatment({ minAge: 0 }), client: {}, appointmentStart: new Date(APPOINTMENT), patchTests: [], completedConsultation: false, medicalFlags: [] });
    expect(result.ok).toBe(true);
  });
});

describe("a patch test or consultation booked first", () => {
  const peel = treatment({ name: "Chemical peel", category: "chemical-peel", requiresPatchTest: true, minAge: 16 });
  const base = { service: peel, client: { dateOfBirth: "1990-01-01" }, patchTests: [] as PatchTest[], completedConsultation: false, medicalFlags: [] };

  it.each([
    ["booked exactly 48 h before", "2026-06-10T10:00:00+01:00", true],
    ["booked 47 h 59 min before", "2026-06-10T10:01:00+01:00", false],
    ["booked after the treatment", "2026-06-13T10:00:00+01:00", false],
  ])("%s → %s", (_, bookedAt, ok) => {
    const result = checkEligibility({ ...base, appointmentStart: new Date(APPOINTMENT), bookedPatchTests: [new Date(bookedAt)] });
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.awaiting).toEqual(["patch_test"]);
  });

  it("counts the 48 hours in elapsed time across the spring-forward change (2026-03-29)", () => {
    // Patch test 10:00 GMT Friday 27 March; 48 h later is 11:00 BST on Sunday 29 March, not 10:00.
    const bookedPatchTests = [new Date("2026-03-27T10:00:00+00:00")];
    const at = (start: string) => checkEligibility({ ...base, appointmentStart: new Date(start), bookedPatchTests }).ok;
    expect([at("2026-03-29T10:00:00+01:00"), at("2026-03-29T10:59:00+01:00"), at("2026-03-29T11:00:00+01:00")]).toEqual([false, false, true]);
  });

  it("counts the 48 hours in elapsed time across the autumn change (2026-10-25)", () => {
    const bookedPatchTests = [new Date("2026-10-23T10:00:00+01:00")];
    const at = (start: string) => checkEligibility({ ...base, appointmentStart: new Date(start), bookedPatchTests }).ok;
    expect([at("2026-10-25T08:59:00+00:00"), at("2026-10-25T09:00:00+00:00")]).toEqual([false, true]);
  });

  it("a failure recorded at or after the booked test voids it", () => {
    const bookedAt = new Date("2026-06-08T10:00:00+01:00");
    const result = checkEligibility({ ...base, appointmentStart: new Date(APPOINTMENT), bookedPatchTests: [bookedAt], patchTests: [{ testedAt: bookedAt, result: "fail" }] });
    expect(result).toMatchObject({ ok: false, code: "booking.patch_test_required" });
  });

  it("a valid passed test means nothing is awaited", () => {
    const result = checkEligibility({ ...base, appointmentStart: new Date(APPOINTMENT), patchTests: [{ testedAt: new Date("2026-06-01T10:00:00+01:00"), result: "pass" }] });
    expect(result).toEqual({ ok: true, needsReview: false, awaiting: [] });
  });

  it("a consultation booked to end by the treatment's start counts; one ending later does not", () => {
    const toxin = treatment({ name: "Anti-wrinkle", requiresConsultation: true });
    const check = (end: string) => checkEligibility({ ...base, service: toxin, appointmentStart: new Date(APPOINTMENT), bookedConsultationEnds: [new Date(end)] });
    expect(check("2026-06-12T10:00:00+01:00")).toEqual({ ok: true, needsReview: false, awaiting: ["consultation"] });
    expect(check("2026-06-12T10:05:00+01:00")).toMatchObject({ ok: false, code: "booking.consultation_required" });
  });
});

describe("prerequisitesCanBeMet (what the calendar offers)", () => {
  const peel = treatment({ name: "Chemical peel", requiresPatchTest: true });
  const newClient = { patchTests: [], completedConsultation: false };
  // Now is 09:00 on Monday 8 June; with 24 h notice the earliest patch test is 09:00 Tuesday.
  const earliestBooking = new Date("2026-06-09T09:00:00+01:00");
  const can = (start: string, client: Parameters<typeof prerequisitesCanBeMet>[0]["client"] = newClient) =>
    prerequisitesCanBeMet({ service: peel, appointmentStart: new Date(start), client, earliestBooking });

  it("a new client: nothing before a patch test could have been done and read (earliest booking + 48 h)", () => {
    expect([can("2026-06-09T10:00:00+01:00"), can("2026-06-11T08:59:00+01:00"), can("2026-06-11T09:00:00+01:00")]).toEqual([false, false, true]);
  });

  it("a client with a booked patch test: from 48 h after it", () => {
    const client = { ...newClient, bookedPatchTests: [new Date("2026-06-12T14:00:00+01:00")] };
    expect([can("2026-06-11T09:00:00+01:00", client), can("2026-06-14T13:45:00+01:00", client), can("2026-06-14T14:00:00+01:00", client)]).toEqual([false, false, true]);
  });

  it("a client with a recent passed test: any time", () => {
    const client = { ...newClient, patchTests: [{ testedAt: new Date("2026-06-01T10:00:00+01:00"), result: "pass" as const }] };
    expect(can("2026-06-09T10:00:00+01:00", client)).toBe(true);
  });

  it("the earliest patch test across the spring-forward change (Friday 27 March 2026, 10:00 GMT)", () => {
    const start = (s: string) => prerequisitesCanBeMet({ service: peel, appointmentStart: new Date(s), client: newClient, earliestBooking: new Date("2026-03-27T10:00:00+00:00") });
    expect([start("2026-03-29T10:45:00+01:00"), start("2026-03-29T11:00:00+01:00")]).toEqual([false, true]);
  });

  it("a new client's prescription treatment: not before a consultation booked at the earliest time could end", () => {
    const toxin = treatment({ requiresConsultation: true });
    const at = (start: string) =>
      prerequisitesCanBeMet({ service: toxin, appointmentStart: new Date(start), client: newClient, earliestBooking, earliestConsultationEnd: new Date("2026-06-09T09:30:00+01:00") });
    expect([at("2026-06-09T09:00:00+01:00"), at("2026-06-09T09:15:00+01:00"), at("2026-06-09T09:30:00+01:00")]).toEqual([false, false, true]);
  });

  it("a treatment without prerequisites: always", () => {
    expect(prerequisitesCanBeMet({ service: treatment(), appointmentStart: new Date("2026-06-08T09:30:00+01:00"), client: newClient, earliestBooking })).toBe(true);
  });
});

describe("prerequisiteStatus (what the booking page says about a client)", () => {
  const both = treatment({ requiresPatchTest: true, requiresConsultation: true });
  const now = new Date("2026-06-08T09:00:00+01:00");
  const none = { patchTests: [], completedConsultation: false };
  it.each<[string, Parameters<typeof prerequisiteStatus>[0]["client"], unknown, unknown]>([
    ["nothing yet", none, { state: "needed" }, { state: "needed" }],
    ["a pass last month, a consultation done", { patchTests: [{ testedAt: new Date("2026-05-08T10:00:00+01:00"), result: "pass" }], completedConsultation: true }, { state: "done" }, { state: "done" }],
    ["a pass 6 months and a day ago has lapsed", { ...none, patchTests: [{ testedAt: new Date("2025-12-07T10:00:00+00:00"), result: "pass" }] }, { state: "needed" }, { state: "needed" }],
    ["a pass voided by a later failure", { ...none, patchTests: [{ testedAt: new Date("2026-05-01T10:00:00+01:00"), result: "pass" }, { testedAt: new Date("2026-05-02T10:00:00+01:00"), result: "fail" }] }, { state: "needed" }, { state: "needed" }],
    [
      "two tests and two consultations booked: the latest test, the earliest consultation",
      { ...none, bookedPatchTests: [new Date("2026-06-10T10:00:00+01:00"), new Date("2026-06-12T10:00:00+01:00")], bookedConsultationEnds: [new Date("2026-06-11T10:30:00+01:00"), new Date("2026-06-09T10:30:00+01:00")] },
      { state: "booked", at: new Date("2026-06-12T10:00:00+01:00") },
      { state: "booked", at: new Date("2026-06-09T10:30:00+01:00") },
    ],
  ])("%s", (_, client, patchTest, consultation) => {
    expect(prerequisiteStatus({ service: both, client, now })).toEqual({ patchTest, consultation });
  });

  it("is null for what the treatment does not need", () => {
    expect(prerequisiteStatus({ service: treatment(), client: none, now })).toEqual({ patchTest: null, consultation: null });
  });
});

describe("requirementsOf", () => {
  it("lists what a client needs before booking", () => {
    expect(requirementsOf(treatment({ minAge: 18, requiresPatchTest: true, requiresConsultation: true }))).toEqual({ minAge: 18, consultation: true, patchTest: { leadHours: 48, validMonths: 6 } });
    expect(requirementsOf(treatment({ minAge: 0 }))).toEqual({ minAge: null, consultation: false, patchTest: null });
  });
});

describe("ageOn", () => {
  it.each([
    ["2008-06-12", "2026-06-11", 17],
    ["2008-06-12", "2026-06-12", 18],
    ["2008-02-29", "2026-02-28", 17],
    ["2008-02-29", "2026-03-01", 18],
    ["2008-02-29", "2028-02-29", 20],
    ["2030-01-01", "2026-06-12", -4],
  ])("born %s, on %s: %i", (dob, on, age) => {
    expect(ageOn(dob, on)).toBe(age);
  });

  it("rejects a malformed date of birth", () => {
    expect(() => ageOn("12/06/2008", "2026-06-12")).toThrow(RangeError);
  });
});

describe("riskFlagsFrom", () => {
  const healthy: MedicalAnswers = {
    pregnant: false,
    breastfeeding: false,
    takesAnticoagulants: false,
    allergicToLidocaine: false,
    allergicToHyaluronidase: false,
    autoimmuneCondition: false,
    isotretinoin: { status: "never" },
    keloidScarring: false,
  };
  const asOf = new Date(APPOINTMENT);

  it.each<[string, Partial<MedicalAnswers>, string[]]>([
    ["no concerns", {}, []],
    ["pregnant", { pregnant: true }, ["pregnant_or_breastfeeding"]],
    ["breastfeeding", { breastfeeding: true }, ["pregnant_or_breastfeeding"]],
    ["pregnant and breastfeeding: one flag", { pregnant: true, breastfeeding: true }, ["pregnant_or_breastfeeding"]],
    ["anticoagulants", { takesAnticoagulants: true }, ["anticoagulants"]],
    ["lidocaine allergy", { allergicToLidocaine: true }, ["lidocaine_allergy"]],
    ["hyaluronidase allergy", { allergicToHyaluronidase: true }, ["hyaluronidase_allergy"]],
    ["autoimmune condition", { autoimmuneCondition: true }, ["autoimmune"]],
    ["keloid scarring", { keloidScarring: true }, ["keloid_history"]],
    ["taking isotretinoin now", { isotretinoin: { status: "current" } }, ["recent_isotretinoin"]],
    ["isotretinoin stopped exactly 6 months before", { isotretinoin: { status: "stopped", lastDoseOn: "2025-12-12" } }, ["recent_isotretinoin"]],
    ["isotretinoin stopped 6 months and a day before", { isotretinoin: { status: "stopped", lastDoseOn: "2025-12-11" } }, []],
    ["several", { takesAnticoagulants: true, keloidScarring: true, allergicToLidocaine: true }, ["anticoagulants", "lidocaine_allergy", "keloid_history"]],
  ])("%s", (_, answers, flags) => {
    expect(riskFlagsFrom(MedicalAnswers.parse({ ...healthy, ...answers }), asOf)).toEqual(flags);
  });

  it("requires the last dose date when isotretinoin was stopped", () => {
    expect(MedicalAnswers.safeParse({ ...healthy, isotretinoin: { status: "stopped" } }).success).toBe(false);
  });
});
