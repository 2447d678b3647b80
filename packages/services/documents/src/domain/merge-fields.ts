import { unprocessable } from "@mas/core/errors";

/**
 * Merge fields: the only `{{placeholders}}` a template may use, per kind of document.
 * A template declares which of them it uses; its text may reference only declared fields,
 * and generation must supply every declared one — so a typo in a template is refused when
 * the owner saves it, never discovered by a client reading "{{clinetName}}" on a consent form.
 *
 * `risks` and `aftercare` are not about the client: the template itself carries their text
 * (per treatment category), so a new version of the template is a new version of them.
 */
export const MERGE_FIELDS = {
  consent: ["clientName", "clientDateOfBirth", "treatment", "appointmentDate", "practitioner", "clinicName", "risks", "aftercare"],
  certificate: ["holderName", "courseTitle", "certificateNumber", "issuedDate", "verificationUrl", "clinicName", "practitioner"],
} as const;

export type TemplateKind = keyof typeof MERGE_FIELDS;
export type MergeValues = Record<string, string>;

export interface TemplateSection {
  heading: string;
  body: string;
}

export interface TemplateText {
  kind: TemplateKind;
  title: string;
  sections: TemplateSection[];
  mergeFields: string[];
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every placeholder name used in a piece of text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

/**
 * Problems with a template's declared fields and its use of them, as `field → message`
 * (empty when valid). Checked in this order: declared names are known for the kind;
 * no name is declared twice; every placeholder in the title and sections is declared;
 * braces are balanced (a lone `{{` would print literally).
 */
export function templateProblems(template: TemplateText): Record<string, string> {
  const problems: Record<string, string> = {};
  const known: readonly string[] = MERGE_FIELDS[template.kind];
  template.mergeFields.forEach((name, index) => {
    if (!known.includes(name)) problems[`mergeFields.${index}`] = `Unknown merge field "${name}"; ${template.kind} templates may use ${known.join(", ")}`;
    else if (template.mergeFields.indexOf(name) !== index) problems[`mergeFields.${index}`] = `"${name}" is declared twice`;
  });
  const texts: [string, string][] = [["title", template.title], ...template.sections.flatMap((s, i): [string, string][] => [[`sections.${i}.heading`, s.heading], [`sections.${i}.body`, s.body]])];
  for (const [path, text] of texts) {
    const undeclared = placeholdersIn(text).filter((name) => !template.mergeFields.includes(name));
    if (undeclared.length) problems[path] = `Uses undeclared merge field${undeclared.length > 1 ? "s" : ""} ${undeclared.map((n) => `"${n}"`).join(", ")}`;
    else if (unbalanced(text)) problems[path] = "Has an unclosed {{ or a stray }}";
  }
  return problems;
}

function unbalanced(text: string): boolean {
  const rest = text.replace(PLACEHOLDER, "");
  return rest.includes("{{") || rest.includes("}}");
}

export function assertValidTemplate(template: TemplateText): void {
  const problems = templateProblems(template);
  if (Object.keys(problems).length) throw unprocessable("documents.template_invalid", "The template uses merge fields it does not declare, or unknown ones", problems);
}

/** Replaces every placeholder; refuses when a declared field has no value (nothing is printed half-merged). */
export function mergeText(text: string, values: MergeValues): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw unprocessable("documents.merge_value_missing", `No value for merge field "${name}"`);
    return value;
  });
}

export interface MergedDocument {
  title: string;
  sections: TemplateSection[];
}

/** The template with its declared fields filled in: what the client reads and signs, kept verbatim on the document. */
export function mergeTemplate(template: TemplateText, values: MergeValues): MergedDocument {
  const missing = template.mergeFields.filter((name) => values[name] === undefined || values[name]!.trim() === "");
  if (missing.length) throw unprocessable("documents.merge_value_missing", `Missing values for ${missing.join(", ")}`);
  const declared = Object.fromEntries(template.mergeFields.map((name) => [name, values[name]!]));
  return {
    title: mergeText(template.title, declared),
    sections: template.sections.map((s) => ({ heading: mergeText(s.heading, declared), body: mergeText(s.body, declared) })),
  };
}

/** Sample values for a preview: obviously not a real person. */
export function sampleValues(kind: TemplateKind, extra: MergeValues = {}): MergeValues {
  const samples: Record<string, string> = {
    clientName: "Sample Client",
    clientDateOfBirth: "1 January 1990",
    treatment: "Sample treatment",
    appointmentDate: "Monday 1 June 2026, 10:00",
    practitioner: "Your practitioner",
    clinicName: "Master Aesthetics",
    risks: "(risks as written in this template)",
    aftercare: "(aftercare as written in this template)",
    holderName: "Sample Student",
    courseTitle: "Sample course",
    certificateNumber: "MAS-0000-SAMPLE",
    issuedDate: "1 June 2026",
    verificationUrl: "https://example.test/verify/SAMPLE",
  };
  return Object.fromEntries(MERGE_FIELDS[kind].map((name) => [name, extra[name] ?? samples[name]!]));
}
