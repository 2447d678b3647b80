import { describe, expect, it } from "vitest";
import { textDecision, optInKeyword, optOutKeyword, type ConsentState } from "./consent";
import { ukMobileE164 } from "./numbers";
import { marketingSendTime } from "./quiet-hours";
import { costInPence, countSegments } from "./segments";
import { appointmentStepDecision } from "../relevance";
import { appointmentPlan, appointmentStepTime } from "../workflows";
import { TEXT_KINDS, renderText, type TextKind } from "./texts";

describe("ukMobileE164", () => {
  it.each([
    ["07700 900123", "+447700900123"],
    ["07700900123", "+447700900123"],
    ["+44 7700 900123", "+447700900123"],
    ["+44 (0)7700 900123", "+447700900123"],
    ["0044 7700-900-123", "+447700900123"],
    ["+44 07700 900123", "+447700900123"],
    ["(07700) 900.123", "+447700900123"],
  ])("%s → %s", (input, expected) => expect(ukMobileE164(input)).toBe(expected));

  it.each([["020 7946 0958"], ["+1 212 555 0123"], ["0770090012"], ["077009001234"], ["00 33 6 12 34 56 78"], [""], ["not a number"]])(
    "%s is not a UK mobile",
    (input) => expect(ukMobileE164(input)).toBeUndefined(),
  );
});

describe("countSegments", () => {
  const a = (n: number) => "a".repeat(n);
  it.each([
    ["empty", "", "GSM-7", 1, 0],
    ["160 GSM characters fit one segment", a(160), "GSM-7", 1, 160],
    ["161 split into 153 + 8", a(161), "GSM-7", 2, 161],
    ["306 = two full split segments", a(306), "GSM-7", 2, 306],
    ["307 needs a third", a(307), "GSM-7", 3, 307],
    ["£ and accents are GSM-7 basic", "£5 café", "GSM-7", 1, 7],
    ["€ takes two septets", `${a(159)}€`, "GSM-7", 2, 161],
    ["an escape pair is not split across segments", `${a(152)}€${a(10)}`, "GSM-7", 2, 164],
    ["a curly quote makes the whole text UCS-2", "It’s booked", "UCS-2", 1, 11],
    ["70 UCS-2 units fit one segment", `’${a(69)}`, "UCS-2", 1, 70],
    ["71 units split into 67 + 4", `’${a(70)}`, "UCS-2", 2, 71],
  ])("%s", (_label, text, encoding, segments, units) => {
    expect(countSegments(text)).toEqual({ encoding, segments, units });
  });

  it("counts an emoji as two UCS-2 units and never splits it", () => {
    expect(countSegments("See you tomorrow 😊")).toEqual({ encoding: "UCS-2", segments: 1, units: 19 });
    expect(countSegments(`${a(68)}😊`)).toEqual({ encoding: "UCS-2", segments: 1, units: 70 });
    expect(countSegments(`${a(69)}😊`)).toEqual({ encoding: "UCS-2", segments: 2, units: 71 });
    // 66 + 😊 + 66 = 134 units, which a plain division puts in 2 segments of 67; the emoji
    // would straddle units 67–68, so it starts the second segment and a third is needed.
    expect(countSegments(`${a(66)}😊${a(66)}`)).toEqual({ encoding: "UCS-2", segments: 3, units: 134 });
  });

  it("costs whole pence per segment", () => {
    expect(costInPence(countSegments(a(161)), 4)).toBe(8);
    expect(costInPence(countSegments("Hi 😊"), 4)).toBe(4);
  });
});

describe("marketingSendTime (09:00–20:00 London)", () => {
  it.each([
    ["inside the window goes at once", "2026-06-10T12:00:00Z", "2026-06-10T12:00:00Z"],
    ["08:59 BST waits for 09:00 BST", "2026-06-10T07:59:00Z", "2026-06-10T08:00:00Z"],
    ["09:00 BST is open", "2026-06-10T08:00:00Z", "2026-06-10T08:00:00Z"],
    ["19:59 BST is open", "2026-06-10T18:59:00Z", "2026-06-10T18:59:00Z"],
    ["20:00 BST waits for tomorrow 09:00", "2026-06-10T19:00:00Z", "2026-06-11T08:00:00Z"],
    ["20:00 GMT in winter waits for 09:00 GMT", "2026-12-01T20:00:00Z", "2026-12-02T09:00:00Z"],
    // 2026-03-29: clocks go forward at 01:00 GMT. 20:30 GMT on the 28th → 09:00 BST (08:00Z).
    ["Saturday evening before the spring change → Sunday 09:00 BST", "2026-03-28T20:30:00Z", "2026-03-29T08:00:00Z"],
    ["00:30 GMT on the change day → 09:00 BST that morning", "2026-03-29T00:30:00Z", "2026-03-29T08:00:00Z"],
    ["08:30 BST (07:30Z) on the change day still waits", "2026-03-29T07:30:00Z", "2026-03-29T08:00:00Z"],
    // 2026-10-25: clocks go back at 02:00 BST. 20:30 BST on the 24th → 09:00 GMT (09:00Z).
    ["Saturday evening before the autumn change → Sunday 09:00 GMT", "2026-10-24T19:30:00Z", "2026-10-25T09:00:00Z"],
    ["08:30Z is 08:30 GMT after the change: waits", "2026-10-25T08:30:00Z", "2026-10-25T09:00:00Z"],
    ["19:30Z on the change day is 19:30 GMT: open", "2026-10-25T19:30:00Z", "2026-10-25T19:30:00Z"],
  ])("%s", (_label, due, expected) => {
    expect(marketingSendTime(new Date(due)).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe("textDecision", () => {
  const on = (at = "2026-06-01T09:00:00Z"): ConsentState => ({ granted: true, at });
  const off = (at = "2026-06-01T09:00:00Z"): ConsentState => ({ granted: false, at });
  const phone = "07700 900123";

  it.each([
    ["a reminder with SMS consent", "transactional", { phone, sms: on(), marketingSms: null }, { send: true, phone: "+447700900123", reOptIn: false }],
    ["no consent chosen", "transactional", { phone, sms: null, marketingSms: null }, { send: false, reason: "no_sms_consent" }],
    ["SMS consent withdrawn", "transactional", { phone, sms: off(), marketingSms: on() }, { send: false, reason: "no_sms_consent" }],
    ["no number", "transactional", { phone: null, sms: on(), marketingSms: null }, { send: false, reason: "no_mobile_number" }],
    ["a landline", "transactional", { phone: "+442079460958", sms: on(), marketingSms: null }, { send: false, reason: "no_mobile_number" }],
    ["marketing without marketing-by-text consent", "marketing", { phone, sms: on(), marketingSms: null }, { send: false, reason: "no_marketing_consent" }],
    ["marketing with both", "marketing", { phone, sms: on(), marketingSms: on() }, { send: true, phone: "+447700900123", reOptIn: false }],
    ["opted out after consenting", "transactional", { phone, sms: on(), marketingSms: null, optedOutAt: "2026-06-02T10:00:00Z" }, { send: false, reason: "opted_out" }],
    ["consented again after STOP: opt back in", "transactional", { phone, sms: on("2026-06-03T10:00:00Z"), marketingSms: null, optedOutAt: "2026-06-02T10:00:00Z" }, { send: true, phone: "+447700900123", reOptIn: true }],
  ] as const)("%s", (_label, purpose, facts, expected) => {
    expect(textDecision(purpose, facts)).toEqual(expected);
  });

  it.each([
    ["chose the 2-hour text", { phone, sms: on(), marketingSms: null, smsTwoHour: on() }, { send: true, phone: "+447700900123", reOptIn: false }],
    ["texts on, 2-hour text never chosen", { phone, sms: on(), marketingSms: null }, { send: false, reason: "no_two_hour_choice" }],
    ["texts on, 2-hour text turned off", { phone, sms: on(), marketingSms: null, smsTwoHour: off() }, { send: false, reason: "no_two_hour_choice" }],
    ["2-hour text chosen but texts off", { phone, sms: off(), marketingSms: null, smsTwoHour: on() }, { send: false, reason: "no_sms_consent" }],
  ] as const)("the 2-hour text: %s", (_label, facts, expected) => {
    expect(textDecision("transactional", facts, { needsTwoHourChoice: true })).toEqual(expected);
    // Other texts do not ask for the choice.
    if (facts.sms.granted) expect(textDecision("transactional", facts)).toMatchObject({ send: true });
  });
});

describe("optInKeyword", () => {
  it.each([["START", "START"], [" start. ", "START"], ["Unstop", "UNSTOP"], ["start again", undefined], ["STOP", undefined]])("%j → %s", (body, keyword) => {
    expect(optInKeyword(body)).toBe(keyword);
  });
});

describe("optOutKeyword", () => {
  it.each([["STOP", "STOP"], [" stop ", "STOP"], ["Stop.", "STOP"], ["unsubscribe", "UNSUBSCRIBE"], ["stop please", undefined], ["Thanks!", undefined]])("%j → %s", (body, keyword) => {
    expect(optOutKeyword(body)).toBe(keyword);
  });
});

describe("texts", () => {
  const data = {
    firstName: "Amelia",
    practiceName: "Master Aesthetics",
    serviceName: "Anti-wrinkle, three areas",
    start: "2026-06-11T09:00:00Z",
    expiresAt: "2026-06-10T11:00:00Z",
    link: "https://masteraesthetics.co.uk/account/appointments/01J0000000000000000000000",
  };

  it.each(Object.keys(TEXT_KINDS) as TextKind[])("%s is GSM-7 and within its segment cap, even with long names", (kind) => {
    const long = { firstName: "Bartholomew-Alexander", serviceName: "Advanced dermal filler with full-face skin booster and consultation", practiceName: "Master Aesthetics Clinic and Training Academy", clientName: "Bartholomew-Alexander Fitzwilliam-Montgomery", room: "The large training room on the first floor" };
    for (const variant of [{ ...data, clientName: "Amelia Hart", room: "Room 2" }, { ...data, ...long }]) {
      const count = countSegments(renderText(kind, variant));
      expect(count.encoding).toBe("GSM-7");
      expect(count.segments).toBeLessThanOrEqual(TEXT_KINDS[kind].maxSegments);
    }
  });

  it("says when on the London clock; a usual confirmation and reminder fit one segment", () => {
    expect(renderText("appointment.reminder", data)).toBe(
      "Reminder: Anti-wrinkle, three areas tomorrow, Thu 11 Jun at 10:00. Manage: https://masteraesthetics.co.uk/account/appointments/01J0000000000000000000000",
    );
    expect(countSegments(renderText("appointment.reminder", data)).segments).toBe(1);
    expect(countSegments(renderText("appointment.confirmation", data)).segments).toBe(1);
  });

  it("marketing texts name the clinic and say how to stop", () => {
    expect(renderText("appointment.rebook", data)).toMatch(/^Master Aesthetics: time for your next Anti-wrinkle, three areas, Amelia\? Book: https:\/\/\S+ Reply STOP to opt out$/);
  });

  it("the owner's alerts say who, what and when, with the diary link; the practical-day text says where", () => {
    const owner = { ...data, clientName: "Amelia Hart", link: "https://masteraesthetics.co.uk/admin/diary/appointments/01J0000000000000000000000" };
    expect(renderText("owner.newBooking", owner)).toBe(`New booking: Amelia Hart, Anti-wrinkle, three areas, Thu 11 Jun at 10:00. ${owner.link}`);
    expect(renderText("owner.cancellation", owner)).toBe(`Cancelled: Amelia Hart, Anti-wrinkle, three areas, Thu 11 Jun at 10:00. ${owner.link}`);
    expect(renderText("owner.reviewNeeded", owner)).toBe(`To review: Amelia Hart asked for Anti-wrinkle, three areas, Thu 11 Jun at 10:00. ${owner.link}`);
    const practical = { ...data, serviceName: "Foundation Botox", room: "Room 2", link: "https://masteraesthetics.co.uk/learn/01J0000000000000000000000" };
    expect(renderText("course.practical", practical)).toBe(`Hi Amelia, your Foundation Botox practical day is tomorrow, Thu 11 Jun at 10:00, Room 2. Details: ${practical.link}`);
    expect(countSegments(renderText("owner.newBooking", owner)).segments).toBe(1);
  });

  it("keeps a name typed with curly quotes in GSM-7", () => {
    expect(countSegments(renderText("appointment.confirmation", { ...data, firstName: "O’Neil" })).encoding).toBe("GSM-7");
  });
});

describe("the 2-hour text (check-in step)", () => {
  const appointment = { appointmentId: "01J0000000000000000000000", category: "anti-wrinkle", start: "2026-06-11T09:00:00Z", end: "2026-06-11T09:45:00Z" };
  const data = { firstName: "Amelia", practiceName: "Master Aesthetics", serviceName: "Anti-wrinkle, three areas", link: "https://masteraesthetics.co.uk/account/appointments/01J0000000000000000000000" };
  const checkinOf = (now: string, start = appointment.start) =>
    appointmentPlan({ ...appointment, start, end: new Date(Date.parse(start) + 45 * 60_000).toISOString() }, new Date(now)).find((s) => s.step === "checkin");

  it.each([
    ["booked days ahead: due 2 hours before", "2026-06-01T09:00:00Z", "2026-06-11T07:00:00.000Z"],
    ["booked 2 h 1 min before: still due", "2026-06-11T06:59:00Z", "2026-06-11T07:00:00.000Z"],
    ["booked exactly 2 hours before: none", "2026-06-11T07:00:00Z", undefined],
    ["booked 90 minutes before: none", "2026-06-11T07:30:00Z", undefined],
  ])("%s", (_label, now, expected) => {
    expect(checkinOf(now)?.at.toISOString()).toBe(expected);
  });

  it.each([
    // Elapsed hours, so the wall clock says 2 hours before on the change days too.
    ["10:00 BST on the spring change day (29 Mar) → 08:00 BST", "2026-03-29T09:00:00Z", "2026-03-29T07:00:00.000Z", "Hi Amelia, see you today at 10:00 for"],
    ["10:00 GMT on the autumn change day (25 Oct) → 08:00 GMT", "2026-10-25T10:00:00Z", "2026-10-25T08:00:00.000Z", "Hi Amelia, see you today at 10:00 for"],
    ["02:30 GMT on the autumn change day → 01:30 BST (one hour on the wall clock, two elapsed)", "2026-10-25T02:30:00Z", "2026-10-25T00:30:00.000Z", "Hi Amelia, see you today at 02:30 for"],
  ])("%s", (_label, start, due, opening) => {
    expect(appointmentStepTime("checkin", { ...appointment, start })).toEqual(new Date(due));
    expect(renderText("appointment.checkin", { ...data, start })).toMatch(new RegExp(`^${opening} Anti-wrinkle, three areas\\. Manage: https://\\S+$`));
  });

  it("fits one segment with usual names and is judged like the mail when it falls due", () => {
    expect(countSegments(renderText("appointment.checkin", { ...data, start: appointment.start })).segments).toBe(1);
    const due = "2026-06-11T07:00:00.000Z";
    expect(appointmentStepDecision("checkin", { ...appointment, status: "confirmed" }, due)).toEqual({ send: true });
    expect(appointmentStepDecision("checkin", { ...appointment, status: "cancelled" }, due)).toEqual({ send: false, reason: "appointment_cancelled" });
    expect(appointmentStepDecision("checkin", { ...appointment, status: "confirmed", start: "2026-06-11T13:00:00Z" }, due)).toEqual({ send: false, reason: "appointment_moved" });
  });
});
