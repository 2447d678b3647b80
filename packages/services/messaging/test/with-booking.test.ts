import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { saveProfile } from "@mas/booking/domain/client-records";
import { Events } from "@mas/core/events/catalogue";
import { messagesOf } from "../src/domain/history";
import { publish } from "../../../local/src/publish";
import { listSchedules } from "@mas/core/ports/scheduler";
import { platform } from "../../../local/test/harness";
import { body, book, call, client, json, seedClinic, useSchedulerClock } from "../../booking/test/support";
import { advanceTo, followSchedulerClock, mailTo, settle } from "./support";

/**
 * Booking's real routes and events driving messaging: the event schemas agree, and due
 * reminders are judged against booking's own Appointment record.
 */
useSchedulerClock();
const restore = followSchedulerClock();
afterAll(restore);
beforeAll(async () => {
  await seedClinic();
});

const subjects = async (email: string) => (await mailTo(email)).map((m) => m.subject);

describe("messaging with the booking service", () => {
  it("confirm → reschedule → reminder at the new time, through booking's routes", async () => {
    const alice = await client();
    await saveProfile(alice.userId, { consents: { marketingEmail: true } }, platform().scheduler.now());
    const res = await book(alice, "hydrating-facial", "2026-06-11T10:00:00+01:00");
    expect(res.status).toBe(201);
    const { appointment } = await body(res);
    await settle();
    expect(await subjects(alice.email)).toEqual(["Booked: Hydrating facial on Thursday 11 June 2026"]);
    expect(await listSchedules(`appt-${appointment.appointmentId}-`)).toHaveLength(6);

    const moved = await call(`/appointments/${appointment.appointmentId}/reschedule`, json("POST", { start: "2026-06-13T11:00:00+01:00" }, alice));
    expect(moved.status).toBe(200);
    await settle();
    expect((await subjects(alice.email)).at(-1)).toBe("Moved: Hydrating facial is now on Saturday 13 June 2026");
    const reminder = platform().scheduler.schedules().find((s) => s.Name === `appt-${appointment.appointmentId}-reminder`);
    expect(reminder?.fireAt.toISOString()).toBe("2026-06-12T10:00:00.000Z");

    await advanceTo("2026-06-12T12:00:00Z");
    expect((await subjects(alice.email)).slice(2).sort()).toEqual(["Getting ready for your Hydrating facial", "See you tomorrow at 11:00"]);
    expect((await messagesOf(alice.userId)).items.find((m) => m.template === "appointment.reminder")?.dueAt).toBe("2026-06-12T10:00:00.000Z");
  });

  it("deposit paid → receipt and confirmation; cancelled by the client → cancellation, no schedules left", async () => {
    const bea = await client();
    const { appointment } = await body(await book(bea, "lip-filler-one-ml", "2026-06-24T11:00:00+01:00"));
    await settle();
    expect(await subjects(bea.email)).toEqual([]); // a hold is not a booking yet

    await publish(Events.PaymentSucceeded, { paymentId: `pay_${appointment.appointmentId}`, kind: "deposit", subjectId: appointment.appointmentId, userId: bea.userId, amountInPence: 5_000 });
    await settle();
    expect((await subjects(bea.email)).sort()).toEqual(["Booked: Lip filler, 1 ml on Wednesday 24 June 2026", "Receipt: £50.00 paid to Master Aesthetics"]);
    expect(await listSchedules(`appt-${appointment.appointmentId}-`)).toHaveLength(6);

    const cancelled = await call(`/appointments/${appointment.appointmentId}/cancel`, json("POST", { reason: "Travelling" }, bea));
    expect(cancelled.status).toBe(200);
    await settle();
    expect((await subjects(bea.email)).filter((s) => s.startsWith("Cancelled:"))).toEqual(["Cancelled: Lip filler, 1 ml on Wednesday 24 June 2026"]);
    expect(await listSchedules(`appt-${appointment.appointmentId}-`)).toEqual([]);

    const before = (await mailTo(bea.email)).length;
    await advanceTo("2026-08-01T09:00:00Z");
    expect((await mailTo(bea.email)).length - before).toBeLessThanOrEqual(1); // at most the refund receipt from payments
    expect((await subjects(bea.email)).some((s) => /Getting ready|See you|Today at/.test(s))).toBe(false);
  });
});
