import { Hono } from "hono";
import * as z from "zod";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { practice } from "@mas/core/practice";
import { clock } from "@mas/core/shared/clock";
import { mergeTemplate, sampleValues } from "../domain/merge-fields";
import { renderCertificatePdf, renderConsentPdf } from "../domain/pdf";
import { createTemplate, listTemplates, NewTemplate, requireTemplate, saveNewVersion, TemplateBody, templateText, versionsOf } from "../domain/templates";

const templateParams = z.object({ templateId: z.string().regex(/^(consent|certificate)-[a-z0-9-]{1,60}$/, "Not a template id") });
const listQuery = z.object({ kind: z.enum(["consent", "certificate"]).optional() });
const previewQuery = z.object({ version: z.coerce.number().int().positive().max(999_999).optional() });
const versionBody = TemplateBody.extend({ basedOn: z.number().int().positive().optional() });

/** The owner's templates: consent per treatment category, certificates. Versions are never edited. */
export const templateRoutes = new Hono<AuthEnv>()
  .get("/admin/templates", requireRole("owner"), validate("query", listQuery), async (c) => {
    const { kind } = c.req.valid("query");
    const kinds = kind ? [kind] : (["consent", "certificate"] as const);
    const templates = (await Promise.all(kinds.map((k) => listTemplates(k)))).flat();
    return c.json({ templates }, 200);
  })
  .post("/admin/templates", requireRole("owner"), validate("json", NewTemplate, { maxBytes: 512 * 1024 }), async (c) => {
    const template = await createTemplate(c.req.valid("json"), c.var.auth.userId, clock.now());
    return c.json({ template }, 201);
  })
  .get("/admin/templates/:templateId", requireRole("owner"), validate("param", templateParams), async (c) => {
    const { templateId } = c.req.valid("param");
    const latest = await requireTemplate(templateId);
    return c.json({ template: latest, versions: (await versionsOf(templateId)).map(({ version, createdAt }) => ({ version, createdAt })) }, 200);
  })
  .post("/admin/templates/:templateId/versions", requireRole("owner"), validate("param", templateParams), validate("json", versionBody, { maxBytes: 512 * 1024 }), async (c) => {
    const { basedOn, ...body } = c.req.valid("json");
    const template = await saveNewVersion(c.req.valid("param").templateId, body, basedOn, c.var.auth.userId, clock.now());
    return c.json({ template }, 201);
  })
  /** The template rendered with sample data, exactly as a client would receive it. */
  .get("/admin/templates/:templateId/preview", requireRole("owner"), validate("param", templateParams), validate("query", previewQuery), async (c) => {
    const template = await requireTemplate(c.req.valid("param").templateId, c.req.valid("query").version);
    const clinic = practice();
    const values = sampleValues(template.kind, { clinicName: clinic.name, ...(template.risks ? { risks: template.risks } : {}), ...(template.aftercare ? { aftercare: template.aftercare } : {}) });
    const content = mergeTemplate(templateText(template), values);
    const pdf =
      template.kind === "consent"
        ? await renderConsentPdf({ clinic, documentId: "PREVIEW", templateId: template.templateId, templateVersion: template.version, content, generatedAt: "preview" })
        : await renderCertificatePdf({ clinic, content, certificateNumber: values.certificateNumber!, verificationUrl: values.verificationUrl!, qrPng: new Uint8Array(await (await import("qrcode")).toBuffer(values.verificationUrl!, { type: "png" })) });
    c.header("Content-Type", "application/pdf");
    c.header("Content-Disposition", `inline; filename="${template.templateId}-v${template.version}-preview.pdf"`);
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200);
  });
