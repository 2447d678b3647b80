import { beforeAll, describe, expect, it } from "vitest";
import { CONSENT_FIELDS } from "../src/domain/default-templates";
import { pngDataUrl, pngOf } from "./png";
import { body, call, confirmAppointment, json, sign, signUp, useSchedulerClock, type TestUser } from "./support";

useSchedulerClock();

let owner: TestUser;
let clientA: TestUser;
let clientB: TestUser;
let documentId: string;
let appointmentId: string;

beforeAll(async () => {
  [owner, clientA, clientB] = await Promise.all([signUp("owner"), signUp("client", { firstName: "Amelia", lastName: "Hughes" }), signUp("client")]);
  const appointment = await confirmAppointment(clientA);
  documentId = appointment.documentId;
  appointmentId = appointment.appointmentId;
});

const template = (category: string, overrides: Record<string, unknown> = {}) => ({
  kind: "consent",
  category,
  title: "Consent: {{treatment}}",
  sections: [{ heading: "You", body: "I, {{clientName}}, consent to {{treatment}}. Risks: {{risks}}" }],
  mergeFields: ["clientName", "treatment", "risks"],
  risks: "Bruising.",
  ...overrides,
});

describe("who may call what", () => {
  const anonymous = { headers: {} };
  const routes: [string, string, () => string, unknown?][] = [
    ["GET", "/me/documents", () => "/me/documents"],
    ["GET", "/documents/:id", () => `/documents/${documentId}`],
    ["GET", "/documents/:id/download", () => `/documents/${documentId}/download`],
    ["GET", "/documents/:id/verify", () => `/documents/${documentId}/verify`],
    ["POST", "/documents/:id/sign", () => `/documents/${documentId}/sign`, { typedName: "x y", signaturePng: "x", consent: true }],
    ["GET", "/admin/documents", () => `/admin/documents?clientId=${clientA.userId}`],
    ["GET", "/admin/templates", () => "/admin/templates"],
    ["POST", "/admin/templates", () => "/admin/templates", template("anon")],
    ["GET", "/admin/templates/:id", () => "/admin/templates/consent-general"],
    ["POST", "/admin/templates/:id/versions", () => "/admin/templates/consent-general/versions", template("x")],
    ["GET", "/admin/templates/:id/preview", () => "/admin/templates/consent-general/preview"],
  ];

  it.each(routes)("anonymous %s %s → 401", async (method, _, path, payload) => {
    const res = await call(path(), json(method, payload, anonymous));
    expect(res.status).toBe(401);
    expect((await body(res)).error.code).toBe("auth.unauthenticated");
  });

  it.each(routes.filter(([, name]) => name.startsWith("/admin")))("a client %s %s → 403", async (method, _, path, payload) => {
    const res = await call(path(), json(method, payload, clientA));
    expect(res.status).toBe(403);
  });

  it.each([
    ["GET", () => `/documents/${documentId}`],
    ["GET", () => `/documents/${documentId}/download`],
    ["GET", () => `/documents/${documentId}/verify`],
  ] as const)("another client %s %s → 404, the same as a missing document", async (method, path) => {
    const theirs = await call(path(), json(method, undefined, clientB));
    const missing = await call(path().replace(documentId, "consent-missing"), json(method, undefined, clientB));
    expect(theirs.status).toBe(404);
    expect(await body(theirs)).toEqual(await body(missing));
  });

  it("another client cannot sign it (404) and the owner may not sign for the client (403)", async () => {
    expect((await sign(clientB, documentId)).status).toBe(404);
    const byOwner = await sign(owner, documentId);
    expect(byOwner.status).toBe(403);
    expect((await body(byOwner)).error.code).toBe("documents.not_signer");
  });
});

describe("reading documents", () => {
  it("the client sees their own, with the text and the consent statement; the owner sees it with its trail", async () => {
    const mine = await body(await call(`/documents/${documentId}`, { headers: clientA.headers }));
    expect(mine.document).toMatchObject({ documentId, status: "awaiting_signature", subjectId: appointmentId });
    expect(mine.document.content.title).toContain("Lip filler");
    expect(mine.consentStatement).toMatch(/I agree/);
    expect(mine.trail).toBeUndefined();
    const asOwner = await body(await call(`/documents/${documentId}`, { headers: owner.headers }));
    expect(asOwner.trail).toMatchObject([{ seq: 1, action: "generated" }]);
  });

  it("lists: /me/documents holds only the caller's; the owner lists by client or appointment", async () => {
    expect((await body(await call("/me/documents", { headers: clientA.headers }))).documents.map((d: { documentId: string }) => d.documentId)).toEqual([documentId]);
    expect((await body(await call("/me/documents", { headers: clientB.headers }))).documents).toEqual([]);
    expect((await body(await call(`/admin/documents?clientId=${clientA.userId}`, { headers: owner.headers }))).documents).toHaveLength(1);
    expect((await body(await call(`/admin/documents?appointmentId=${appointmentId}`, { headers: owner.headers }))).documents[0].documentId).toBe(documentId);
    expect((await call("/admin/documents", { headers: owner.headers })).status).toBe(400);
  });

  it("download gives a short-lived presigned URL that serves the PDF", async () => {
    const res = await body(await call(`/documents/${documentId}/download`, { headers: clientA.headers }));
    expect(res.expiresInSeconds).toBe(60);
    expect(res.url).toMatch(/X-Amz-Expires=60/);
    const pdf = await fetch(res.url);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });

  it("verify before signing is a 409", async () => {
    const res = await call(`/documents/${documentId}/verify`, { headers: owner.headers });
    expect(res.status).toBe(409);
    expect((await body(res)).error.code).toBe("documents.not_signed");
  });
});

describe("signing refuses bad input without changing the document", () => {
  it.each([
    ["no typed name", { typedName: "" }, 400, "validation_failed"],
    ["consent not given", { consent: false }, 400, "validation_failed"],
    ["extra fields", { signedAt: "2020-01-01T00:00:00Z" }, 400, "validation_failed"],
    ["a JPEG instead of a PNG", { signaturePng: "data:image/jpeg;base64,/9j/4AAQSkZJRg==" }, 422, "documents.signature_not_data_url"],
    ["an .exe dressed as a PNG data URL", { signaturePng: pngDataUrl(Buffer.from("MZ\u0090\u0000 this is not a png at all")) }, 422, "documents.signature_not_png"],
    ["a PNG 1 pixel high", { signaturePng: pngDataUrl(pngOf(600, 1)) }, 422, "documents.signature_bad_dimensions"],
    ["malformed base64", { signaturePng: "data:image/png;base64,!!!!" }, 422, "documents.signature_not_base64"],
    ["an image over the size limit", { signaturePng: `data:image/png;base64,${"A".repeat(137_200)}` }, 422, "documents.signature_too_large"],
  ])("%s → %i", async (_, overrides, status, code) => {
    const res = await sign(clientA, documentId, overrides);
    expect(res.status).toBe(status);
    expect((await body(res)).error.code).toBe(code);
    expect((await body(await call(`/documents/${documentId}`, { headers: clientA.headers }))).document.status).toBe("awaiting_signature");
  });

  it("a huge payload → 413 before it is parsed", async () => {
    const res = await sign(clientA, documentId, { signaturePng: `data:image/png;base64,${"A".repeat(1_000_000)}` });
    expect(res.status).toBe(413);
    expect((await body(res)).error.code).toBe("documents.payload_too_large");
  });

  it("a missing document → 404", async () => {
    expect((await sign(clientA, "consent-nope")).status).toBe(404);
  });
});

describe("templates", () => {
  it("the owner creates version 1; a second create for the same category is a 409", async () => {
    const res = await call("/admin/templates", json("POST", template("lip-test"), owner));
    expect(res.status).toBe(201);
    expect((await body(res)).template).toMatchObject({ templateId: "consent-lip-test", version: 1, kind: "consent", category: "lip-test" });
    const again = await call("/admin/templates", json("POST", template("lip-test"), owner));
    expect(again.status).toBe(409);
    expect((await body(again)).error.code).toBe("documents.template_exists");
  });

  it.each([
    ["an undeclared merge field", template("bad-a", { sections: [{ heading: "x", body: "{{clientNmae}}" }] }), 422, "sections.0.body"],
    ["an unknown declared field", template("bad-b", { mergeFields: ["clientName", "shoeSize"] }), 422, "mergeFields.1"],
    ["a category that is not a slug", template("Lip Filler!"), 400, "category"],
    ["no sections", template("bad-c", { sections: [] }), 400, "sections"],
  ])("refuses %s", async (_, payload, status, field) => {
    const res = await call("/admin/templates", json("POST", payload, owner));
    expect(res.status).toBe(status);
    expect(Object.keys((await body(res)).error.fields ?? {})).toContain(field);
  });

  it("a new version pins earlier documents to the version they were generated from", async () => {
    await call("/admin/templates", json("POST", template("peel-test", { title: "Peel consent v1 for {{treatment}}" }), owner));
    const client = await signUp();
    const first = await confirmAppointment(client, { category: "peel-test", serviceName: "Chemical peel" });
    expect((await sign(client, first.documentId)).status).toBe(200);

    const v2 = await call("/admin/templates/consent-peel-test/versions", json("POST", { ...template("x", { title: "Peel consent v2 for {{treatment}}" }), kind: undefined, category: undefined, basedOn: 1 }, owner));
    expect(v2.status).toBe(201);
    expect((await body(v2)).template.version).toBe(2);
    const stale = await call("/admin/templates/consent-peel-test/versions", json("POST", { ...template("x"), kind: undefined, category: undefined, basedOn: 1 }, owner));
    expect(stale.status).toBe(409);

    const kept = await body(await call(`/documents/${first.documentId}`, { headers: client.headers }));
    expect(kept.document).toMatchObject({ status: "signed", template: { templateId: "consent-peel-test", version: 1 } });
    expect(kept.document.content.title).toBe("Peel consent v1 for Chemical peel");
    const second = await confirmAppointment(client, { category: "peel-test", serviceName: "Chemical peel" });
    const fresh = await body(await call(`/documents/${second.documentId}`, { headers: client.headers }));
    expect(fresh.document.template.version).toBe(2);
    expect(fresh.document.content.title).toBe("Peel consent v2 for Chemical peel");

    const detail = await body(await call("/admin/templates/consent-peel-test", { headers: owner.headers }));
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it("preview renders a PDF with sample data, of any version; unknown ones are 404", async () => {
    await call("/admin/templates", json("POST", { ...template("preview-test"), mergeFields: CONSENT_FIELDS, sections: [{ heading: "x", body: "{{clientName}} {{appointmentDate}}" }] }, owner));
    const res = await call("/admin/templates/consent-preview-test/preview?version=1", { headers: owner.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    expect((await call("/admin/templates/consent-preview-test/preview?version=9", { headers: owner.headers })).status).toBe(404);
    expect((await call("/admin/templates/not-a-template/preview", { headers: owner.headers })).status).toBe(400);
  });

  it("lists the latest version of each template", async () => {
    const { templates } = await body(await call("/admin/templates?kind=consent", { headers: owner.headers }));
    const peel = templates.find((t: { templateId: string }) => t.templateId === "consent-peel-test");
    expect(peel.version).toBe(2);
  });
});
