import { usersByIds } from "@mas/accounts/read";
import { db } from "../entities";
import { badRequest } from "@mas/core/errors";
import { appointmentInvite } from "./calendar-invite";
import { clinicDetails } from "./business-profile";
import { addLocalDays, eachLocalDate, instantAt, type LocalDate } from "@mas/core/shared/time";
import { appointmentsStartingBetween, type AppointmentItem } from "./appointment-store";
import { appointmentView } from "./appointment-view";
import { MAX_RANGE_DAYS } from "./slot-check";
import { loadSettings } from "./settings-store";
import { trainingSessionsBetween } from "./training-blocks";

/**
 * The owner's diary for a range of local dates: every appointment starting in it (with
 * the client's name), training days and closures. Expired holds are left out — they never
 * happened.
 */
export async function ownerCalendar(from: LocalDate, to: LocalDate) {
  const days = eachLocalDate(from, to).length;
  if (days === 0 || days > MAX_RANGE_DAYS) throw badRequest("validation_failed", `Choose a range of 1 to ${MAX_RANGE_DAYS} days`, { to: "Range too long" });
  const settings = await loadSettings();
  const appointments = (
    await appointmentsStartingBetween(instantAt(from, "00:00", settings.timeZone), instantAt(addLocalDays(to, 1), "00:00", settings.timeZone))
  ).filter((a) => a.status !== "expired");
  const names = await clientNames(appointments);
  return {
    from,
    to,
    appointments: appointments.map((a) => ({ ...appointmentView(a), clientName: names.get(a.clientId) ?? null })),
    trainingDays: settings.trainingDays.filter((t) => t.date >= from && t.date <= to),
    /** Learning's practical sessions (booking's copy): clinic and training in one calendar. */
    trainingSessions: await trainingSessionsBetween(instantAt(from, "00:00", settings.timeZone), instantAt(addLocalDays(to, 1), "00:00", settings.timeZone)),
    closures: settings.closures.filter((c) => ("date" in c ? c.date >= from && c.date <= to : c.from <= to && c.to >= from)),
  };
}

async function clientNames(appointments: AppointmentItem[]): Promise<Map<string, string>> {
  const ids = [...new Set(appointments.map((a) => a.clientId))];
  if (ids.length === 0) return new Map();
  const data = await usersByIds(ids);
  return new Map(data.map((u) => [u.userId, `${u.firstName} ${u.lastName}`]));
}

/** The client's calendar file for one appointment (same UID as the invite messaging mails). */
export async function appointmentIcs(appointment: AppointmentItem, issuedAt: Date): Promise<string> {
  return appointmentInvite({
    appointmentId: appointment.appointmentId,
    serviceName: appointment.serviceName,
    start: appointment.start,
    end: appointment.end,
    practice: await clinicDetails(),
    issuedAt,
    cancelled: appointment.status === "cancelled",
  });
}
