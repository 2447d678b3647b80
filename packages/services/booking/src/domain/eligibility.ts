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
 * - A date of birth is only required when the service has a minimum age above 0; its refusal
 *   names the field, so the booking form can ask for it in place.
 * - A patch test counts when it passed, was done at least 48 hours (elapsed, so across a clock
 *   change too) before the appointment starts, on or after the appointment's local date minus
 *   6 calendar months, and no failed test has been recorded after it (a later reaction voids an
 *   earlier pass). A patch test *booked* at such a time counts the same way, pending its result:
 *   the booking then records that it is awaiting it (a failure recorded at or after the booked
 *   time voids it, as any failure voids an earlier test).
 * - A consultation counts when one is completed, or booked to end by the time the treatment starts.
 */
export type EligibilityCode = "booking.dob_required" | "booking.under_min_age" | "booking.patch_test_required" | "booking.consultation_required";
export type Eligibility =
  | { ok: true; needsReview: boolean; awaiting: Prerequisite[] }
  | { ok: false; code: EligibilityCode; message: string; fields?: Record<string, string> };
export type Prerequisite = "patch_test" | "consultation";

export interface PatchTest {
  testedAt: Date;
  result: "pass" | "fail";
}

/** What the client has done or booked towards a treatment's prerequisites. */
export interface ClientPrerequisites {
  patchTests: readonly PatchTest[];
  /** Starts of the client's active patch-test appointments. */
  bookedPatchTests?: readonly Date[];
  completedConsultation: boolean;
  /** Ends of the client's active consultation appointments. */
  bookedConsultationEnds?: readonly Date[];
}

export const PATCH_TEST_LEAD_HOURS = 48;
const PATCH_TEST_MIN_NOTICE_MS = PATCH_TEST_LEAD_HOURS * 3_600_000;
export const PATCH_TEST_VALID_MONTHS = 6;
const ISOTRETINOIN_WASHOUT_MONTHS = 6;

export function checkEligibility(
  input: {
    service: Pick<Service, "name" | "minAge" | "requiresPatchTest" | "requiresConsultation">;
    client: { dateOfBirth?: LocalDate | undefined };
    appointmentStart: Date;
    medicalFlags: readonly string[];
    timeZone?: string;
  } & ClientPrerequisites,
): Eligibility {
  const { service, client, appointmentStart } = input;
  const timeZone = input.timeZone ?? TIME_ZONE;
  const appointmentDate = localDateOf(appointmentStart, timeZone);
  if (service.minAge > 0) {
    if (!client.dateOfBirth) {
      const message = `This treatment is for clients aged ${service.minAge} and over. Please tell us your date of birth.`;
      return { ok: false, code: "booking.dob_required", message, fields: { dateOfBirth: message } };
    }
    if (ageOn(client.dateOfBirth, appointmentDate) < service.minAge) {
      return refuse(
        "booking.under_min_age",
        `${service.name} is only available to clients aged ${service.minAge} or over on the day of the appointment.`,
      );
    }
  }
  const awaiting: Prerequisite[] = [];
  if (service.requiresConsultation && !input.completedConsultation) {
    if (!(input.bookedConsultationEnds ?? []).some((end) => end.getTime() <= appointmentStart.getTime())) {
      return refuse("booking.consultation_required", `${service.name} needs a consultation first. Please book a consultation before this treatment.`);
    }
    awaiting.push("consultation");
  }
  if (service.requiresPatchTest) {
    const lastFailure = Math.max(-Infinity, ...input.patchTests.filter((t) => t.result === "fail").map((t) => t.testedAt.getTime()));
    const inTime = (at: Date) => countsBefore(at, appointmentStart, appointmentDate, timeZone) && at.getTime() > lastFailure;
    if (!input.patchTests.some((t) => t.result === "pass" && inTime(t.testedAt))) {
      if (!(input.bookedPatchTests ?? []).some(inTime)) {
        return refuse(
          "booking.patch_test_required",
          `${service.name} needs a passed patch test taken at least ${PATCH_TEST_LEAD_HOURS} hours before your appointment and within the last ${PATCH_TEST_VALID_MONTHS} months. ` +
            "Please book a patch test first.",
        );
      }
      awaiting.push("patch_test");
    }
  }
  return { ok: true, needsReview: input.medicalFlags.length > 0, awaiting };
}

/**
 * Whether a client could still meet `service`'s patch-test and consultation rules for a start:
 * with what they have done or booked, or else with a patch test or consultation booked at
 * the earliest time the clinic takes bookings (`earliestBooking`, i.e. now + minimum notice;
 * a consultation booked then ends at `earliestConsultationEnd`, by default the same instant).
 * The calendar offers only such starts, so a new client is never shown a time that the
 * patch-test lead time makes impossible. Age is not considered (the booking form asks).
 */
export function prerequisitesCanBeMet(input: {
  service: Pick<Service, "name" | "requiresPatchTest" | "requiresConsultation">;
  appointmentStart: Date;
  client: ClientPrerequisites;
  earliestBooking: Date;
  earliestConsultationEnd?: Date;
  timeZone?: string;
}): boolean {
  const { client, earliestBooking } = input;
  const hasBookedPatchTest = (client.bookedPatchTests ?? []).length > 0;
  const eligibility = checkEligibility({
    service: { ...input.service, minAge: 0 },
    client: {},
    appointmentStart: input.appointmentStart,
    medicalFlags: [],
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    patchTests: client.patchTests,
    // A client who already booked a patch test is offered the times that test allows.
    bookedPatchTests: hasBookedPatchTest ? client.bookedPatchTests : [earliestBooking],
    completedConsultation: client.completedConsultation,
    bookedConsultationEnds: [...(client.bookedConsultationEnds ?? []), input.earliestConsultationEnd ?? earliestBooking],
  });
  return eligibility.ok;
}

export type PrerequisiteState = { state: "done" } | { state: "booked"; at: Date } | { state: "needed" };

/**
 * Where a client stands with a treatment's patch test and consultation today (null: not
 * required), for the booking page: a patch test is "done" when a pass within the last 6
 * months has not been voided by a later failure; "booked" gives the latest booked test
 * (the one the calendar counts from) or the earliest booked consultation's end.
 */
export function prerequisiteStatus(input: {
  service: Pick<Service, "requiresPatchTest" | "requiresConsultation">;
  client: ClientPrerequisites;
  now: Date;
  timeZone?: string;
}): { patchTest: PrerequisiteState | null; consultation: PrerequisiteState | null } {
  const { service, client, now } = input;
  const oldestValidDate = addLocalMonths(localDateOf(now, input.timeZone ?? TIME_ZONE), -PATCH_TEST_VALID_MONTHS);
  const lastFailure = Math.max(-Infinity, ...client.patchTests.filter((t) => t.result === "fail").map((t) => t.testedAt.getTime()));
  const passed = client.patchTests.some(
    (t) => t.result === "pass" && t.testedAt.getTime() > lastFailure && t.testedAt.getTime() <= now.getTime() && localDateOf(t.testedAt, input.timeZone ?? TIME_ZONE) >= oldestValidDate,
  );
  const latest = (dates: readonly Date[] | undefined, pick: (a: number, b: number) => number) =>
    dates && dates.length ? new Date(dates.map((d) => d.getTime()).reduce((a, b) => pick(a, b))) : undefined;
  const bookedTest = latest(client.bookedPatchTests?.filter((d) => d.getTime() > lastFailure), Math.max);
  const bookedConsultation = latest(client.bookedConsultationEnds, Math.min);
  return {
    patchTest: !service.requiresPatchTest ? null : passed ? { state: "done" } : bookedTest ? { state: "booked", at: bookedTest } : { state: "needed" },
    consultation: !service.requiresConsultation
      ? null
      : client.completedConsultation
        ? { state: "done" }
        : bookedConsultation
          ? { state: "booked", at: bookedConsultation }
          : { state: "needed" },
  };
}

/** What a client must have before booking `service`, in the order the checks run (for the treatment page). */
export function requirementsOf(service: Pick<Service, "minAge" | "requiresPatchTest" | "requiresConsultation">) {
  return {
    minAge: service.minAge > 0 ? service.minAge : null,
    consultation: service.requiresConsultation,
    patchTest: service.requiresPatchTest ? { leadHours: PATCH_TEST_LEAD_HOURS, validMonths: PATCH_TEST_VALID_MONTHS } : null,
  };
}

/** Completed years between a date of birth and a date, both local calendar dates. */
export function ageOn(dateOfBirth: LocalDate, on: LocalDate): number {
  if (!isLocalDate(dateOfBirth) || !isLocalDate(on)) throw new RangeError(`Not local dates (YYYY-MM-DD): ${dateOfBirth}, ${on}`);
  const [birthYear, birthMonthDay] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(5)];
  const [year, monthDay] = [Number(on.slice(0, 4)), on.slice(5)];
  // "MM-DD" strings compare as dates; "02-29" > "02-28" makes a leap-day birthday fall on 1 March.
  return year - birthYear - (monthDay < birthMonthDay ? 1 : 0);
}

/** A test at `at` is early enough (lead time) and recent enough (validity) for the appointment. */
function countsBefore(at: Date, appointmentStart: Date, appointmentDate: LocalDate, timeZone: string): boolean {
  return at.getTime() <= appointmentStart.getTime() - PATCH_TEST_MIN_NOTICE_MS && localDateOf(at, timeZone) >= addLocalMonths(appointmentDate, -PATCH_TEST_VALID_MONTHS);
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
