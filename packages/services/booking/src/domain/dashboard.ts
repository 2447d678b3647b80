import { usersByIds } from "@mas/accounts/read";
import { addLocalDays, instantAt, localDateOf, type LocalDate } from "@mas/core/shared/time";
import { db } from "../entities";
import { appointmentsStartingBetween, type AppointmentItem } from "./appointment-store";
import { appointmentView } from "./appointment-view";
import { openingHoursOn } from "./availability";
import { listServices } from "./catalogue";
import { mondayOf, newVsReturning, noShowRate, safetyFlags, utilisationPercent, weeklyBookings } from "./dashboard-figures";
import { loadSettings } from "./settings-store";
import { trainingSessionsBetween } from "./training-blocks";
import { patchTestsOf } from "./treatment-records";

/**
 * The owner dashboard's clinic half (payments' summary gives the money half). Cheap as
 * data grows: one range query of the diary index (by quarter, from the trend's first
 * Monday to a month ahead) instead of a scan; per client only for the few clients of
 * today and tomorrow (names, dates of birth, patch tests) and of the last four weeks
 * (their first appointment: one key-ordered query with limit 1 each).
 */
export const TREND_WEEKS = 12;
export const WINDOW_DAYS = 28;
const AHEAD_DAYS = 30;

export async function ownerDashboard(now: Date) {
  const settings = await loadSettings();
  const tz = settings.timeZone;
  const today = localDateOf(now, tz);
  const tomorrow = addLocalDays(today, 1);
  const trendStart = addLocalDays(mondayOf(today), -7 * (TREND_WEEKS - 1));
  const windowStart = addLocalDays(today, -(WINDOW_DAYS - 1));
  const [appointments, services, sessions, reviewsWaiting] = await Promise.all([
    appointmentsStartingBetween(instantAt(trendStart, "00:00", tz), instantAt(addLocalDays(today, AHEAD_DAYS + 1), "00:00", tz)),
    listServices({ includeInactive: true }),
    trainingSessionsBetween(now, instantAt(addLocalDays(today, AHEAD_DAYS + 1), "00:00", tz)),
    reviewsAwaitingApproval(instantAt(addLocalDays(today, -AHEAD_DAYS), "00:00", tz)),
  ]);
  const dateOf = (a: AppointmentItem) => localDateOf(new Date(a.start), tz);
  const live = appointments.filter((a) => a.status !== "expired");
  const inWindow = live.filter((a) => dateOf(a) >= windowStart && dateOf(a) <= today);
  const nextTwoDays = live.filter((a) => dateOf(a) === today || dateOf(a) === tomorrow);

  const serviceById = new Map(services.map((s) => [s.id, s]));
  const dayClients = [...new Set(nextTwoDays.map((a) => a.clientId))];
  const [users, patchTests, firstStarts] = await Promise.all([
    usersByIds(dayClients),
    Promise.all(dayClients.map(async (id) => [id, nextTwoDays.some((a) => a.clientId === id && serviceById.get(a.serviceId)?.requiresPatchTest) ? await patchTestsOf(id) : []] as const)),
    firstAppointmentStarts([...new Set(inWindow.map((a) => a.clientId))]),
  ]);
  const userById = new Map(users.map((u) => [u.userId, u]));
  const testsOf = new Map(patchTests);

  const agenda = (date: LocalDate) =>
    nextTwoDays
      .filter((a) => dateOf(a) === date)
      .map((a) => {
        const user = userById.get(a.clientId);
        const view = appointmentView(a);
        return {
          ...view,
          clientName: user ? `${user.firstName} ${user.lastName}` : null,
          flags: safetyFlags({
            start: new Date(a.start),
            riskFlags: a.riskFlags ?? [],
            consent: view.consent.status,
            service: serviceById.get(a.serviceId),
            dateOfBirth: user?.dateOfBirth,
            patchTests: (testsOf.get(a.clientId) ?? []).map((t) => ({ testedAt: new Date(t.testedAt), result: t.result })),
            timeZone: tz,
          }),
        };
      });

  const windowDates = Array.from({ length: WINDOW_DAYS }, (_, i) => addLocalDays(windowStart, i));
  const openMinutes = windowDates.reduce((sum, date) => sum + openingHoursOn(settings, date).reduce((m, r) => m + (r.end.getTime() - r.start.getTime()) / 60_000, 0), 0);
  const upcoming = live.filter((a) => a.start >= now.toISOString());
  return {
    today,
    tomorrow,
    agenda: { today: agenda(today), tomorrow: agenda(tomorrow) },
    actions: {
      toReview: upcoming.filter((a) => a.status === "pending_review").length,
      unpaidHolds: upcoming.filter((a) => a.status === "pending_deposit").length,
      consentUnsigned: upcoming.filter((a) => a.status === "confirmed" && dateOf(a) <= addLocalDays(today, 2) && a.consent?.status !== "signed").length,
      reviewsWaiting,
    },
    trend: weeklyBookings(live, Array.from({ length: TREND_WEEKS }, (_, i) => addLocalDays(trendStart, 7 * i)), tz),
    window: {
      from: windowStart,
      to: today,
      utilisationPercent: utilisationPercent(inWindow, openMinutes),
      noShow: noShowRate(inWindow),
      ...newVsReturning(inWindow, firstStarts, instantAt(windowStart, "00:00", tz).toISOString()),
    },
    practicalDays: sessions.slice(0, 8),
  };
}

export type OwnerDashboard = Awaited<ReturnType<typeof ownerDashboard>>;

/** Each client's first appointment start (the index sorts a client's appointments by start). */
async function firstAppointmentStarts(clientIds: string[]): Promise<Map<string, string>> {
  const firsts = await Promise.all(
    clientIds.map(async (clientId) => {
      const { data } = await db().entities.appointment.query.byClient({ clientId }).where(({ status }, { ne }) => ne(status, "expired")).go({ limit: 1 });
      return [clientId, data[0]?.start] as const;
    }),
  );
  return new Map(firsts.filter((f): f is readonly [string, string] => f[1] !== undefined));
}

/** Reviews written since `since` and not yet published (the reviews partition, by date). */
async function reviewsAwaitingApproval(since: Date): Promise<number> {
  const { data } = await db().entities.review.query.all({ board: "reviews" }).gte({ createdAt: since.toISOString() }).go({ pages: "all" });
  return data.filter((r) => !r.published).length;
}
