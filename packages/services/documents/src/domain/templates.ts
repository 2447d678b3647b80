import * as z from "zod";
import { conflict, notFound } from "@mas/core/errors";
import { isConditionFailure } from "@mas/core/db/conditions";
import { db } from "../entities";
import type { DocumentTemplateItem } from "../entities/document-template";
import { assertValidTemplate, MERGE_FIELDS, type TemplateKind, type TemplateText } from "./merge-fields";

/**
 * Templates the owner writes: one per treatment category for consent forms, and one (or
 * more) for certificates. Saving never edits a version: `createTemplate` makes version 1
 * and `saveNewVersion` the next one, each a conditional create.
 */
const text = (max: number) => z.string().trim().max(max);
const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Lower-case words joined by hyphens").max(60);

export const TemplateBody = z.strictObject({
  title: text(200).min(1),
  sections: z.array(z.strictObject({ heading: text(200).min(1), body: text(8_000) })).min(1).max(40),
  mergeFields: z.array(z.string().max(40)).max(20),
  risks: text(8_000).optional(),
  aftercare: text(8_000).optional(),
});
export type TemplateBody = z.infer<typeof TemplateBody>;

export const NewTemplate = TemplateBody.extend({
  kind: z.enum(["consent", "certificate"]),
  /** Treatment category (consent) or a certificate name. */
  category: slug,
});
export type NewTemplate = z.infer<typeof NewTemplate>;

export const templateIdOf = (kind: TemplateKind, category: string): string => `${kind}-${category}`;

export interface TemplateView {
  templateId: string;
  version: number;
  kind: TemplateKind;
  category: string;
  title: string;
  sections: { heading: string; body: string }[];
  mergeFields: string[];
  risks: string;
  aftercare: string;
  createdAt: string;
}

export const templateView = (t: DocumentTemplateItem): TemplateView => ({
  templateId: t.templateId,
  version: t.version,
  kind: t.kind,
  category: t.category,
  title: t.title,
  sections: t.sections,
  mergeFields: t.mergeFields,
  risks: t.risks ?? "",
  aftercare: t.aftercare ?? "",
  createdAt: t.createdAt,
});

export const templateText = (t: Pick<TemplateView, "kind" | "title" | "sections" | "mergeFields">): TemplateText => ({ kind: t.kind, title: t.title, sections: t.sections, mergeFields: t.mergeFields });

async function insertVersion(base: { templateId: string; kind: TemplateKind; category: string }, body: TemplateBody, version: number, by: string, now: Date): Promise<TemplateView> {
  assertValidTemplate({ kind: base.kind, ...body });
  try {
    const { data } = await db()
      .entities.documentTemplate.create({ ...base, version, ...body, risks: body.risks ?? "", aftercare: body.aftercare ?? "", createdBy: by, createdAt: now.toISOString() })
      .go();
    return templateView(data);
  } catch (error) {
    if (isConditionFailure(error)) throw conflict("documents.template_version_taken", `Version ${version} of ${base.templateId} was just saved by someone else: reload and try again`);
    throw error;
  }
}

export async function createTemplate(input: NewTemplate, by: string, now: Date): Promise<TemplateView> {
  const { kind, category, ...body } = NewTemplate.parse(input);
  const templateId = templateIdOf(kind, category);
  if (await latestTemplate(templateId)) throw conflict("documents.template_exists", `There is already a ${kind} template for ${category}: save a new version of it instead`);
  return insertVersion({ templateId, kind, category }, body, 1, by, now);
}

/** The next version of a template. `basedOn` (the version the owner edited) makes a stale edit a 409 instead of silently overtaking. */
export async function saveNewVersion(templateId: string, input: TemplateBody, basedOn: number | undefined, by: string, now: Date): Promise<TemplateView> {
  const current = await requireTemplate(templateId);
  if (basedOn !== undefined && basedOn !== current.version) throw conflict("documents.template_version_stale", `You edited version ${basedOn}, but version ${current.version} is the latest: reload and try again`);
  return insertVersion({ templateId, kind: current.kind, category: current.category }, TemplateBody.parse(input), current.version + 1, by, now);
}

export async function latestTemplate(templateId: string): Promise<TemplateView | undefined> {
  const { data } = await db().entities.documentTemplate.query.versions({ templateId }).go({ order: "desc", limit: 1 });
  return data[0] ? templateView(data[0]) : undefined;
}

export async function requireTemplate(templateId: string, version?: number): Promise<TemplateView> {
  const found = version === undefined ? await latestTemplate(templateId) : await templateAt(templateId, version);
  if (!found) throw notFound("documents.template_not_found", version === undefined ? "No such template" : "No such template version");
  return found;
}

export async function templateAt(templateId: string, version: number): Promise<TemplateView | undefined> {
  const { data } = await db().entities.documentTemplate.get({ templateId, version }).go();
  return data ? templateView(data) : undefined;
}

export async function versionsOf(templateId: string): Promise<TemplateView[]> {
  const { data } = await db().entities.documentTemplate.query.versions({ templateId }).go({ pages: "all" });
  return data.map(templateView);
}

/** The latest version of every template of a kind (the owner's list). */
export async function listTemplates(kind: TemplateKind): Promise<TemplateView[]> {
  const { data } = await db().entities.documentTemplate.query.byKind({ kind }).go({ pages: "all" });
  const latest = new Map<string, DocumentTemplateItem>();
  for (const item of data) if ((latest.get(item.templateId)?.version ?? 0) < item.version) latest.set(item.templateId, item);
  return [...latest.values()].map(templateView);
}

export const KNOWN_FIELDS = MERGE_FIELDS;
