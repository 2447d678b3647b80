import { getActiveUser } from "@mas/accounts/read";
import { unprocessable } from "@mas/core/errors";
import { toIsoWithOffset } from "@mas/core/shared/time";
import type { AppointmentStatus } from "../entities/appointment";
import { appointmentsOfClient } from "./appointment-store";
import { listServices } from "./catalogue";
import { latestMedicalHistory } from "./client-records";
import { checkEligibility, prerequisitesCanBeMet, prerequisiteStatus, riskFlagsFrom, type ClientPrerequisites, type Prerequisite, type RiskFlag } from "./eligibility";
import type { BusinessSettings, Service } from "./settings";
import { hasCompletedConsultation, patchTestsOf } from "./treatment-records";

/**
 * Gathers what `checkEligibility` needs about a client — date of birth (accounts' User),
 * patch tests done or booked, a consultation completed or booked, the latest medical
 * answers — and throws 422 with the eligibility code when the client may not book. Returns
 * the risk flags that send the booking to the practitioner for review, and the booked
 * prerequisites the appointment is awaiting.
 */
export async function assertEligible(input: {
  clientId: string;
  service: Service;
  start: Date;
  settings: BusinessSettings;
}): Promise<{ riskFlags: RiskFlag[]; awaiting: Prerequisite[] }> {
  const { clientId, service, start, settings } = input;
  const [user, prerequisites, medical] = await Promise.all([getActiveUser(clientId), prerequisitesOf(clientId, service), latestMedicalHistory(clientId)]);
  const medicalFlags = medical ? riskFlagsFrom(medical.answers, start, settings.timeZone) : [];
  const eligibility = checkEligibility({
    service,
    client: { dateOfBirth: user?.dateOfBirth },
    appointmentStart: start,
    ...prerequisites,
    medicalFlags,
    timeZone: settings.timeZone,
  });
  if (!eligibility.ok) throw unprocessable(eligibility.code, eligibility.message, eligibility.fields);
  return { riskFlags: medicalFlags, awaiting: eligibility.awaiting };
}

/**
 * For the calendar: a test "could this client (or, signed out, a new client) still meet the
 * patch-test and consultation rules for this start?" — undefined when the service has none.
 */
export async function prerequisiteFilter(input: {
  clientId: string | undefined;
  service: Service;
  settings: BusinessSettings;
  now: Date;
}): Promise<((start: Date) => boolean) | undefined> {
  const { service, settings, now } = input;
  if (!service.requiresPatchTest && !service.requiresConsultation) return undefined;
  const client: ClientPrerequisites = input.clientId ? await prerequisitesOf(input.clientId, service) : { patchTests: [], completedConsultation: false };
  const earliestBooking = new Date(now.getTime() + settings.minimumNoticeMinutes * 60_000);
  // A consultation booked at the earliest time ends its length later (the clinic's first consultation on the menu).
  const consultation = service.requiresConsultation ? (await listServices()).find((s) => s.category === "consultation") : undefined;
  const earliestConsultationEnd = new Date(earliestBooking.getTime() + (consultation?.durationMinutes ?? 0) * 60_000);
  return (start) => prerequisitesCanBeMet({ service, appointmentStart: start, client, earliestBooking, earliestConsultationEnd, timeZone: settings.timeZone });
}

/** Where a signed-in client stands with `service`'s patch test and consultation (see `prerequisiteStatus`). */
export async function readinessFor(clientId: string, service: Service, settings: BusinessSettings, now: Date) {
  const status = prerequisiteStatus({ service, client: await prerequisitesOf(clientId, service), now, timeZone: settings.timeZone });
  const view = (s: typeof status.patchTest) => (s && s.state === "booked" ? { state: s.state, at: toIsoWithOffset(s.at, settings.timeZone) } : s);
  return { patchTest: view(status.patchTest), consultation: view(status.consultation) };
}

const ACTIVE: readonly AppointmentStatus[] = ["pending_deposit", "pending_review", "confirmed"];

async function prerequisitesOf(clientId: string, service: Service): Promise<ClientPrerequisites> {
  if (!service.requiresPatchTest && !service.requiresConsultation) return { patchTests: [], completedConsultation: false };
  const [patchTests, consultationRecorded, appointments] = await Promise.all([
    service.requiresPatchTest ? patchTestsOf(clientId) : [],
    service.requiresConsultation ? hasCompletedConsultation(clientId) : false,
    appointmentsOfClient(clientId),
  ]);
  const active = appointments.filter((a) => ACTIVE.includes(a.status));
  return {
    patchTests: patchTests.map((t) => ({ testedAt: new Date(t.testedAt), result: t.result })),
    bookedPatchTests: active.filter((a) => a.category === "patch-test").map((a) => new Date(a.start)),
    completedConsultation: consultationRecorded || appointments.some((a) => a.category === "consultation" && a.status === "completed"),
    bookedConsultationEnds: active.filter((a) => a.category === "consultation").map((a) => new Date(a.end)),
  };
}
