import { resolveSession } from "@mas/accounts/read";
import { createServiceApp } from "@mas/core/http/app";
import { authenticate, protectMutations, useSessionResolver } from "@mas/core/http/auth";
import { documentRoutes } from "./routes/documents";
import { entryProofRoutes } from "./routes/entry-proofs";
import { photoRoutes } from "./routes/photos";
import { templateRoutes } from "./routes/templates";

/**
 * Documents: consent forms, e-signatures with a tamper-evident trail, certificates, files.
 * Under /api/documents:
 *
 *   GET  /me/documents                             signed in: own documents
 *   GET  /documents/:id                            the person it belongs to, or the owner (audited)
 *   GET  /documents/:id/download                   same: a 60 s presigned GET of the PDF (audited)
 *   POST /documents/:id/sign                       the client it belongs to: typed name, drawn PNG, consent
 *   GET  /documents/:id/verify                     the person or the owner: re-hash → intact/tampered
 *   GET  /admin/documents?clientId=|appointmentId= owner
 *   GET  /admin/templates[?kind]                   owner: latest version of each template
 *   POST /admin/templates                          owner: version 1 of a template
 *   GET  /admin/templates/:templateId              owner: latest + version list
 *   POST /admin/templates/:templateId/versions     owner: the next version (`basedOn` guards stale edits)
 *   GET  /admin/templates/:templateId/preview      owner: PDF with sample data (`?version=`)
 *   POST /admin/photos                             owner: presigned PUT for a clinical photo (client's photo consent required)
 *   POST /admin/photos/:fileId/confirm             owner: check the upload (size, magic bytes); wrong ones deleted
 *   PUT  /admin/photos/:fileId/treatment           owner: attach to a treatment record by id
 *   GET  /admin/photos?clientId[&treatmentId]      owner: a client's checked photos (audited)
 *   GET  /admin/photos/:fileId/download            owner: 60 s presigned GET (audited)
 *   POST /me/entry-proofs                          signed in: presigned PUT for proof of a course's entry requirement (PDF/JPEG/PNG ≤ 10 MB)
 *   POST /me/entry-proofs/:fileId/confirm          the uploader: check the upload; a good one is announced (entry_proof.uploaded)
 *   GET  /admin/entry-proofs/:fileId/download      owner: 60 s presigned GET (audited)
 *
 * Events: publishes document.generated/signed/expired through the outbox; consumes
 * appointment.confirmed, certificate.issued, its reminder.due workflow and user.erased.
 * Nothing here may be cached.
 */
useSessionResolver(resolveSession);

export const app = createServiceApp("documents")
  .use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  })
  .use(protectMutations(), authenticate())
  .route("/", documentRoutes)
  .route("/", templateRoutes)
  .route("/", photoRoutes)
  .route("/", entryProofRoutes);

export type AppType = typeof app;
