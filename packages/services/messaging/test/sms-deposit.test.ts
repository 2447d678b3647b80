import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Events } from "@mas/core/events/catalogue";
import { listSchedules } from "@mas/core/ports/scheduler";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { body, book, call, json, seedClinic, useSchedulerClock } from "../../booking/test/support";
import { messagesOf } from "../src/domain/history";
import { advanceToWithTexts, followSchedulerClock, personWithMobile, settleWithTexts, sms } from "./support";

/**
 * The deposit nudge through booking's real routes (a treatment with a deposit is held
 * 15 minutes for it), the local bus, the scheduler's manual clock (from Monday 2026-06-01
 * 09:00Z, 10:00 BST) and the local SMS twin. Tests run in order on one clock.
 */
useSchedulerClock();
const restore = followSchedulerClock();
afterAll(restore);
beforeAll(async () => {
  await seedClinic();
});

const person = (firstName: string, sms: boolean) => personWithMobile(firstName, { sms }, { dateOfBirth: "1990-04-12" });

async function hold(who: Awaited<ReturnType<typeof person>>, start: string) {
  const res = await book(who, "lip-filler-one-ml", start);
  expect(res.status).toBe(201);
  const { appointment } = await body(res);
  expect(appointment.status).toBe("pending_deposit");
  await settleWithTexts();
  return appointment.appointmentId as string;
}

const nudgeSchedule = (appointmentId: string) => platform().scheduler.schedules().find((s) => s.Name === `appt-${appointmentId}-deposit-nudge`);
const textsTo = (phone: string) => sms().texts().filter((t) => t.to === phone);
const textTemplates = async (userId: string) => (await messagesOf(userId)).items.filter((m) => m.channel === "sms").map((m) => m.template);

describe("the deposit nudge", () => {
  it("a booking held for its deposit gets one text 5 minutes before the hold lapses, linking to the pay step", async () => {
    const bea = await person("Bea", true);
    const id = await hold(bea, "2026-06-24T11:00:00+01:00");
    const fireAt = nudgeSchedule(id)?.fireAt;
    expect(fireAt?.toISOString()).toMatch(/^2026-06-01T09:10:0[01]\.000Z$/); // the hold lapses 15 minutes after booking, to the whole second

    await advanceToWithTexts(new Date(fireAt!.getTime() - 1_000));
    expect(textsTo(bea.phone)).toEqual([]);
    await advanceToWithTexts(fireAt!);
    const [nudge] = textsTo(bea.phone);
    expect(nudge).toMatchObject({ messageType: "TRANSACTIONAL" });
    expect(nudge?.body).toBe(`Hi Bea, pay the deposit by 10:15 to keep Lip filler, 1 ml, Wed 24 Jun at 11:00: http://localhost:${new URL(platform().url).port}/book/pay?appointment=${id}`);

    // At-least-once: the schedule firing again sends nothing more.
    await publish(Events.ReminderDue, { workflow: "deposit-nudge", step: "send", subjectId: id, scheduledFor: fireAt!.toISOString() });
    await settleWithTexts();
    expect(textsTo(bea.phone)).toHaveLength(1);
    const history = (await messagesOf(bea.userId)).items.filter((m) => m.channel === "sms");
    expect(history.map((m) => [m.template, m.status, m.dueAt, m.relatedId])).toEqual([["sms.deposit.nudge", "sent", fireAt!.toISOString(), id]]);

    // The hold lapses unpaid: nothing more by text.
    await advanceToWithTexts("2026-06-01T09:30:00Z");
    expect(textsTo(bea.phone)).toHaveLength(1);
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("paid before the nudge: its schedule goes with the confirmation and a late firing sends nothing", async () => {
    const cy = await person("Cy", true);
    const id = await hold(cy, "2026-06-25T11:00:00+01:00");
    const fireAt = nudgeSchedule(id)!.fireAt;
    await publish(Events.PaymentSucceeded, { paymentId: `pay_${id}`, kind: "deposit", subjectId: id, userId: cy.userId, amountInPence: 5_000 });
    await settleWithTexts();
    expect(await listSchedules(`appt-${id}-deposit-nudge`)).toEqual([]);
    await publish(Events.ReminderDue, { workflow: "deposit-nudge", step: "send", subjectId: id, scheduledFor: fireAt.toISOString() });
    await advanceToWithTexts(new Date(fireAt.getTime() + 10 * 60_000));
    expect(await textTemplates(cy.userId)).toEqual(["sms.appointment.confirmation"]);
  });

  it("cancelled before the nudge: no text, no schedule", async () => {
    const dee = await person("Dee", true);
    const id = await hold(dee, "2026-06-26T11:00:00+01:00");
    const fireAt = nudgeSchedule(id)!.fireAt;
    const cancelled = await call(`/appointments/${id}/cancel`, json("POST", { reason: "Changed my mind" }, dee));
    expect(cancelled.status).toBe(200);
    await settleWithTexts();
    expect(await listSchedules(`appt-${id}-deposit-nudge`)).toEqual([]);
    await publish(Events.ReminderDue, { workflow: "deposit-nudge", step: "send", subjectId: id, scheduledFor: fireAt.toISOString() });
    await advanceToWithTexts(new Date(fireAt.getTime() + 10 * 60_000));
    expect((await textTemplates(dee.userId)).filter((t) => t === "sms.deposit.nudge")).toEqual([]);
  });

  it("without SMS consent: no text and no text line in the history", async () => {
    const eli = await person("Eli", false);
    const id = await hold(eli, "2026-06-23T11:00:00+01:00");
    await advanceToWithTexts(new Date(nudgeSchedule(id)!.fireAt.getTime() + 1_000));
    expect(textsTo(eli.phone)).toEqual([]);
    expect(await textTemplates(eli.userId)).toEqual([]);
  });
});
