import { randomUUID } from "node:crypto";
import { saveProfile } from "@mas/booking/domain/client-records";
import { Events, type EventData } from "@mas/core/events/catalogue";
import { clock } from "@mas/core/shared/clock";
import { formatLondonDate, formatLondonTime } from "../src/domain/render";
import { refreshMember } from "../src/domain/audience-projection";
import { publish } from "../../../local/src/publish";
import { platform, sentMail } from "../../../local/test/harness";
import { signUp, type TestUser } from "../../accounts/test/support";

/**
 * Flow-test helpers: messaging's clock follows the local scheduler's manual clock, mail is
 * read from the SES emulator filtered by recipient (other test files share the emulator),
 * and time moves only through the scheduler, like in production.
 */
export function followSchedulerClock(): () => void {
  return clock.use(() => platform().scheduler.now());
}

export type Mail = Awaited<ReturnType<typeof sentMail>>[number];

/**
 * Mail to one person from the workflow under test. A confirmed appointment also makes
 * documents issue a consent form, whose "Please sign" mail is documents' workflow (tested
 * there), not these: it is left out (unless asked for) so the counts here are about one workflow.
 */
export async function mailTo(email: string, options: { documents?: boolean } = {}): Promise<Mail[]> {
  return (await sentMail()).filter(
    (mail) => mail.destination.to.some((to) => to.toLowerCase().includes(email.toLowerCase())) && (options.documents || !mail.subject.startsWith("Please sign:")),
  );
}

/** A person's message history without documents' consent-form mail (see mailTo). */
export const withoutDocumentMail = <T extends { template: string }>(messages: T[]) => messages.filter((m) => !m.template.startsWith("document."));

export async function settle(): Promise<void> {
  await platform().bus.idle();
}

export async function advanceTo(date: Date | string): Promise<void> {
  await platform().scheduler.advanceTo(new Date(date));
  await settle();
}

/** The local SMS twin (End User Messaging's stand-in): the texts sent, replies, opt-outs. */
export const sms = () => platform().sms;

/**
 * settle() for tests that send texts: waits for the SMS twin's delivery notifications and the
 * bus in turn, three rounds, as each may set off the other.
 */
export async function settleWithTexts(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await sms().idle();
    await platform().bus.idle();
  }
}

/** advanceTo() for tests that send texts (see settleWithTexts). */
export async function advanceToWithTexts(date: Date | string): Promise<void> {
  await platform().scheduler.advanceTo(new Date(date));
  await settleWithTexts();
}

let mobiles = 100;

/** The next mobile number from Ofcom's drama range (07700 900100, 07700 900101, …), unique within a test file. */
export const nextMobile = () => `07700 900${mobiles++}`;

/** A UK mobile number as texts are addressed to it: "07700 900100" → "+447700900100". */
export const e164 = (mobile: string) => `+44${mobile.replace(/\s/g, "").slice(1)}`;

/**
 * A person who can be texted: an account (a client unless `role` says otherwise) with the next
 * mobile number (`mobile: null` for none), and the consents named saved through booking, as
 * the portal saves them. `phone` is their number as texts are addressed to it ("" for none).
 */
export async function personWithMobile(
  firstName: string,
  consents: { sms?: boolean; marketingSms?: boolean; smsTwoHour?: boolean } = {},
  options: { role?: "client" | "student"; mobile?: string | null; dateOfBirth?: string } = {},
): Promise<TestUser & { phone: string }> {
  const mobile = options.mobile === undefined ? nextMobile() : options.mobile;
  const user = await signUp(options.role ?? "client", { firstName, phone: mobile ?? undefined, dateOfBirth: options.dateOfBirth });
  if (Object.keys(consents).length) await saveProfile(user.userId, { consents }, platform().scheduler.now());
  return { ...user, phone: mobile ? e164(mobile) : "" };
}

/** "Tuesday 9 June 2026 10:00" on the London wall clock. */
export function london(instant: Date | string): string {
  return `${formatLondonDate(instant)} ${formatLondonTime(instant)}`;
}

/**
 * A person as the clinic would have them: the account (made directly, as the seed does, so
 * no welcome mail), the marketing audience's member built from the sources as the backfill
 * does, and consents saved through booking (whose event updates the member).
 */
export async function client(
  options: { consent?: boolean; sms?: boolean; marketingSms?: boolean; phone?: string; firstName?: string; roles?: ("client" | "student" | "owner")[] } = {},
): Promise<TestUser> {
  const user = await signUp(options.roles ?? "client", { firstName: options.firstName ?? "Amelia", phone: options.phone });
  await refreshMember(user.userId, platform().scheduler.now().toISOString());
  const consents = { marketingEmail: options.consent, sms: options.sms, marketingSms: options.marketingSms };
  if (Object.values(consents).some((c) => c !== undefined)) await saveProfile(user.userId, { consents }, platform().scheduler.now());
  await settle();
  return user;
}

export function appointment(clientId: string, start: string, overrides: Partial<EventData<"appointment.confirmed">> = {}): EventData<"appointment.confirmed"> {
  return {
    appointmentId: randomUUID(),
    clientId,
    serviceId: "svc-1",
    serviceSlug: "anti-wrinkle-three-areas",
    serviceName: "Anti-wrinkle, three areas",
    category: "anti-wrinkle",
    start,
    end: new Date(Date.parse(start) + 45 * 60_000).toISOString(),
    priceInPence: 25_000,
    depositInPence: 5_000,
    ...overrides,
  };
}

export async function confirm(data: EventData<"appointment.confirmed">, options: { id?: string } = {}) {
  const published = await publish(Events.AppointmentConfirmed, data, { ...options, occurredAt: platform().scheduler.now() });
  await settle();
  return published;
}

const DAY = 86_400_000;

/** Advances one day at a time up to a day past `until`, noting on which day each new mail arrived. */
export async function advanceDayByDay(email: string, until: string): Promise<{ day: string; subject: string }[]> {
  const arrivals: { day: string; subject: string }[] = [];
  let seen = (await mailTo(email)).length;
  for (let t = platform().scheduler.now().getTime() + DAY; t <= Date.parse(until) + DAY; t += DAY) {
    await advanceTo(new Date(t));
    const mails = await mailTo(email);
    for (const mail of mails.slice(seen)) arrivals.push({ day: new Date(t).toISOString().slice(0, 10), subject: mail.subject });
    seen = mails.length;
  }
  return arrivals;
}

/** [step, London time it fired] for an appointment's (or enrollment's) schedules. */
export function firedFor(prefix: string): [string, string][] {
  return platform()
    .scheduler.fired.filter((f) => f.name.startsWith(prefix))
    .map((f) => [f.name.slice(prefix.length), london(f.at)]);
}
