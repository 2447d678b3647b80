import { describe, expect, it } from "vitest";
import { escapeHtml, formatLondonDate, formatLondonTime, lintTemplate, renderContent } from "./render";

const content = (html: string, text = html, subject = text) => ({ subject, html, text });

describe("renderContent", () => {
  it.each([
    ["{{client.firstName}}", { client: { firstName: "Amelia" } }, "Amelia"],
    ["Hi {{ client.firstName }}!", { client: { firstName: "Zoë" } }, "Hi Zoë!"],
    ["{{client.firstName}}", {}, ""],
    ["{{client.nickname}}", { client: { nickname: "x" } }, "x"],
    ["[{{nope.field}}]", {}, "[]"],
    ["{{course.progressPercent}}%", { course: { progressPercent: 40 } }, "40%"],
    ["{{course.progressPercent}}%", { course: { progressPercent: 0 } }, "0%"],
    ["{{service.name}}", { service: { name: null } }, ""],
  ])("text: %s with %j → %s", (source, data, expected) => {
    expect(renderContent(content(source), data).text).toBe(expected);
  });

  it.each([
    // BST (UTC+1)
    ["2026-06-11T09:00:00Z", "date", "Thursday 11 June 2026"],
    ["2026-06-11T09:00:00Z", "time", "10:00"],
    ["2026-06-11T12:30:00Z", "time", "13:30"],
    // GMT
    ["2026-12-01T10:00:00Z", "time", "10:00"],
    // Late evening in UTC is already the next day in London (summer)
    ["2026-06-11T23:30:00Z", "date", "Friday 12 June 2026"],
    // the DST days
    ["2026-03-29T00:30:00Z", "time", "00:30"],
    ["2026-03-29T01:30:00Z", "time", "02:30"],
    ["2026-10-25T00:30:00Z", "time", "01:30"],
    ["2026-10-25T01:30:00Z", "time", "01:30"],
    ["2026-10-25T10:00:00Z", "date", "Sunday 25 October 2026"],
    ["2026-06-11T09:00:00Z", undefined, "Thursday 11 June 2026 at 10:00"],
  ])("datetime %s |%s → %s (Europe/London)", (instant, filter, expected) => {
    const tag = filter ? `{{appointment.start|${filter}}}` : "{{appointment.start}}";
    expect(renderContent(content(tag), { appointment: { start: instant } }).text).toBe(expected);
  });

  it("renders an unparseable date as empty", () => {
    expect(renderContent(content("{{appointment.start|date}}"), { appointment: { start: "soon" } }).text).toBe("");
  });

  it.each([
    ["https://example.com/a?b=1&c=2", "https://example.com/a?b=1&#38;c=2"],
    ["mailto:hello@example.com", "mailto:hello@example.com"],
    ["javascript:alert(1)", ""],
    [" JAVASCRIPT:alert(1)", ""],
    ["data:text/html,<script>", ""],
    ["//evil.example", ""],
  ])("URL field %s renders as %s in HTML", (url, expected) => {
    expect(renderContent(content('<a href="{{links.review}}">x</a>'), { links: { review: url } }).html).toBe(`<a href="${expected}">x</a>`);
  });

  describe("escapes merge data in HTML (XSS)", () => {
    const attacks = [
      "<script>alert(1)</script>",
      '"><img src=x onerror=alert(1)>',
      "' onmouseover='alert(1)",
      "<a href=javascript:alert(1)>x</a>",
      "`${alert(1)}`",
      "<svg/onload=alert(1)>",
    ];
    it.each(attacks)("%s", (attack) => {
      const template = content('<p title="{{client.firstName}}">{{client.firstName}}</p><a href="{{links.review}}">go</a>');
      const { html, text } = renderContent(template, { client: { firstName: attack }, links: { review: attack } });
      expect(html).not.toMatch(/<script|<img|<svg|<a href=javascript/i);
      expect(html).not.toContain(attack.replace(/&/g, ""));
      expect(html.match(/<[a-z]/gi)).toEqual(["<p", "<a"]);
      expect(html.match(/"/g)?.length).toBe(4);
      expect(text).toContain(attack);
    });
  });

  it("does not re-render merge tags inside merge data", () => {
    const { text, html } = renderContent(content("{{client.firstName}}"), { client: { firstName: "{{client.email}}" }, links: {} });
    expect(text).toBe("{{client.email}}");
    expect(html).toBe("{{client.email}}");
  });

  it("turns line breaks in data into <br> in HTML, after escaping", () => {
    expect(renderContent(content("{{campaign.body}}"), { campaign: { body: "a<b\nc" } }).html).toBe("a&#60;b<br>c");
  });

  it("keeps subjects on one line (no header injection)", () => {
    const { subject } = renderContent(content("", "", "Hi {{client.firstName}}"), { client: { firstName: "x\r\nBcc: victim@example.com" } });
    expect(subject).toBe("Hi x Bcc: victim@example.com");
    expect(subject).not.toMatch(/[\r\n]/);
  });
});

describe("escapeHtml", () => {
  it("escapes the characters that end text or attributes", () => {
    expect(escapeHtml(`<>&"'\`=`)).toBe("&#60;&#62;&#38;&#34;&#39;&#96;=");
  });
});

describe("London formatting", () => {
  it.each([
    ["2026-03-28T10:00:00Z", "Saturday 28 March 2026", "10:00"],
    ["2026-03-30T09:00:00Z", "Monday 30 March 2026", "10:00"],
    ["2027-03-28T09:00:00Z", "Sunday 28 March 2027", "10:00"],
  ])("%s → %s %s", (instant, date, time) => {
    expect(formatLondonDate(instant)).toBe(date);
    expect(formatLondonTime(instant)).toBe(time);
  });
});

describe("lintTemplate", () => {
  const available = ["client.firstName", "appointment.start", "service.name"] as const;
  it.each([
    ["Hello {{client.firstName}} {{appointment.start|date}}", []],
    ["{{client.nickname}}", ["unknown_field"]],
    ["{{course.title}}", ["unavailable_field"]],
    ["{{appointment.start|weekday}}", ["unknown_filter"]],
    ["{{service.name|date}}", ["filter_not_applicable"]],
    ["{{client.firstName", ["malformed_tag"]],
    ["{{ not a tag }}", ["malformed_tag"]],
    ["{{client.nickname}} and {{course.title|time}}", ["unknown_field", "unavailable_field", "filter_not_applicable"]],
  ])("%s → %j", (source, problems) => {
    const issues = lintTemplate({ subject: "", html: source, text: "" }, available);
    expect(issues.map((issue) => issue.problem)).toEqual(problems);
    expect(issues.every((issue) => issue.part === "html")).toBe(true);
  });

  it("checks subject and text too", () => {
    const issues = lintTemplate({ subject: "{{x.y}}", html: "", text: "{{a.b}}" }, available);
    expect(issues.map((i) => i.part)).toEqual(["subject", "text"]);
  });
});
