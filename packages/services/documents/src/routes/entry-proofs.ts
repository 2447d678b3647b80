import { Hono } from "hono";
import * as z from "zod";
import { auditFromContext } from "@mas/core/audit/audit";
import { requireAuth, requireRole, type AuthEnv } from "@mas/core/http/auth";
import { rateLimit, ROUTE_CLASSES } from "@mas/core/http/rate-limit";
import { validate } from "@mas/core/http/validate";
import { clock } from "@mas/core/shared/clock";
import { confirmEntryProof, EntryProofRequest, entryProofDownloadUrl, entryProofView, PROOF_DOWNLOAD_SECONDS, requestEntryProofUpload, requireEntryProof } from "../domain/entry-proofs";

const fileParams = z.object({ fileId: z.uuid() });

/** Entry proofs: the student uploads their own (someone else's is a 404); only the owner downloads one (audited). */
export const entryProofRoutes = new Hono<AuthEnv>()
  .post("/me/entry-proofs", requireAuth(), validate("json", EntryProofRequest), rateLimit(ROUTE_CLASSES.upload), async (c) => c.json(await requestEntryProofUpload(c.req.valid("json"), c.var.auth.userId, clock.now()), 201))
  .post("/me/entry-proofs/:fileId/confirm", requireAuth(), validate("param", fileParams), async (c) => {
    const file = await confirmEntryProof(c.req.valid("param").fileId, c.var.auth.userId, clock.now());
    return c.json({ proof: entryProofView(file) }, 200);
  })
  .get("/admin/entry-proofs/:fileId/download", requireRole("owner"), validate("param", fileParams), async (c) => {
    const file = await requireEntryProof(c.req.valid("param").fileId);
    if (file.status !== "ready") return c.json({ error: { code: "documents.file_not_ready", message: "This upload has not passed its checks" } }, 409);
    await auditFromContext(c, "documents.entry_proof_viewed", `file:${file.fileId}`, { userId: file.userId, enrollmentId: file.enrollmentId ?? "" });
    return c.json({ url: await entryProofDownloadUrl(file), expiresInSeconds: PROOF_DOWNLOAD_SECONDS, contentType: file.contentType }, 200);
  });
