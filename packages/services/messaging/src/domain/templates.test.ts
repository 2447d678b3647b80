import { describe, expect, it } from "vitest";
import { appointmentInvite } from "@mas/booking/read";
import { composeEmail, sampleMergeData } from "./compose";
import type { MergeData } from "./fields";
import type { PracticeDetails } from "./layout";
import { lintTemplate } from "./render";
import { DEFAULT_TEMPLATES, availableFields, templateDefinition } from "./templates";

const practice: PracticeDetails = { name: "Master Aesthetics", email: "hello@example.co.uk", phone: "020 7946 0000", address: "1 High St, London", siteUrl: "https://example.co.uk" };
const unsubscribe = { url: "https://example.co.uk/api/messaging/unsubscribe?token=t0k3n", mailto: "mailto:unsubscribe@example.co.uk?subject=unsubscribe" };
const templates = [...DEFAULT_TEMPLATES.values()];
const link = (d: { purpose: string }) => (d.purpose === "marketing" ? unsubscribe : undefined);

/** Every merge field of sample data replaced by a hostile value. */
function hostile(data: MergeData, attack: string): MergeData {
  return Object.fromEntries(
    Object.entries(data).map(([group, bag]) => [
      group,
      Object.fromEntries(Object.entries(bag ?? {}).map(([key, value]) => [key, group === "links" || /start|end|At$/.test(key) || typeof value === "number" ? value : attack])),
    ]),
  );
}

describe("default templates", () => {
  it("cover the workflows and transactional mail", () => {
    expect([...DEFAULT_TEMPLATES.keys()].sort()).toEqual(
      [
        "account.password-reset",
        "account.sign-in-attempts",
        "account.welcome",
        "appointment.aftercare.anti-wrinkle",
        "appointment.aftercare.chemical-peel",
        "appointment.aftercare.dermal-filler",
        "appointment.aftercare.general",
        "appointment.aftercare.microneedling",
        "appointment.aftercare.skin-booster",
        "appointment.cancelled",
        "appointment.checkin",
        "appointment.confirmation",
        "appointment.prep",
        "appointment.rebook",
        "appointment.reminder",
        "appointment.rescheduled",
        "appointment.review",
        "campaign.standard",
        "certificate.issued",
        "course.day1",
        "course.day14",
        "course.day30",
        "course.day7",
        "course.places-open",
        "course.welcome",
        "document.signed",
        "document.to-sign",
        "owner.cancellation",
        "owner.new-booking",
        "owner.review-needed",
        "payment.failed",
        "payment.receipt",
        "payment.refunded",
        "waitlist.offer",
      ].sort(),
    );
  });

  it.each(templates.map((t) => [t.key, t] as const))("%s uses only fields it can rely on", (_key, definition) => {
    expect(lintTemplate(definition.content, availableFields(definition))).toEqual([]);
  });

  it.each(templates.map((t) => [t.key, t] as const))("%s renders every field of the sample data (nothing left blank)", (_key, definition) => {
    const mail = composeEmail({ definition, data: sampleMergeData(practice.siteUrl, new Date("2026-06-01T09:00:00Z")), practice, unsubscribe: link(definition) });
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.html).not.toMatch(/\{\{|\}\}/);
    expect(mail.text).not.toMatch(/\{\{|\}\}|undefined|null|NaN/);
    expect(mail.html).not.toMatch(/href=""/);
  });

  it("review, rebook and campaigns are marketing; booking, course and account mail is transactional", () => {
    const marketing = templates.filter((t) => t.purpose === "marketing").map((t) => t.key);
    expect(marketing.sort()).toEqual(["appointment.rebook", "appointment.review", "campaign.standard"]);
  });
});

describe("rendered emails never carry unescaped merge data (XSS)", () => {
  const attacks = ["<script>alert('x')</script>", '"><img src=x onerror=alert(1)>', "<iframe src=//evil>"];
  const cases = templates.flatMap((t) => attacks.map((attack) => [t.key, attack, t] as const));
  it.each(cases)("%s with %s", (_key, attack, definition) => {
    const data = hostile(sampleMergeData(practice.siteUrl, new Date("2026-06-01T09:00:00Z")), attack);
    const mail = composeEmail({ definition, data, practice, unsubscribe: link(definition) });
    expect(mail.html).not.toMatch(/<script|<img|<iframe/i);
    // the only tags are the layout's and the template's own
    const clean = composeEmail({ definition, data: hostile(data, "x"), practice, unsubscribe: link(definition) });
    expect(mail.html.match(/<[a-z]+/gi)).toEqual(clean.html.match(/<[a-z]+/gi));
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("escapes practice details in the layout too", () => {
    const definition = templateDefinition("appointment.reminder")!;
    const mail = composeEmail({ definition, data: {}, practice: { ...practice, name: "<b>Evil</b>", address: '"><script>x</script>' } });
    expect(mail.html).not.toMatch(/<b>Evil|<script/);
  });
});

describe("composeEmail", () => {
  const data = sampleMergeData(practice.siteUrl, new Date("2026-06-01T09:00:00Z"));

  it("adds RFC 8058 one-click headers and a footer link to marketing mail", () => {
    const mail = composeEmail({ definition: templateDefinition("appointment.review")!, data, practice, unsubscribe });
    expect(mail.headers).toEqual({
      "List-Unsubscribe": `<${unsubscribe.url}>, <${unsubscribe.mailto}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(mail.html).toContain(`href="${unsubscribe.url}"`);
    expect(mail.text).toContain(`Unsubscribe: ${unsubscribe.url}`);
  });

  it("refuses to build marketing mail without an unsubscribe", () => {
    expect(() => composeEmail({ definition: templateDefinition("appointment.rebook")!, data, practice })).toThrow(/unsubscribe/);
  });

  it("sends transactional mail without unsubscribe headers", () => {
    const mail = composeEmail({ definition: templateDefinition("account.password-reset")!, data, practice });
    expect(mail.headers).toEqual({});
    expect(mail.html).not.toContain("Unsubscribe");
  });

  it("uses the owner's override instead of the default", () => {
    const mail = composeEmail({
      definition: templateDefinition("appointment.reminder")!,
      override: { subject: "Tomorrow, {{client.firstName}}!", html: "<p>Custom {{service.name}}</p>", text: "Custom {{service.name}}" },
      data,
      practice,
    });
    expect(mail.subject).toBe("Tomorrow, Amelia!");
    expect(mail.html).toContain("<p>Custom Anti-wrinkle, three areas</p>");
    expect(mail.text.startsWith("Custom Anti-wrinkle, three areas")).toBe(true);
  });

  it("renders a layout real mail clients handle: 600px tables, inline styles, light scheme, preheader, alt on images", () => {
    const mail = composeEmail({ definition: templateDefinition("appointment.confirmation")!, data, practice });
    expect(mail.html).toMatch(/^<!DOCTYPE html>/);
    expect(mail.html).toContain('lang="en-GB"');
    expect(mail.html).toContain('width="600"');
    expect(mail.html).toContain('role="presentation"');
    expect(mail.html).toContain('name="viewport"');
    expect(mail.html).toContain("Your appointment is confirmed. The calendar invite is attached.");
    expect(mail.html).not.toMatch(/<link|<script/);
    for (const img of mail.html.match(/<img[^>]*>/g) ?? []) expect(img).toMatch(/alt="[^"]+"/);
    expect(mail.html).toContain("Thursday 4 June 2026");
    expect(mail.text).toContain("Time: 11:00");
  });
});

describe("appointmentInvite", () => {
  const input = { appointmentId: "A1", serviceName: "Skin booster", start: "2026-06-11T09:00:00Z", end: "2026-06-11T09:45:00Z", practice, issuedAt: new Date("2026-06-01T09:00:00Z") };

  it("is a UTC VEVENT with the appointment's UID", async () => {
    const ics = await appointmentInvite(input);
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain("UID:appointment-A1@example.co.uk");
    expect(ics).toContain("DTSTART:20260611T090000Z");
    expect(ics).toContain("DTEND:20260611T094500Z");
    expect(ics).toContain("DTSTAMP:20260601T090000Z");
    expect(ics).toContain("METHOD:PUBLISH");
    expect(ics).toContain("STATUS:CONFIRMED");
    expect(ics).toContain("SUMMARY:Skin booster at Master Aesthetics");
  });

  it("cancels the same entry, with a later sequence", async () => {
    const first = await appointmentInvite(input);
    const cancelled = await appointmentInvite({ ...input, cancelled: true, issuedAt: new Date("2026-06-05T09:00:00Z") });
    expect(cancelled).toContain("METHOD:CANCEL");
    expect(cancelled).toContain("STATUS:CANCELLED");
    const sequence = (ics: string) => Number(/SEQUENCE:(\d+)/.exec(ics)?.[1]);
    expect(sequence(cancelled)).toBeGreaterThan(sequence(first));
  });
});
