import { COMMON_FIELDS, type MergeField } from "../fields";
import { blocksToHtml, blocksToText, type Block } from "../layout";
import type { TemplateContent } from "../render";

/**
 * Transactional mail is about something the recipient asked for (a booking, a payment, a
 * course) and always sends; marketing mail (review requests, rebooking offers, campaigns)
 * needs marketing consent and carries a one-click unsubscribe.
 */
export type Purpose = "transactional" | "marketing";

export interface TemplateDefinition {
  key: string;
  name: string;
  purpose: Purpose;
  /** Merge fields beyond the common ones this template can rely on. */
  fields: readonly MergeField[];
  preheader: string;
  content: TemplateContent;
}

export function availableFields(definition: Pick<TemplateDefinition, "fields" | "purpose">): MergeField[] {
  const fields: MergeField[] = [...COMMON_FIELDS, ...definition.fields];
  if (definition.purpose === "marketing") fields.push("links.unsubscribe");
  return fields;
}

/** Defaults are written as blocks so the HTML and text versions always say the same. */
export function template(input: {
  key: string;
  name: string;
  purpose?: Purpose;
  fields: readonly MergeField[];
  subject: string;
  preheader: string;
  blocks: readonly Block[];
}): TemplateDefinition {
  return {
    key: input.key,
    name: input.name,
    purpose: input.purpose ?? "transactional",
    fields: input.fields,
    preheader: input.preheader,
    content: { subject: input.subject, html: blocksToHtml(input.blocks), text: blocksToText(input.blocks) },
  };
}
