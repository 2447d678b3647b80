import { afterAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { messagesOf } from "../src/domain/history";
import { publish } from "../../../local/src/publish";
import { listSchedules } from "@mas/core/ports/scheduler";
import { platform } from "../../../local/test/harness";
import { advanceDayByDay, advanceTo, appointment, client, confirm, firedFor, followSchedulerClock, london, mailTo, settle, withoutDocumentMail } from "./support";

/**
 * The booking workflow through the real local bus, scheduler (manual clock, starting
 * 2026-06-01 09:00Z) and SES emulator. Tests in this file run in order on one clock.
 */
const restore = followSchedulerClock();
afterAll(restore);

const DAY = 86_400_000;

describe("booking workflow", () => {
  it("a booking confirmed 10 days ahead gets exactly the 7 mails, each at its London time", async () => {
    const amelia = await client({ consent: true });
    const data = appointment(amelia.userId, "2026-06-11T09:00:00Z"); // Thursday 10:00 BST
    await confirm(data);

    const [confirmation] = await mailTo(amelia.email);
    expect(confirmation?.subject).toBe("Booked: Anti-wrinkle, three areas on Thursday 11 June 2026");
    expect(confirmation?.body.text).toContain("Time: 10:00");
    const invite = confirmation?.attachments?.[0] as { filename: string; contentType: string; content: string } | undefined;
    expect(invite?.filename).toBe("appointment.ics");
    expect(Buffer.from(invite!.content, "base64").toString()).toContain("DTSTART:20260611T090000Z");
    expect((await listSchedules(`appt-${data.appointmentId}-`)).sort()).toEqual(
      ["aftercare", "checkin", "prep", "rebook", "reminder", "review"].map((s) => `appt-${data.appointmentId}-${s}`),
    );

    const arrivals = await advanceDayByDay(amelia.email, "2026-09-04T00:00:00Z");

    expect(firedFor(`appt-${data.appointmentId}-`)).toEqual([
      ["prep", "Tuesday 9 June 2026 10:00"],
      ["reminder", "Wednesday 10 June 2026 10:00"],
      ["checkin", "Thursday 11 June 2026 08:00"],
      ["aftercare", "Friday 12 June 2026 10:45"],
      ["review", "Thursday 18 June 2026 10:45"],
      ["rebook", "Thursday 3 September 2026 10:45"], // 12 weeks: anti-wrinkle recall
    ]);
    expect(arrivals).toEqual([
      // each line: the day (09:00Z) the clock had just reached when the mail arrived
      { day: "2026-06-09", subject: "Getting ready for your Anti-wrinkle, three areas" },
      { day: "2026-06-10", subject: "See you tomorrow at 10:00" },
      { day: "2026-06-11", subject: "Today at 10:00: Anti-wrinkle, three areas" },
      { day: "2026-06-13", subject: "Looking after your skin after your Anti-wrinkle, three areas" },
      { day: "2026-06-19", subject: "How was your Anti-wrinkle, three areas, Amelia?" },
      { day: "2026-09-04", subject: "Time for your next Anti-wrinkle, three areas?" },
    ]);
    expect(await mailTo(amelia.email)).toHaveLength(7);
    expect(await listSchedules(`appt-${data.appointmentId}-`)).toEqual([]);

    const history = withoutDocumentMail((await messagesOf(amelia.userId)).items).sort((a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? ""));
    expect(history.map((m) => [m.template, m.status, m.dueAt && london(m.dueAt)])).toEqual([
      ["appointment.confirmation", "sent", undefined],
      ["appointment.prep", "sent", "Tuesday 9 June 2026 10:00"],
      ["appointment.reminder", "sent", "Wednesday 10 June 2026 10:00"],
      ["appointment.checkin", "sent", "Thursday 11 June 2026 08:00"],
      ["appointment.aftercare.anti-wrinkle", "sent", "Friday 12 June 2026 10:45"],
      ["appointment.review", "sent", "Thursday 18 June 2026 10:45"],
      ["appointment.rebook", "sent", "Thursday 3 September 2026 10:45"],
    ]);
    expect(history.every((m) => m.sesMessageId?.startsWith("ses-"))).toBe(true);
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("a client without marketing consent gets the 5 service mails; review and rebook are suppressed", async () => {
    const now = platform().scheduler.now(); // 2026-09-04
    const start = new Date(now.getTime() + 10 * DAY).toISOString();
    const noah = await client({ consent: false, firstName: "Noah" });
    const data = appointment(noah.userId, start, { category: "facial", serviceName: "Signature facial" });
    await confirm(data);
    await advanceDayByDay(noah.email, new Date(Date.parse(start) + 40 * DAY).toISOString());

    expect((await mailTo(noah.email)).map((m) => m.subject.split(" ")[0])).toEqual(["Booked:", "Getting", "See", "Today", "Looking"]);
    const suppressed = (await messagesOf(noah.userId)).items.filter((m) => m.status === "suppressed");
    expect(suppressed.map((m) => [m.template, m.reason]).sort()).toEqual([
      ["appointment.rebook", "no_consent"],
      ["appointment.review", "no_consent"],
    ]);
  });

  it("a booking cancelled midway sends the cancellation, then nothing, and leaves no schedules", async () => {
    const now = platform().scheduler.now();
    const start = new Date(now.getTime() + 10 * DAY).toISOString();
    const olivia = await client({ consent: true, firstName: "Olivia" });
    const data = appointment(olivia.userId, start);
    await confirm(data);
    await advanceTo(new Date(Date.parse(start) - 1.5 * DAY)); // after the prep mail, before the reminder
    expect((await mailTo(olivia.email)).map((m) => m.subject.split(" ")[0])).toEqual(["Booked:", "Getting"]);

    await publish(Events.AppointmentCancelled, { ...data, cancelledBy: "client", late: false, feeInPence: 0, refundDeposit: true, refundInPence: 5_000 }, { occurredAt: platform().scheduler.now() });
    await settle();
    expect(await listSchedules(`appt-${data.appointmentId}-`)).toEqual([]);
    const cancellation = (await mailTo(olivia.email)).at(-1);
    expect(cancellation?.subject).toMatch(/^Cancelled: Anti-wrinkle, three areas on /);
    const ics = Buffer.from((cancellation?.attachments?.[0] as { content: string }).content, "base64").toString();
    expect(ics).toContain("METHOD:CANCEL");

    await advanceDayByDay(olivia.email, new Date(Date.parse(start) + 120 * DAY).toISOString());
    expect(await mailTo(olivia.email)).toHaveLength(3);
    expect(platform().scheduler.fired.filter((f) => f.name.startsWith(`appt-${data.appointmentId}-`)).map((f) => f.name)).toEqual([`appt-${data.appointmentId}-prep`]);
  });

  it("a rescheduled booking replaces its schedules: reminders follow the new time, and a stale reminder is not sent", async () => {
    const now = platform().scheduler.now();
    const start = new Date(now.getTime() + 10 * DAY).toISOString();
    const later = new Date(Date.parse(start) + 3 * DAY).toISOString();
    const priya = await client({ consent: true, firstName: "Priya" });
    const data = appointment(priya.userId, start);
    await confirm(data);
    const before = platform().scheduler.schedules().find((s) => s.Name === `appt-${data.appointmentId}-reminder`);

    await publish(Events.AppointmentRescheduled, { ...data, start: later, end: new Date(Date.parse(later) + 45 * 60_000).toISOString(), previousStart: data.start, previousEnd: data.end }, { occurredAt: platform().scheduler.now() });
    await settle();
    const after = platform().scheduler.schedules().find((s) => s.Name === `appt-${data.appointmentId}-reminder`);
    expect(after?.fireAt.getTime()! - before!.fireAt.getTime()).toBe(3 * DAY);
    expect((await mailTo(priya.email)).at(-1)?.subject).toMatch(/^Moved: Anti-wrinkle, three areas is now on /);

    // A reminder.due for the old time (a schedule that escaped deletion) is checked and dropped.
    await publish(Events.ReminderDue, { workflow: "appointment", step: "reminder", subjectId: data.appointmentId, scheduledFor: before!.fireAt.toISOString() });
    await settle();
    expect(await mailTo(priya.email)).toHaveLength(2);

    await advanceTo(new Date(Date.parse(later) - 0.5 * DAY));
    const subjects = (await mailTo(priya.email)).map((m) => m.subject.split(" ")[0]);
    expect(subjects.slice(0, 2)).toEqual(["Booked:", "Moved:"]);
    expect(subjects.slice(2).sort()).toEqual(["Getting", "See"]); // both fell due in this one advance
    const reminder = (await messagesOf(priya.userId)).items.find((m) => m.template === "appointment.reminder");
    expect(reminder?.dueAt).toBe(after!.fireAt.toISOString());
  });

  it("a booking confirmed a day ahead skips the steps already past", async () => {
    const now = platform().scheduler.now();
    const start = new Date(now.getTime() + 30 * 3_600_000).toISOString();
    const data = appointment((await client()).userId, start);
    await confirm(data);
    expect((await listSchedules(`appt-${data.appointmentId}-`)).map((n) => n.split("-").at(-1)).sort()).toEqual(["aftercare", "checkin", "rebook", "reminder", "review"]);
  });

  it("delivers once when the same event arrives twice, one after the other or at the same time", async () => {
    const now = platform().scheduler.now();
    const sam = await client({ firstName: "Sam" });
    const data = appointment(sam.userId, new Date(now.getTime() + 10 * DAY).toISOString());
    const id = `evt-${data.appointmentId}`;
    await confirm(data, { id });
    await confirm(data, { id });
    await Promise.all([confirm(data, { id }), confirm(data, { id })]);
    expect(await mailTo(sam.email)).toHaveLength(1);

    const other = appointment(sam.userId, new Date(now.getTime() + 12 * DAY).toISOString());
    const otherId = `evt-${other.appointmentId}`;
    await Promise.all([1, 2, 3].map(() => publish(Events.AppointmentConfirmed, other, { id: otherId, occurredAt: now })));
    await settle();
    expect(await mailTo(sam.email)).toHaveLength(2);
    expect((await messagesOf(sam.userId)).items.filter((m) => m.template === "appointment.confirmation")).toHaveLength(2);
  });

  it("escapes hostile event data in the mail it sends", async () => {
    const now = platform().scheduler.now();
    const zed = await client({ firstName: "Zed" });
    const data = appointment(zed.userId, new Date(now.getTime() + 5 * DAY).toISOString(), { serviceName: `<script>alert("x")</script>"><img src=x onerror=alert(1)>` });
    await confirm(data);
    const [mail] = await mailTo(zed.email);
    expect(mail?.body.html).not.toMatch(/<script|<img/i);
    expect(mail?.body.html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
    expect(mail?.body.text).toContain('<script>alert("x")</script>');
  });
});
