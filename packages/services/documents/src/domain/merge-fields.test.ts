import { describe, expect, it } from "vitest";
import { DomainError } from "@mas/core/errors";
import { mergeTemplate, placeholdersIn, sampleValues, templateProblems, type TemplateText } from "./merge-fields";

const consent = (overrides: Partial<TemplateText> = {}): TemplateText => ({
  kind: "consent",
  title: "Consent for {{treatment}}",
  sections: [
    { heading: "About you", body: "I, {{clientName}}, born {{clientDateOfBirth}}, consent to {{treatment}}." },
    { heading: "Risks", body: "{{risks}}" },
  ],
  mergeFields: ["clientName", "clientDateOfBirth", "treatment", "risks"],
  ...overrides,
});

describe("placeholdersIn", () => {
  it.each([
    ["no fields", "Plain text", []],
    ["one field", "Hello {{clientName}}", ["clientName"]],
    ["spaces inside braces", "Hello {{ clientName }}", ["clientName"]],
    ["repeated field once", "{{a}} and {{a}} and {{b}}", ["a", "b"]],
    ["single braces are text", "{clientName}", []],
  ])("%s", (_, text, expected) => expect(placeholdersIn(text)).toEqual(expected));
});

describe("templateProblems", () => {
  it("accepts a template using only declared fields", () => expect(templateProblems(consent())).toEqual({}));

  it("accepts a declared field that is not used", () => expect(templateProblems(consent({ mergeFields: [...consent().mergeFields, "aftercare"] }))).toEqual({}));

  it.each([
    ["an unknown declared field", { mergeFields: ["clientName", "clientDateOfBirth", "treatment", "risks", "shoeSize"] }, "mergeFields.4", /Unknown merge field "shoeSize"/],
    ["a certificate field on a consent", { mergeFields: ["clientName", "clientDateOfBirth", "treatment", "risks", "courseTitle"] }, "mergeFields.4", /Unknown/],
    ["a field declared twice", { mergeFields: ["clientName", "clientDateOfBirth", "treatment", "risks", "risks"] }, "mergeFields.4", /declared twice/],
    ["a typo in the body", { sections: [{ heading: "x", body: "I, {{clinetName}}" }] }, "sections.0.body", /undeclared merge field "clinetName"/],
    ["an undeclared field in the title", { title: "Consent for {{practitioner}}" }, "title", /"practitioner"/],
    ["an undeclared field in a heading", { sections: [{ heading: "{{aftercare}}", body: "" }] }, "sections.0.heading", /"aftercare"/],
    ["an unclosed brace", { sections: [{ heading: "x", body: "Hello {{clientName" }] }, "sections.0.body", /unclosed/],
    ["a stray closing brace", { sections: [{ heading: "x", body: "Hello clientName}}" }] }, "sections.0.body", /stray/],
  ])("refuses %s", (_, overrides, path, message) => {
    expect(templateProblems(consent(overrides as Partial<TemplateText>))[path]).toMatch(message);
  });
});

describe("mergeTemplate", () => {
  const values = { clientName: "Amelia Hughes", clientDateOfBirth: "14 March 1991", treatment: "Lip filler, 1 ml", risks: "Bruising, swelling." };

  it("fills every placeholder, in title, headings and bodies", () => {
    expect(mergeTemplate(consent(), values)).toEqual({
      title: "Consent for Lip filler, 1 ml",
      sections: [
        { heading: "About you", body: "I, Amelia Hughes, born 14 March 1991, consent to Lip filler, 1 ml." },
        { heading: "Risks", body: "Bruising, swelling." },
      ],
    });
  });

  it("does not treat a value containing braces as a placeholder", () => {
    expect(mergeTemplate(consent(), { ...values, clientName: "{{risks}}" }).sections[0]!.body).toContain("I, {{risks}}, born");
  });

  it.each([
    ["a missing value", { ...values, risks: undefined }],
    ["a blank value", { ...values, clientName: "  " }],
  ])("refuses %s with a 422 naming the field", (_, given) => {
    const attempt = () => mergeTemplate(consent(), given as Record<string, string>);
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(/merge|Missing values/);
  });

  it("ignores values for fields the template does not declare", () => {
    expect(mergeTemplate(consent(), { ...values, practitioner: "Eleanor" }).title).toBe("Consent for Lip filler, 1 ml");
  });

  it("merges sample values for a preview of every kind", () => {
    expect(Object.keys(sampleValues("certificate"))).toContain("certificateNumber");
    expect(mergeTemplate(consent(), sampleValues("consent")).sections[0]!.body).toContain("Sample Client");
  });
});
