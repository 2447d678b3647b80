import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveOwnerAlerts } from "@mas/booking/domain/owner-alerts";
import { Events } from "@mas/core/events/catalogue";
import { publish } from "../../../local/src/publish";
import { platform } from "../../../local/test/harness";
import { signUp, type TestUser } from "../../accounts/test/support";
import { messagesOf } from "../src/domain/history";
import { appointment, followSchedulerClock, mailTo, settleWithTexts, sms } from "./support";

/**
 * The owner's alerts through the local bus, the SES emulator and the SMS twin: a new
 * booking, a cancellation and a booking to review reach her by mail or text as she chose
 * in the clinic settings; a redelivered event sends once; what she turned off, and a
 * cancellation she made herself, send nothing.
 */
const restore = followSchedulerClock();
afterAll(restore);

const OWNER_MOBILE = "+447700900777";
let owner: TestUser;
let client: TestUser;
const textsToOwner = () => sms().texts().filter((t) => t.to === OWNER_MOBILE);
const ownerMail = async (subject: string) => (await mailTo(owner.email)).filter((m) => m.subject.startsWith(subject));
const at = () => ({ occurredAt: platform().scheduler.now() });

beforeAll(async () => {
  owner = await signUp("owner", { firstName: "Olive" });
  client = await signUp("client", { firstName: "Amelia", lastName: "Hart" });
  await saveOwnerAlerts({ mobile: "07700 900777", channels: { newBooking: "email", cancellation: "sms", reviewNeeded: "sms" } }, owner.userId, platform().scheduler.now());
});

describe("owner alerts", () => {
  it("a new booking: one mail to the owner, also when the event is delivered twice", async () => {
    const data = appointment(client.userId, "2026-06-15T09:00:00Z");
    const first = await publish(Events.AppointmentConfirmed, data, at());
    await publish(Events.AppointmentConfirmed, data, { ...at(), id: first.id });
    await settleWithTexts();
    const mails = await ownerMail("New booking:");
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("New booking: Amelia Hart, Monday 15 June 2026");
    expect(mails[0]?.body.text).toContain(`/admin/diary/appointments/${data.appointmentId}`);
    expect(textsToOwner()).toEqual([]);
    const history = (await messagesOf(owner.userId)).items.filter((m) => m.template === "owner.new-booking");
    expect(history.map((m) => [m.status, m.relatedId])).toEqual([["sent", data.appointmentId]]);
  });

  it("a booking she confirmed herself (a desk booking, an approval, a waived deposit): no new-booking alert", async () => {
    const byClinic = { ...appointment(client.userId, "2026-06-22T09:00:00Z"), confirmedBy: "clinic" as const };
    const byClient = { ...appointment(client.userId, "2026-06-23T09:00:00Z"), confirmedBy: "client" as const };
    await publish(Events.AppointmentConfirmed, byClinic, at());
    await publish(Events.AppointmentConfirmed, byClient, at());
    await settleWithTexts();
    const subjects = (await ownerMail("New booking:")).map((m) => m.subject);
    expect(subjects).toContain("New booking: Amelia Hart, Tuesday 23 June 2026");
    expect(subjects).not.toContain("New booking: Amelia Hart, Monday 22 June 2026");
  });

  it("a client's cancellation: one text to her mobile (she chose texts); her own cancellation: none", async () => {
    const data = appointment(client.userId, "2026-06-16T13:00:00Z");
    await publish(Events.AppointmentConfirmed, data, at());
    await settleWithTexts();
    const cancelled = { ...data, cancelledBy: "client" as const, late: false, feeInPence: 0, refundDeposit: true, refundInPence: 5_000 };
    const event = await publish(Events.AppointmentCancelled, cancelled, at());
    await publish(Events.AppointmentCancelled, cancelled, { ...at(), id: event.id });
    await settleWithTexts();
    expect(textsToOwner()).toHaveLength(1);
    expect(textsToOwner()[0]).toMatchObject({ messageType: "TRANSACTIONAL" });
    expect(textsToOwner()[0]?.body).toMatch(new RegExp(`^Cancelled: Amelia Hart, Anti-wrinkle, three areas, Tue 16 Jun at 14:00\\. http\\S+/admin/diary/appointments/${data.appointmentId}$`));

    const byOwner = appointment(client.userId, "2026-06-17T13:00:00Z");
    await publish(Events.AppointmentConfirmed, byOwner, at());
    await settleWithTexts();
    await publish(Events.AppointmentCancelled, { ...byOwner, cancelledBy: "owner", late: false, feeInPence: 0, refundDeposit: true, refundInPence: 5_000 }, at());
    await settleWithTexts();
    expect(textsToOwner()).toHaveLength(1);
  });

  it("a booking to review: a text to the owner; a deposit hold: no alert", async () => {
    const review = { ...appointment(client.userId, "2026-06-18T10:00:00Z"), status: "pending_review" as const, holdExpiresAt: null };
    await publish(Events.AppointmentRequested, review, at());
    const hold = { ...appointment(client.userId, "2026-06-19T10:00:00Z"), status: "pending_deposit" as const, holdExpiresAt: "2026-06-01T12:00:00Z" };
    await publish(Events.AppointmentRequested, hold, at());
    await settleWithTexts();
    const reviews = textsToOwner().filter((t) => t.body.startsWith("To review:"));
    expect(reviews.map((t) => t.body)).toEqual([expect.stringMatching(/^To review: Amelia Hart asked for Anti-wrinkle, three areas, Thu 18 Jun at 11:00\. http\S+$/)]);
    expect(textsToOwner().some((t) => t.body.includes("19 Jun"))).toBe(false);
    expect(platform().bus.deadLetters).toEqual([]);
  });

  it("an alert she turned off sends nothing", async () => {
    await saveOwnerAlerts({ mobile: null, channels: { newBooking: "off", cancellation: "off", reviewNeeded: "email" } }, owner.userId, platform().scheduler.now());
    const before = { mails: (await ownerMail("New booking:")).length, texts: textsToOwner().length };
    await publish(Events.AppointmentConfirmed, appointment(client.userId, "2026-06-22T09:00:00Z"), at());
    await settleWithTexts();
    expect((await ownerMail("New booking:")).length).toBe(before.mails);
    expect(textsToOwner()).toHaveLength(before.texts);
    await publish(Events.AppointmentRequested, { ...appointment(client.userId, "2026-06-23T10:00:00Z"), status: "pending_review", holdExpiresAt: null }, at());
    await settleWithTexts();
    expect(await ownerMail("To review:")).toHaveLength(1);
  });
});
