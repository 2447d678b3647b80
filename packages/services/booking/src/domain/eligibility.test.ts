import { describe, expect, it } from "vitest";
import { ageOn, checkEligibility, MedicalAnswers, riskFlagsFrom, type EligibilityCode, type PatchTest } from "./eligibility";
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
      expect(result).toEqual({ ok: true, needsReview: c.expected === "review" });
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
