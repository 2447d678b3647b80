import { db } from "../entities";
import { notFound, unprocessable } from "@mas/core/errors";
import { clock } from "@mas/core/shared/clock";
import { composeEmail, sampleMergeData, type ComposedEmail } from "./compose";
import type { MergeField } from "./fields";
import { clinicDetails } from "@mas/booking/read";
import { lintTemplate, type LintIssue, type TemplateContent } from "./render";
import { DEFAULT_TEMPLATES, availableFields, templateDefinition, type Purpose, type TemplateDefinition } from "./templates";
import { siteLinks } from "@mas/core/links";

/**
 * The owner's editable templates: each default can be overridden (subject, HTML body,
 * text) and reset. An override is linted before it is saved, so a typo in a merge field
 * is refused with the field named rather than sent as a blank.
 */
export interface TemplateView {
  key: string;
  name: string;
  purpose: Purpose;
  fields: MergeField[];
  customised: boolean;
  updatedAt: string | null;
  content: TemplateContent;
  defaultContent: TemplateContent;
}

export function requireDefinition(key: string): TemplateDefinition {
  const definition = templateDefinition(key);
  if (!definition) throw notFound("messaging.template_not_found", `No template ${key}`);
  return definition;
}

export async function templateOverride(key: string): Promise<TemplateContent | undefined> {
  const { data } = await db().entities.messageTemplate.get({ key }).go();
  return data ? { subject: data.subject, html: data.html, text: data.text } : undefined;
}

function view(definition: TemplateDefinition, override?: { subject: string; html: string; text: string; updatedAt: string }): TemplateView {
  return {
    key: definition.key,
    name: definition.name,
    purpose: definition.purpose,
    fields: availableFields(definition),
    customised: Boolean(override),
    updatedAt: override?.updatedAt ?? null,
    content: override ? { subject: override.subject, html: override.html, text: override.text } : definition.content,
    defaultContent: definition.content,
  };
}

export async function listTemplates(): Promise<TemplateView[]> {
  const { data } = await db().entities.messageTemplate.query.overrides({}).go({ pages: "all" });
  const overrides = new Map(data.map((item) => [item.key, item]));
  return [...DEFAULT_TEMPLATES.values()].map((definition) => view(definition, overrides.get(definition.key)));
}

function assertClean(issues: LintIssue[]): void {
  if (issues.length === 0) return;
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.part] ??= issue.message;
  throw unprocessable("messaging.template_invalid", issues.map((issue) => `${issue.part}: ${issue.message}`).join("; "), fields);
}

export async function saveTemplate(key: string, content: TemplateContent, updatedBy: string): Promise<TemplateView> {
  const definition = requireDefinition(key);
  assertClean(lintTemplate(content, availableFields(definition)));
  const item = { key, ...content, updatedBy, updatedAt: clock.now().toISOString() };
  await db().entities.messageTemplate.put(item).go();
  return view(definition, item);
}

export async function resetTemplate(key: string): Promise<TemplateView> {
  const definition = requireDefinition(key);
  await db().entities.messageTemplate.delete({ key }).go();
  return view(definition);
}

/** Renders a template (the given draft, else the current version) with sample data. */
export async function previewTemplate(key: string, draft?: TemplateContent): Promise<ComposedEmail & { issues: LintIssue[] }> {
  const definition = requireDefinition(key);
  const content = draft ?? (await templateOverride(key)) ?? definition.content;
  const practice = await clinicDetails();
  const unsubscribe = definition.purpose === "marketing" ? { url: siteLinks(practice.siteUrl).unsubscribe("preview"), mailto: "mailto:unsubscribe@example.com" } : undefined;
  const mail = composeEmail({ definition, override: content, data: sampleMergeData(practice.siteUrl, clock.now()), practice, unsubscribe });
  return { ...mail, issues: lintTemplate(content, availableFields(definition)) };
}
