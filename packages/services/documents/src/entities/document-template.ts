import { Entity, type EntityItem } from "electrodb";

/**
 * One version of a template. A template is identified by `templateId`
 * (`consent-<treatment category>` or `certificate-<slug>`) and never edited: saving makes
 * the next version, written only if that version number is free, so two owners saving at
 * once cannot both become version 3. A document records the templateId and version it was
 * generated from and keeps its merged text, so a later version never changes it.
 */
export const DocumentTemplate = new Entity({
  model: { entity: "documentTemplate", version: "1", service: "mas" },
  attributes: {
    templateId: { type: "string", required: true, readOnly: true },
    version: { type: "number", required: true, readOnly: true, padding: { length: 6, char: "0" } },
    kind: { type: ["consent", "certificate"] as const, required: true, readOnly: true },
    /** Treatment category for consent (`dermal-filler`), `course` for certificates. */
    category: { type: "string", required: true, readOnly: true },
    title: { type: "string", required: true, readOnly: true },
    sections: {
      type: "list",
      required: true,
      readOnly: true,
      items: { type: "map", properties: { heading: { type: "string", required: true }, body: { type: "string", required: true } } },
    },
    mergeFields: { type: "list", items: { type: "string" }, required: true, readOnly: true },
    /** The template's own merge values: the risks and aftercare of this category. */
    risks: { type: "string", default: "", readOnly: true },
    aftercare: { type: "string", default: "", readOnly: true },
    createdBy: { type: "string", required: true, readOnly: true },
    createdAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    /** A template's versions, oldest first (latest: newest first, limit 1). */
    versions: {
      pk: { field: "pk", composite: ["templateId"] },
      sk: { field: "sk", composite: ["version"] },
    },
    /** The owner's list: every version of every template of a kind. */
    byKind: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: ["kind"] },
      sk: { field: "gsi1sk", composite: ["templateId", "version"] },
    },
  },
});

export type DocumentTemplateItem = EntityItem<typeof DocumentTemplate>;
