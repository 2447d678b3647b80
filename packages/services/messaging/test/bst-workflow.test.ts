import { afterAll, describe, expect, it } from "vitest";
import { messagesOf } from "../src/domain/history";
import { listSchedules } from "@mas/core/ports/scheduler";
import { advanceDayByDay, advanceTo, appointment, client, confirm, firedFor, followSchedulerClock, mailTo, withoutDocumentMail } from "./support";

/**
 * The booking workflow across the clock changes (Europe/London): day offsets keep the
 * wall time (a 10:00 appointment's reminder comes at 10:00 the day before, whatever the
 * offset), hour offsets are elapsed time.
 */
const restore = followSchedulerClock();
afterAll(restore);

describe("booking workflow across a clock change", () => {
  it("autumn (BST ends Sunday 25 October 2026): seven mails at the expected London times", async () => {
    await advanceTo("2026-10-16T09:00:00Z");
    const eve = await client({ consent: true, firstName: "Eve" });
    const data = appointment(eve.userId, "2026-10-26T10:00:00Z", { category: "skin-booster", serviceName: "Skin booster", end: "2026-10-26T10:30:00Z" });
    await confirm(data);
    await advanceDayByDay(eve.email, "2026-11-24T00:00:00Z");

    expect(firedFor(`appt-${data.appointmentId}-`)).toEqual([
      ["prep", "Saturday 24 October 2026 10:00"], // BST: 09:00Z
      ["reminder", "Sunday 25 October 2026 10:00"], // GMT: 10:00Z, 25 hours later
      ["checkin", "Monday 26 October 2026 08:00"],
      ["aftercare", "Tuesday 27 October 2026 10:30"],
      ["review", "Monday 2 November 2026 10:30"],
      ["rebook", "Monday 23 November 2026 10:30"], // skin boosters: 4 weeks
    ]);
    const history = withoutDocumentMail((await messagesOf(eve.userId)).items).sort((a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? ""));
    expect(history.map((m) => [m.template, m.status, m.dueAt])).toEqual([
      ["appointment.confirmation", "sent", undefined],
      ["appointment.prep", "sent", "2026-10-24T09:00:00.000Z"],
      ["appointment.reminder", "sent", "2026-10-25T10:00:00.000Z"],
      ["appointment.checkin", "sent", "2026-10-26T08:00:00.000Z"],
      ["appointment.aftercare.skin-booster", "sent", "2026-10-27T10:30:00.000Z"],
      ["appointment.review", "sent", "2026-11-02T10:30:00.000Z"],
      ["appointment.rebook", "sent", "2026-11-23T10:30:00.000Z"],
    ]);
    const mails = await mailTo(eve.email);
    expect(mails).toHaveLength(7);
    expect(mails[0]?.body.text).toContain("Date: Monday 26 October 2026");
    expect(mails[0]?.body.text).toContain("Time: 10:00");
    expect(await listSchedules(`appt-${data.appointmentId}-`)).toEqual([]);
  });

  it("spring (BST starts Sunday 28 March 2027): the reminder on the change day is at 10:00 BST", async () => {
    await advanceTo("2027-03-19T09:00:00Z");
    const finn = await client({ consent: true, firstName: "Finn" });
    const data = appointment(finn.userId, "2027-03-29T09:00:00Z", { category: "other", serviceName: "Consultation" });
    await confirm(data);
    await advanceDayByDay(finn.email, "2027-04-30T00:00:00Z");

    expect(firedFor(`appt-${data.appointmentId}-`)).toEqual([
      ["prep", "Saturday 27 March 2027 10:00"], // GMT: 10:00Z
      ["reminder", "Sunday 28 March 2027 10:00"], // BST: 09:00Z, 23 hours later
      ["checkin", "Monday 29 March 2027 08:00"],
      ["aftercare", "Tuesday 30 March 2027 10:45"],
      ["review", "Monday 5 April 2027 10:45"],
      ["rebook", "Wednesday 28 April 2027 10:45"], // default: 30 days
    ]);
    expect(await mailTo(finn.email)).toHaveLength(7);
  });
});
