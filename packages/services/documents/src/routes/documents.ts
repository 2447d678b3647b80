import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import * as z from "zod";
import { auditFromContext } from "@mas/core/audit/audit";
import { forbidden } from "@mas/core/errors";
import { assertOwnerOrSelf, isPractitioner, requestMeta, requireAuth, requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { practice } from "@mas/core/practice";
import { presignedDownload } from "@mas/core/ports/storage";
import { clock } from "@mas/core/shared/clock";
import { db } from "../entities";
import { CONSENT_STATEMENT } from "../domain/consent-rules";
import { documentDetail, documentsOfSubject, documentsOfUser, documentView, findDocument, trailOf } from "../domain/document-store";
import { SignBody, signDocument, verifyDocument } from "../domain/signing";

const documentParams = z.object({ documentId: z.string().min(1).max(160) });
const adminListQuery = z.union([z.strictObject({ clientId: z.string().min(1).max(120) }), z.strictObject({ appointmentId: z.string().min(1).max(120) })]);
/** Presigned downloads live one minute: long enough to open, too short to forward. */
const DOWNLOAD_SECONDS = 60;
const NOT_FOUND = "documents.document_not_found";

/** A person's documents (their own only; the owner sees all), signing, download and verification. */
export const documentRoutes = new Hono<AuthEnv>()
  .get("/me/documents", requireAuth(), async (c) => {
    const now = clock.now();
    return c.json({ documents: (await documentsOfUser(c.var.auth.userId)).map((d) => documentView(d, now)).reverse() }, 200);
  })
  .get("/admin/documents", requireRole("owner"), validate("query", adminListQuery), async (c) => {
    const query = c.req.valid("query");
    const documents = "clientId" in query ? await documentsOfUser(query.clientId) : await documentsOfSubject(query.appointmentId);
    const now = clock.now();
    return c.json({ documents: documents.map((d) => documentView(d, now)) }, 200);
  })
  .get("/documents/:documentId", requireAuth(), validate("param", documentParams), async (c) => {
    const document = await findDocument(c.req.valid("param").documentId);
    assertOwnerOrSelf(c.var.auth, document?.userId, NOT_FOUND);
    await auditFromContext(c, "documents.document_read", `document:${document!.documentId}`);
    const { data: signature } = await db().entities.signature.get({ documentId: document!.documentId }).go();
    return c.json(
      {
        document: documentDetail(document!, clock.now()),
        consentStatement: CONSENT_STATEMENT,
        signature: signature ? { typedName: signature.typedName, signedAt: signature.signedAt } : null,
        ...(isPractitioner(c.var.auth) ? { trail: (await trailOf(document!.documentId)).map(({ seq, action, at, actor, ip, hash }) => ({ seq, action, at, actor, ip: ip ?? null, hash })) } : {}),
      },
      200,
    );
  })
  .get("/documents/:documentId/download", requireAuth(), validate("param", documentParams), async (c) => {
    const document = await findDocument(c.req.valid("param").documentId);
    assertOwnerOrSelf(c.var.auth, document?.userId, NOT_FOUND);
    await auditFromContext(c, "documents.document_downloaded", `document:${document!.documentId}`, { status: document!.status });
    return c.json({ url: await presignedDownload(document!.pdfKey, DOWNLOAD_SECONDS), expiresInSeconds: DOWNLOAD_SECONDS, status: document!.status }, 200);
  })
  .post(
    "/documents/:documentId/sign",
    requireAuth(),
    // A drawn signature is ~10–60 KB of base64; anything near this limit is not one.
    bodyLimit({ maxSize: 160 * 1024, onError: (c) => c.json({ error: { code: "documents.payload_too_large", message: "The request is too large for a signature" } }, 413) }),
    validate("param", documentParams),
    validate("json", SignBody, { maxBytes: 256 * 1024 }),
    async (c) => {
      const { documentId } = c.req.valid("param");
      const document = await findDocument(documentId);
      assertOwnerOrSelf(c.var.auth, document?.userId, NOT_FOUND);
      // The practitioner sees every document but only the client can give their consent.
      if (document!.userId !== c.var.auth.userId) throw forbidden("documents.not_signer", "Only the client can sign their own consent form");
      const meta = requestMeta(c);
      const signed = await signDocument(documentId, c.req.valid("json"), { userId: c.var.auth.userId, ip: meta.ip ?? "unknown", userAgent: meta.userAgent ?? "unknown" }, { now: clock.now(), clinic: practice() });
      return c.json({ document: documentView(signed, clock.now()) }, 200);
    },
  )
  .get("/documents/:documentId/verify", requireAuth(), validate("param", documentParams), async (c) => {
    const document = await findDocument(c.req.valid("param").documentId);
    assertOwnerOrSelf(c.var.auth, document?.userId, NOT_FOUND);
    const verification = await verifyDocument(document!);
    await auditFromContext(c, "documents.document_verified", `document:${document!.documentId}`, { status: verification.status });
    return c.json({ documentId: document!.documentId, ...verification }, 200);
  });
