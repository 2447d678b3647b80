import { afterAll, describe, expect, it } from "vitest";
import { profileOf } from "@mas/booking/read";
import { saveBusinessProfile } from "@mas/booking/domain/business-profile";
import { saveProfile } from "@mas/booking/domain/client-records";
import { Events } from "@mas/core/events/catalogue";
import { cancelSchedule, listSchedules } from "@mas/core/ports/scheduler";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { signUp } from "../../accounts/test/support";
import { app } from "../src/app";
import { messagesOf } from "../src/domain/history";
import { countSegments } from "../src/domain/sms/segments";
import { advanceToWithTexts, appointment, confirm, followSchedulerClock, london, personWithMobile, settleWithTexts, sms } from "./support";

/**
 * Texts through the local End User Messaging SMS twin (the real SDK's SendTextMessage),
 * the local bus and the scheduler's manual clock (from 2026-06-01 09:00Z). Tests run in
 * order on one clock. Consents are booking's, set as the portal sets them.
 */
const restore = followSchedulerClock();
afterAll(restore);

const textsTo = (phone: string) => sms().texts().filter((t) => t.to === phone);
const textHistory = async (userId: string) => (await messagesOf(userId)).items.filter((m) => m.channel === "sms").sort((a, b) => a.createdAt.localeCompare(b.createdAt));

describe("texts", () => {
  it("a client with SMS consent gets the confirmation now and the 24-hour reminder on time; one without consent gets none", async () => {
    const amelia = await personWithMobile("Amelia", { sms: true });
    const noah = await personWithMobile("Noah");
    const withdrawn = await personWithMobile("Wren", { sms: false });
    const noPhone = await personWithMobile("Nia", { sms: true }, { mobile: null });
    const data = appointment(amelia.userId, "2026-06-11T09:00:00Z"); // Thursday 10:00 BST
    await confirm(data);
    for (const other of [noah, withdrawn, noPhone]) await confirm(appointment(other.userId, "2026-06-11T09:00:00Z"));
    await settleWithTexts();

    const [confirmation] = textsTo(amelia.phone);
    expect(confirmation).toMatchObject({ from: "MasterAesth", messageType: "TRANSACTIONAL", configurationSet: "mas-local-sms" });
    expect(confirmation?.body).toBe(`Hi Amelia, booked: Anti-wrinkle, three areas, Thu 11 Jun at 10:00. Manage: http://localhost:${new URL(platform().url).port}/account/appointments/${data.appointmentId}`);

    await advanceToWithTexts("2026-06-10T08:59:00Z");
    expect(textsTo(amelia.phone)).toHaveLength(1);
    await advanceToWithTexts("2026-06-10T09:00:01Z");
    const reminder = textsTo(amelia.phone)[1];
    expect(reminder?.body).toMatch(/^Reminder: Anti-wrinkle, three areas tomorrow, Thu 11 Jun at 10:00\. Manage: http/);
    expect(london(reminder!.at)).toBe("Wednesday 10 June 2026 10:00");

    const history = await textHistory(amelia.userId);
    // Segments and cost (4p a segment) as counted from what the twin received.
    const cost = (body: string) => [countSegments(body).segments, 4 * countSegments(body).segments];
    expect(history.map((m) => [m.template, m.status, m.deliveryStatus, m.encoding, m.segments, m.costInPence])).toEqual([
      ["sms.appointment.confirmation", "sent", "delivered", "GSM-7", ...cost(confirmation!.body)],
      ["sms.appointment.reminder", "sent", "delivered", "GSM-7", ...cost(reminder!.body)],
    ]);
    expect(history.map((m) => m.smsMessageId)).toEqual([confirmation?.messageId, reminder?.messageId]);
    expect(history[1]?.dueAt).toBe("2026-06-10T09:00:00.000Z");

    // Without consent (never given, withdrawn) or a mobile number: no text, and no text lines in their history.
    for (const other of [noah, withdrawn, noPhone]) {
      if (other.phone) expect(textsTo(other.phone)).toEqual([]);
      expect(await textHistory(other.userId)).toEqual([]);
      expect((await messagesOf(other.userId)).items.map((m) => m.template)).toContain("appointment.reminder");
    }
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("counts an emoji's segments: the text goes as UCS-2 and its cost is recorded", async () => {
    const zoe = await personWithMobile("Zoe 🌸", { sms: true });
    await confirm(appointment(zoe.userId, "2026-06-12T13:00:00Z"));
    await settleWithTexts();
    const [text] = textsTo(zoe.phone);
    expect(text?.body).toContain("Hi Zoe 🌸, booked:");
    const count = countSegments(text!.body);
    // One emoji makes the whole text UCS-2 (67 units a segment once split, the emoji two of them).
    expect(count).toEqual({ encoding: "UCS-2", units: text!.body.length, segments: Math.ceil(text!.body.length / 67) });
    const [entry] = await textHistory(zoe.userId);
    expect(entry).toMatchObject({ status: "sent", encoding: "UCS-2", segments: count.segments, costInPence: 4 * count.segments, body: text!.body });
    const withoutEmoji = countSegments(text!.body.replace(" 🌸", ""));
    expect(withoutEmoji.encoding).toBe("GSM-7");
    expect(withoutEmoji.segments).toBeLessThan(count.segments);
  });

  it("a cancelled booking's reminder text never sends", async () => {
    const olivia = await personWithMobile("Olivia", { sms: true });
    const data = appointment(olivia.userId, "2026-06-20T09:00:00Z");
    await confirm(data);
    await advanceToWithTexts("2026-06-15T09:00:00Z");
    await publish(Events.AppointmentCancelled, { ...data, cancelledBy: "client", late: false, feeInPence: 0, refundDeposit: true, refundInPence: 5_000 }, { occurredAt: platform().scheduler.now() });
    await settleWithTexts();
    expect(await listSchedules(`appt-${data.appointmentId}-`)).toEqual([]);
    // A reminder.due that escaped deletion is checked against the appointment and dropped.
    await publish(Events.ReminderDue, { workflow: "appointment", step: "reminder", subjectId: data.appointmentId, scheduledFor: "2026-06-19T09:00:00.000Z" });
    await advanceToWithTexts("2026-06-21T09:00:00Z");

    expect(textsTo(olivia.phone)).toHaveLength(2);
    expect((await textHistory(olivia.userId)).map((m) => m.template)).toEqual(["sms.appointment.confirmation", "sms.appointment.cancelled"]);
    expect(textsTo(olivia.phone)[1]?.body).toMatch(/^Hi Olivia, cancelled: Anti-wrinkle, three areas, Sat 20 Jun at 10:00\. Book again: http/);
  });

  it("STOP withdraws the SMS consents and updates the opt-out list; the next marketing text is not sent", async () => {
    const priya = await personWithMobile("Priya", { sms: true, marketingSms: true });
    const data = appointment(priya.userId, "2026-06-25T09:00:00Z", { category: "facial", serviceName: "Signature facial" }); // rebook 4 weeks after
    await confirm(data);
    await settleWithTexts();
    expect(textsTo(priya.phone)).toHaveLength(1);

    await sms().reply(priya.phone, "Stop");
    await settleWithTexts();
    expect(sms().optedOut()).toContain(priya.phone);
    const { consents } = await profileOf(priya.userId);
    expect(consents.sms).toEqual({ granted: false, at: platform().scheduler.now().toISOString() });
    expect(consents.marketingSms?.granted).toBe(false);
    const optOut = platform().bus.published.find((e) => e["detail-type"] === "sms.opted_out" && JSON.stringify(e.detail).includes(priya.phone));
    expect((optOut?.detail as { data: unknown }).data).toMatchObject({ phone: priya.phone, userIds: [priya.userId], keyword: "STOP" });

    // A second STOP changes nothing (no second event).
    await sms().reply(priya.phone, "STOP");
    await settleWithTexts();
    expect(platform().bus.published.filter((e) => e["detail-type"] === "sms.opted_out" && JSON.stringify(e.detail).includes(priya.phone))).toHaveLength(1);

    await advanceToWithTexts("2026-07-24T09:00:00Z"); // past the reminder (24 Jun) and the rebooking offer (23 Jul 10:45 BST)
    expect(textsTo(priya.phone)).toHaveLength(1);
    const history = await textHistory(priya.userId);
    // The reminder and the rebooking offer fell due (their mails went) but no text did.
    expect(history.map((m) => [m.template, m.status])).toEqual([["sms.appointment.confirmation", "sent"]]);
    expect((await messagesOf(priya.userId)).items.map((m) => m.template)).toEqual(expect.arrayContaining(["appointment.reminder", "appointment.rebook"]));

    // Turning texts back on in the portal (a consent newer than the STOP) takes the number off the list.
    await saveProfile(priya.userId, { consents: { sms: true } }, platform().scheduler.now());
    await confirm(appointment(priya.userId, "2026-08-05T09:00:00Z"));
    await settleWithTexts();
    expect(sms().optedOut()).not.toContain(priya.phone);
    expect(textsTo(priya.phone)).toHaveLength(2);
  });

  it("START re-subscribes a number that sent STOP: off the opt-out list, appointment texts back on (offers stay off), once", async () => {
    const quinn = await personWithMobile("Quinn", { sms: true, marketingSms: true });
    await confirm(appointment(quinn.userId, "2026-08-20T09:00:00Z"));
    await sms().reply(quinn.phone, "STOP");
    await settleWithTexts();
    expect((await profileOf(quinn.userId)).consents.sms?.granted).toBe(false);

    await platform().scheduler.advanceBy(60_000);
    await sms().reply(quinn.phone, "start");
    await settleWithTexts();
    expect(sms().optedOut()).not.toContain(quinn.phone);
    const { consents } = await profileOf(quinn.userId);
    expect(consents.sms).toEqual({ granted: true, at: platform().scheduler.now().toISOString() });
    expect(consents.marketingSms?.granted).toBe(false);
    const optIns = () => platform().bus.published.filter((e) => e["detail-type"] === "sms.opted_in" && JSON.stringify(e.detail).includes(quinn.phone));
    expect(optIns()).toHaveLength(1);
    expect((optIns()[0]?.detail as { data: unknown }).data).toMatchObject({ phone: quinn.phone, userIds: [quinn.userId], keyword: "START" });

    // A second START (or one from a number that never opted out) changes nothing.
    await sms().reply(quinn.phone, "START");
    await settleWithTexts();
    expect(optIns()).toHaveLength(1);

    // Texts flow again: the next booking's confirmation goes.
    await confirm(appointment(quinn.userId, "2026-08-27T09:00:00Z"));
    await settleWithTexts();
    expect(textsTo(quinn.phone).filter((t) => t.body.includes("booked:"))).toHaveLength(2);
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("a marketing text due after 20:00 waits for 09:00 London time, across the October clock change", async () => {
    const hana = await personWithMobile("Hana", { sms: true, marketingSms: true });
    // Ends Saturday 26 September 20:30 BST; the facial's rebooking offer falls 4 weeks later,
    // Saturday 24 October 20:30 BST — in quiet hours, the night the clocks go back.
    const data = appointment(hana.userId, "2026-09-26T18:45:00Z", { category: "facial", serviceName: "Signature facial", end: "2026-09-26T19:30:00Z" });
    await confirm(data);
    await advanceToWithTexts("2026-10-24T19:30:01Z");
    const rebook = (await textHistory(hana.userId)).find((m) => m.template === "sms.appointment.rebook");
    expect(rebook).toMatchObject({ status: "deferred", reason: "quiet_hours", dueAt: "2026-10-24T19:30:00.000Z", sendAfter: "2026-10-25T09:00:00.000Z" });
    expect(london(rebook!.sendAfter!)).toBe("Sunday 25 October 2026 09:00"); // GMT again: 09:00Z, not 08:00Z
    const before = textsTo(hana.phone).length;

    await advanceToWithTexts("2026-10-25T08:30:00Z"); // 08:30 GMT (it would be 09:30 had the clocks not gone back)
    expect(textsTo(hana.phone)).toHaveLength(before);
    await advanceToWithTexts("2026-10-25T09:00:00Z");
    const sent = textsTo(hana.phone).at(-1);
    expect(sent).toMatchObject({ messageType: "PROMOTIONAL", at: "2026-10-25T09:00:00.000Z" });
    expect(sent?.body).toMatch(/^Master Aesthetics: time for your next Signature facial, Hana\? Book: http\S+ Reply STOP to opt out$/);
    expect((await textHistory(hana.userId)).find((m) => m.template === "sms.appointment.rebook")).toMatchObject({ status: "sent", deliveryStatus: "delivered" });

    // The schedule firing again (at-least-once) sends nothing more.
    await publish(Events.ReminderDue, { workflow: "sms", step: "send", subjectId: rebook!.messageId, scheduledFor: rebook!.sendAfter! });
    await settleWithTexts();
    expect(textsTo(hana.phone).at(-1)?.messageId).toBe(sent?.messageId);
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("the 2-hour text goes on the day at the moved time, once; none for a booking made less than 2 hours ahead", async () => {
    const ivy = await personWithMobile("Ivy", { sms: true, smsTwoHour: true });
    const data = appointment(ivy.userId, "2026-11-10T14:00:00Z"); // Tuesday 14:00 GMT
    await confirm(data);
    await advanceToWithTexts("2026-11-09T12:00:00Z");
    const moved = { ...data, start: "2026-11-10T16:00:00.000Z", end: "2026-11-10T16:45:00.000Z", previousStart: data.start, previousEnd: data.end };
    await publish(Events.AppointmentRescheduled, moved, { occurredAt: platform().scheduler.now() });
    await settleWithTexts();
    const today = () => textsTo(ivy.phone).filter((t) => t.body.includes("see you today"));

    await advanceToWithTexts("2026-11-10T12:00:01Z"); // the old 2-hour time: nothing
    expect(today()).toEqual([]);
    await advanceToWithTexts("2026-11-10T13:59:59Z");
    expect(today()).toEqual([]);
    await advanceToWithTexts("2026-11-10T14:00:00Z");
    expect(today()).toHaveLength(1);
    expect(today()[0]).toMatchObject({ messageType: "TRANSACTIONAL", at: "2026-11-10T14:00:00.000Z" });
    expect(today()[0]?.body).toBe(`Hi Ivy, see you today at 16:00 for Anti-wrinkle, three areas. Manage: http://localhost:${new URL(platform().url).port}/account/appointments/${data.appointmentId}`);

    // The schedule firing again (at-least-once), or the old time's firing arriving late, sends nothing more.
    await publish(Events.ReminderDue, { workflow: "appointment", step: "checkin", subjectId: data.appointmentId, scheduledFor: "2026-11-10T14:00:00.000Z" });
    await publish(Events.ReminderDue, { workflow: "appointment", step: "checkin", subjectId: data.appointmentId, scheduledFor: "2026-11-10T12:00:00.000Z" });
    await settleWithTexts();
    expect(today()).toHaveLength(1);
    const history = await textHistory(ivy.userId);
    expect(history.filter((m) => m.template === "sms.appointment.checkin").map((m) => [m.status, m.dueAt])).toEqual([["sent", "2026-11-10T14:00:00.000Z"]]);

    // Booked at 14:00 for 15:30: the confirmation, but no 2-hour text (its time has passed).
    const soon = appointment(ivy.userId, "2026-11-10T15:30:00Z");
    await confirm(soon);
    expect(await listSchedules(`appt-${soon.appointmentId}-checkin`)).toEqual([]);
    await advanceToWithTexts("2026-11-10T17:00:00Z");
    expect(today()).toHaveLength(1);
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("the 2-hour text only for a client who chose it: texts on alone bring the 24-hour reminder, not the 2-hour text", async () => {
    const lena = await personWithMobile("Lena", { sms: true });
    const mo = await personWithMobile("Mo", { sms: true, smsTwoHour: true });
    const forLena = appointment(lena.userId, "2026-11-12T11:00:00Z");
    const forMo = appointment(mo.userId, "2026-11-12T11:00:00Z");
    await confirm(forLena);
    await confirm(forMo);
    await advanceToWithTexts("2026-11-12T10:00:00Z");
    const kinds = async (userId: string) => (await textHistory(userId)).map((m) => m.template);
    expect(await kinds(lena.userId)).toEqual(["sms.appointment.confirmation", "sms.appointment.reminder"]);
    expect(await kinds(mo.userId)).toEqual(["sms.appointment.confirmation", "sms.appointment.reminder", "sms.appointment.checkin"]);
    // Lena's mail still goes; her history has no "not sent" text line for a text she never chose.
    expect((await messagesOf(lena.userId)).items.map((m) => m.template)).toContain("appointment.checkin");

    // Choosing it in the portal later counts for the next booking's 2-hour text.
    await saveProfile(lena.userId, { consents: { smsTwoHour: true } }, platform().scheduler.now());
    await confirm(appointment(lena.userId, "2026-11-13T11:00:00Z"));
    await advanceToWithTexts("2026-11-13T09:00:00Z");
    expect((await kinds(lena.userId)).filter((k) => k === "sms.appointment.checkin")).toHaveLength(1);
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("a reminder that fires too late is skipped, mail and text: the 24-hour one with 2 hours or less left, the 2-hour one once the visit has started", async () => {
    const nell = await personWithMobile("Nell", { sms: true, smsTwoHour: true });
    const data = appointment(nell.userId, "2026-11-16T10:00:00Z"); // Monday 10:00 GMT
    await confirm(data);
    // Both schedules are lost (say a scheduler outage) and their firings arrive late.
    await cancelSchedule(`appt-${data.appointmentId}-reminder`);
    await cancelSchedule(`appt-${data.appointmentId}-checkin`);
    await advanceToWithTexts("2026-11-16T08:30:00Z"); // 1 h 30 before the start
    await publish(Events.ReminderDue, { workflow: "appointment", step: "reminder", subjectId: data.appointmentId, scheduledFor: "2026-11-15T10:00:00.000Z" });
    await settleWithTexts();
    await advanceToWithTexts("2026-11-16T10:05:00Z"); // the visit has started
    await publish(Events.ReminderDue, { workflow: "appointment", step: "checkin", subjectId: data.appointmentId, scheduledFor: "2026-11-16T08:00:00.000Z" });
    await settleWithTexts();
    expect((await textHistory(nell.userId)).map((m) => m.template)).toEqual(["sms.appointment.confirmation"]);
    const mails = (await messagesOf(nell.userId)).items.map((m) => m.template);
    expect(mails).toContain("appointment.prep"); // on time, two days before
    expect(mails).not.toContain("appointment.reminder");
    expect(mails).not.toContain("appointment.checkin");
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("a cancelled booking gets no 2-hour text", async () => {
    const jude = await personWithMobile("Jude", { sms: true });
    const data = appointment(jude.userId, "2026-11-20T10:00:00Z");
    await confirm(data);
    await advanceToWithTexts("2026-11-20T07:00:00Z");
    await publish(Events.AppointmentCancelled, { ...data, cancelledBy: "client", late: true, feeInPence: 5_000, refundDeposit: false, refundInPence: 0 }, { occurredAt: platform().scheduler.now() });
    await settleWithTexts();
    await publish(Events.ReminderDue, { workflow: "appointment", step: "checkin", subjectId: data.appointmentId, scheduledFor: "2026-11-20T08:00:00.000Z" });
    await advanceToWithTexts("2026-11-20T11:00:00Z");
    expect((await textHistory(jude.userId)).map((m) => m.template)).toEqual(["sms.appointment.confirmation", "sms.appointment.reminder", "sms.appointment.cancelled"]);
  });

  it("texts name the clinic as the owner saved it in the business profile, not the deployment's default", async () => {
    await saveBusinessProfile({ name: "Bath Skin Studio", address: "1 Milsom Street, Bath BA1 1BZ", phone: "01225 111 222", email: "hello@bathskin.example" }, "owner", platform().scheduler.now());
    const kai = await personWithMobile("Kai", { sms: true, marketingSms: true, smsTwoHour: true });
    // A facial ending Tuesday 1 December 10:45 GMT: its rebooking offer is due four weeks later, 29 December 10:45.
    await confirm(appointment(kai.userId, "2026-12-01T10:00:00Z", { category: "facial", serviceName: "Signature facial" }));
    await advanceToWithTexts("2026-12-29T10:45:00Z");
    const rebook = textsTo(kai.phone).find((t) => t.messageType === "PROMOTIONAL");
    expect(rebook?.at).toBe("2026-12-29T10:45:00.000Z");
    expect(rebook?.body).toMatch(/^Bath Skin Studio: time for your next Signature facial, Kai\? Book: http\S+ Reply STOP to opt out$/);
  });

  it("the owner's text cost report adds up the month's texts as the history recorded them", async () => {
    const owner = await signUp("owner", { firstName: "Olive" });
    const res = await app.request("/api/messaging/admin/sms/report?month=2026-12", { headers: owner.headers });
    expect(res.status).toBe(200);
    const { report } = (await res.json()) as { report: { sent: number; segments: number; costInPence: number; byKind: { kind: string; sent: number }[] } };
    // December's texts in this file are Kai's: his 2-hour text (1 December) and rebooking offer (29 December); his reminder went on 30 November.
    const kai = sms().texts().filter((t) => t.at.startsWith("2026-12"));
    expect(report).toMatchObject({ month: "2026-12", sent: kai.length, segments: kai.reduce((n, t) => n + countSegments(t.body).segments, 0) });
    expect(report.costInPence).toBe(4 * report.segments);
    expect(report.byKind.map((line) => [line.kind, line.sent]).sort()).toEqual([["appointment.checkin", 1], ["appointment.rebook", 1]]);
    expect(kai).toHaveLength(2);
  });
});
