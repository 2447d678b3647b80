import { accountTemplates } from "./account";
import { aftercareTemplates, bookingTemplates } from "./booking";
import type { TemplateDefinition } from "./define";
import { learningTemplates } from "./learning";
import { marketingTemplates } from "./marketing";
import { ownerTemplates } from "./owner";

export { availableFields, type Purpose, type TemplateDefinition } from "./define";
export { aftercareTemplateKey, preparationAdvice } from "./booking";
export { CAMPAIGN_TEMPLATE_KEY } from "./marketing";

/** Every default template, by key. The owner can override subject, HTML and text of any. */
export const DEFAULT_TEMPLATES: ReadonlyMap<string, TemplateDefinition> = new Map(
  [...bookingTemplates, ...aftercareTemplates, ...marketingTemplates, ...learningTemplates, ...accountTemplates, ...ownerTemplates].map((t) => [t.key, t]),
);

export function templateDefinition(key: string): TemplateDefinition | undefined {
  return DEFAULT_TEMPLATES.get(key);
}
