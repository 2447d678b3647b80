import * as z from "zod";
import { addLocalMonths, isLocalDate, localDateOf, TIME_ZONE, type LocalDate } from "@mas/core/shared/time";
import { LocalDate as LocalDateSchema, type Service } from "./settings";

/**
 * Whether a client may book a treatment for a given appointment, and whether their medical
 * answers need the practitioner to review the booking first. Checks run in this order and
 * the first failure is returned: date of birth, minimum age, consultation, patch test.
 *
 * - Age is the number of birthdays reached by the appointment's local date (Europe/London):
 *   a client turning 18 on the day of the appointment is 18. Someone born on 29 February
 *   has their birthday on 1 March in non-leap years (as English law counts it).
 * - A date of birth is only required when the service has a minimum age above 0.
 * - A patch test counts when it passed, was done at least 48 hours before the appointment
 *   starts, on or after the appointment's local date minus 6 calendar months, and no failed
 *   test has been recorded after it (a later reaction voids an earlier pass).
 */
export type EligibilityCode = "booking.dob_required" | "booking.under_min_age" | "booking.patch_test_required" | "booking.consultation_required";
export type Eligibility = { ok: true; needsReview: boolean } | { ok: false; code: EligibilityCode; message: string };

export interface PatchTest {
  testedAt: Date;
  result: "pass" | "fail";
}

const PATCH_TEST_MIN_NOTICE_MS = 48 * 3_600_000;
const PATCH_TEST_VALID_MONTHS = 6;
const ISOTRETINOIN_WASHOUT_MONTHS = 6;

export function checkEligibility(input: {
  service: Pick<Service, "name" | "minAge" | "requiresPatchTest" | "requiresConsultation">;
  client: { dateOfBirth?: LocalDate | undefined };
  appointmentStart: Date;
  patchTests: readonly PatchTest[];
  completedConsultation: boolean;
  medicalFlags: readonly string[];
  timeZone?: string;
}): Eligibility {
  const { service, client, appointmentStart } = input;
  const appointmentDate = localDateOf(appointmentStart, input.timeZone ?? TIME_ZONE);
  if (service.minAge > 0) {
    if (!client.dateOfBirth) {
      return refuse("booking.dob_required", `Please add your date of birth to your profile before booking ${service.name}.`);
    }
    if (ageOn(client.dateOfBirth, appointmentDate) < service.minAge) {
      return refuse(
        "booking.under_min_age",
        `${service.name} is only available to clients aged ${service.minAge} or over on the day of the appointment.`,
      );
    }
  }
  if (service.requiresConsultation && !input.completedConsultation) {
    return refuse("booking.consultation_required", `${service.name} needs a consultation first. Please book a consultation before this treatment.`);
  }
  if (service.requiresPatchTest && !hasValidPatchTest(input.patchTests, appointmentStart, appointmentDate, input.timeZone ?? TIME_ZONE)) {
    return refuse(
      "booking.patch_test_required",
      `${service.name} needs a passed patch test taken at least 48 hours before your appointment and within the last 6 months. ` +
        "Please book a patch test first.",
    );
  }
  return { ok: true, needsReview: input.medicalFlags.length > 0 };
}

/** Completed years between a date of birth and a date, both local calendar dates. */
export function ageOn(dateOfBirth: LocalDate, on: LocalDate): number {
  if (!isLocalDate(dateOfBirth) || !isLocalDate(on)) throw new RangeError(`Not local dates (YYYY-MM-DD): ${dateOfBirth}, ${on}`);
  const [birthYear, birthMonthDay] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(5)];
  const [year, monthDay] = [Number(on.slice(0, 4)), on.slice(5)];
  // "MM-DD" strings compare as dates; "02-29" > "02-28" makes a leap-day birthday fall on 1 March.
  return year - birthYear - (monthDay < birthMonthDay ? 1 : 0);
}

function hasValidPatchTest(tests: readonly PatchTest[], appointmentStart: Date, appointmentDate: LocalDate, timeZone: string): boolean {
  const oldestValidDate = addLocalMonths(appointmentDate, -PATCH_TEST_VALID_MONTHS);
  const latestValidAt = appointmentStart.getTime() - PATCH_TEST_MIN_NOTICE_MS;
  const lastFailure = Math.max(-Infinity, ...tests.filter((t) => t.result === "fail").map((t) => t.testedAt.getTime()));
  return tests.some(
    (t) =>
      t.result === "pass" &&
      t.testedAt.getTime() <= latestValidAt &&
      localDateOf(t.testedAt, timeZone) >= oldestValidDate &&
      t.testedAt.getTime() > lastFailure,
  );
}

function refuse(code: EligibilityCode, message: string): Eligibility {
  return { ok: false, code, message };
}

/** Medical questionnaire answers that bear on booking; free-text notes live elsewhere. */
export const MedicalAnswers = z.object({
  pregnant: z.boolean(),
  breastfeeding: z.boolean(),
  /** Warfarin, apixaban, rivaroxaban, clopidogrel, daily aspirin and the like. */
  takesAnticoagulants: z.boolean(),
  allergicToLidocaine: z.boolean(),
  allergicToHyaluronidase: z.boolean(),
  autoimmuneCondition: z.boolean(),
  /** Roaccutane: never taken, taking now, or stopped (with the date of the last dose). */
  isotretinoin: z.discriminatedUnion("status", [
    z.object({ status: z.literal("never") }),
    z.object({ status: z.literal("current") }),
    z.object({ status: z.literal("stopped"), lastDoseOn: LocalDateSchema }),
  ]),
  keloidScarring: z.boolean(),
});
export type MedicalAnswers = z.infer<typeof MedicalAnswers>;

export const RISK_FLAGS = [
  "pregnant_or_breastfeeding",
  "anticoagulants",
  "lidocaine_allergy",
  "hyaluronidase_allergy",
  "autoimmune",
  "recent_isotretinoin",
  "keloid_history",
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

/**
 * The flags that send a booking to the practitioner for review. Isotretinoin counts when
 * taken now or when the last dose was within 6 calendar months before `asOf` (pass the
 * appointment's start: what matters is the gap before treatment, not before answering).
 */
export function riskFlagsFrom(answers: MedicalAnswers, asOf: Date, timeZone: string = TIME_ZONE): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (answers.pregnant || answers.breastfeeding) flags.push("pregnant_or_breastfeeding");
  if (answers.takesAnticoagulants) flags.push("anticoagulants");
  if (answers.allergicToLidocaine) flags.push("lidocaine_allergy");
  if (answers.allergicToHyaluronidase) flags.push("hyaluronidase_allergy");
  if (answers.autoimmuneCondition) flags.push("autoimmune");
  const { isotretinoin } = answers;
  const cutOff = addLocalMonths(localDateOf(asOf, timeZone), -ISOTRETINOIN_WASHOUT_MONTHS);
  const recentIsotretinoin = isotretinoin.status === "current" || (isotretinoin.status === "stopped" && isotretinoin.lastDoseOn >= cutOff);
  if (recentIsotretinoin) flags.push("recent_isotretinoin");
  if (answers.keloidScarring) flags.push("keloid_history");
  return flags;
}
