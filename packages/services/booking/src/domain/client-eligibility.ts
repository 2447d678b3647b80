import { getActiveUser } from "@mas/accounts/read";
import { unprocessable } from "@mas/core/errors";
import { appointmentsOfClient } from "./appointment-store";
import { latestMedicalHistory } from "./client-records";
import { checkEligibility, riskFlagsFrom, type RiskFlag } from "./eligibility";
import type { BusinessSettings, Service } from "./settings";
import { hasCompletedConsultation, patchTestsOf } from "./treatment-records";

/**
 * Gathers what `checkEligibility` needs about a client — date of birth (accounts' User),
 * patch tests, a completed consultation (a consultation record, or a completed
 * consultation appointment), the latest medical answers — and throws 422 with the
 * eligibility code when the client may not book. Returns the risk flags that send the
 * booking to the practitioner for review.
 */
export async function assertEligible(input: { clientId: string; service: Service; start: Date; settings: BusinessSettings }): Promise<RiskFlag[]> {
  const { clientId, service, start, settings } = input;
  const [user, patchTests, consulted, medical] = await Promise.all([
    getActiveUser(clientId),
    service.requiresPatchTest ? patchTestsOf(clientId) : [],
    service.requiresConsultation ? completedConsultation(clientId) : false,
    latestMedicalHistory(clientId),
  ]);
  const medicalFlags = medical ? riskFlagsFrom(medical.answers, start, settings.timeZone) : [];
  const eligibility = checkEligibility({
    service,
    client: { dateOfBirth: user?.dateOfBirth },
    appointmentStart: start,
    patchTests: patchTests.map((t) => ({ testedAt: new Date(t.testedAt), result: t.result })),
    completedConsultation: consulted,
    medicalFlags,
    timeZone: settings.timeZone,
  });
  if (!eligibility.ok) throw unprocessable(eligibility.code, eligibility.message);
  return medicalFlags;
}

async function completedConsultation(clientId: string): Promise<boolean> {
  if (await hasCompletedConsultation(clientId)) return true;
  return (await appointmentsOfClient(clientId)).some((a) => a.category === "consultation" && a.status === "completed");
}
