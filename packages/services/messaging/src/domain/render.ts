import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { TIME_ZONE } from "@mas/core/config";
import { localTimeOf } from "@mas/core/shared/time";
import { MERGE_FIELDS, isMergeField, lookup, type MergeData, type MergeField, type MergeValue } from "./fields";

/**
 * Merge-field rendering: `{{client.firstName}}`, `{{appointment.start|date}}`. The template
 * text is the owner's (trusted); every merge value is data (untrusted: a client's name can
 * be `<script>`), so in HTML each value is escaped, URLs must have a safe scheme, and in
 * subjects line breaks are removed. Unknown fields render empty; `lintTemplate` reports them.
 */
export interface TemplateContent {
  subject: string;
  html: string;
  text: string;
}

export const FILTERS = ["date", "time", "datetime"] as const;
export type Filter = (typeof FILTERS)[number];

const TAG = /\{\{\s*([A-Za-z][\w.]*)\s*(?:\|\s*([A-Za-z]+)\s*)?\}\}/g;
const WHOLE_TAG = new RegExp(`^${TAG.source}$`);
const SAFE_URL = /^(https?:\/\/|mailto:)/i;

type Part = keyof TemplateContent;
type Target = "html" | "text" | "subject";

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** "Tuesday 9 June 2026" */
export function formatLondonDate(instant: Date | string, timeZone = TIME_ZONE): string {
  return format(new TZDate(new Date(instant), timeZone), "EEEE d MMMM yyyy");
}

/** "14:00": the 24-hour clock the site uses too (core's `localTimeOf`). */
export function formatLondonTime(instant: Date | string, timeZone = TIME_ZONE): string {
  return localTimeOf(new Date(instant), timeZone);
}

function formatValue(path: string, value: MergeValue, filter: string | undefined, timeZone: string): string {
  if (value === null || value === undefined) return "";
  const kind = isMergeField(path) ? MERGE_FIELDS[path].kind : "text";
  if (kind === "datetime") {
    const instant = new Date(String(value));
    if (Number.isNaN(instant.getTime())) return "";
    if (filter === "date") return formatLondonDate(instant, timeZone);
    if (filter === "time") return formatLondonTime(instant, timeZone);
    return `${formatLondonDate(instant, timeZone)} at ${formatLondonTime(instant, timeZone)}`;
  }
  const text = String(value);
  if (kind === "url") return SAFE_URL.test(text.trim()) ? text.trim() : "";
  return text;
}

function renderPart(source: string, data: MergeData, target: Target, timeZone: string): string {
  return source.replace(TAG, (_tag, path: string, filter: string | undefined) => {
    const value = formatValue(path, lookup(data, path), filter, timeZone);
    if (target === "html") return escapeHtml(value).replace(/\r?\n/g, "<br>");
    if (target === "subject") return value.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, " ");
    return value;
  });
}

/** Renders the three parts of a template with merge data (HTML escaped, text plain). */
export function renderContent(content: TemplateContent, data: MergeData, timeZone = TIME_ZONE): TemplateContent {
  return {
    subject: renderPart(content.subject, data, "subject", timeZone).trim(),
    html: renderPart(content.html, data, "html", timeZone),
    text: renderPart(content.text, data, "text", timeZone),
  };
}

export type LintProblem = "malformed_tag" | "unknown_field" | "unavailable_field" | "unknown_filter" | "filter_not_applicable";

export interface LintIssue {
  part: Part;
  tag: string;
  problem: LintProblem;
  message: string;
}

/**
 * Checks every merge tag against the field catalogue and the fields this template can
 * rely on (`available`). An empty list means the template renders every tag.
 */
export function lintTemplate(content: TemplateContent, available: readonly MergeField[]): LintIssue[] {
  const allowed = new Set<string>(available);
  const issues: LintIssue[] = [];
  for (const part of ["subject", "html", "text"] as const) {
    for (const match of content[part].matchAll(TAG)) {
      const [tag, path, filter] = match as unknown as [string, string, string | undefined];
      if (!isMergeField(path)) {
        issues.push({ part, tag, problem: "unknown_field", message: `${path} is not a merge field` });
        continue;
      }
      if (!allowed.has(path)) issues.push({ part, tag, problem: "unavailable_field", message: `${path} is not available in this template` });
      if (filter === undefined) continue;
      if (!(FILTERS as readonly string[]).includes(filter)) {
        issues.push({ part, tag, problem: "unknown_filter", message: `Unknown filter ${filter} (use ${FILTERS.join(", ")})` });
      } else if (MERGE_FIELDS[path].kind !== "datetime") {
        issues.push({ part, tag, problem: "filter_not_applicable", message: `${filter} applies to dates and times only` });
      }
    }
    for (const braces of content[part].matchAll(/\{\{[^{}]*(\}\})?/g)) {
      const tag = braces[0];
      if (braces[1] && WHOLE_TAG.test(tag)) continue;
      issues.push({ part, tag: tag.slice(0, 40), problem: "malformed_tag", message: braces[1] ? `Not a merge tag: ${tag}` : "Unclosed merge tag" });
    }
  }
  return issues;
}
