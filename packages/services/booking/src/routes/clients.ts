import { Hono } from "hono";
import * as z from "zod";
import { auditFromContext } from "@mas/core/audit/audit";
import { assertClient, clientFile, recallBatch, searchClients } from "../domain/client-directory";
import { clock } from "@mas/core/shared/clock";
import { PatchTestInput, recordPatchTest, recordTreatment, TreatmentRecordInput } from "../domain/treatment-records";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { CursorParam, openCursor, sealCursor } from "@mas/core/db/cursor";
import { idParam } from "../actor";
import { addClientNote, ClientNoteInput } from "../domain/client-notes";

const clientQuery = z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(50), cursor: CursorParam });
const recallQuery = z.object({ batch: z.string().trim().min(1).max(60) });

/** The practitioner's clinical records: clients, treatments, patch tests, recalls (owner only). */
export const clientRoutes = new Hono<AuthEnv>()
  .get("/admin/clients", requireRole("owner"), validate("query", clientQuery), async (c) => {
    const { q, limit, cursor } = c.req.valid("query");
    const scope = ["booking.clients", c.var.auth.userId, q ?? null];
    const page = await searchClients(q, limit, openCursor(cursor, scope) ?? undefined);
    return c.json({ clients: page.users, cursor: sealCursor(page.cursor, scope) }, 200);
  })
  .get("/admin/clients/:id", requireRole("owner"), validate("param", idParam), async (c) => {
    const clientId = c.req.valid("param").id;
    const file = await clientFile(clientId);
    await auditFromContext(c, "booking.medical_history_read", clientId, { versions: file.medicalHistory.length });
    return c.json(file, 200);
  })
  .post("/admin/clients/:id/treatments", requireRole("owner"), validate("param", idParam), validate("json", TreatmentRecordInput), async (c) => {
    const clientId = c.req.valid("param").id;
    await assertClient(clientId);
    return c.json({ treatment: await recordTreatment(clientId, c.req.valid("json"), c.var.auth.userId, clock.now()) }, 201);
  })
  .post("/admin/clients/:id/patch-tests", requireRole("owner"), validate("param", idParam), validate("json", PatchTestInput), async (c) => {
    const clientId = c.req.valid("param").id;
    await assertClient(clientId);
    return c.json({ patchTest: await recordPatchTest(clientId, c.req.valid("json"), c.var.auth.userId, clock.now()) }, 201);
  })
  /** A dated note on the client (read back with the client file, whose read is audited). */
  .post("/admin/clients/:id/notes", requireRole("owner"), validate("param", idParam), validate("json", ClientNoteInput), async (c) => {
    const clientId = c.req.valid("param").id;
    await assertClient(clientId);
    const note = await addClientNote(clientId, c.req.valid("json"), c.var.auth.userId, clock.now());
    await auditFromContext(c, "booking.client_note_added", clientId, { noteId: note.noteId });
    return c.json({ note }, 201);
  })
  .get("/admin/recalls", requireRole("owner"), validate("query", recallQuery), async (c) => {
    const batch = c.req.valid("query").batch;
    const uses = await recallBatch(batch);
    await auditFromContext(c, "booking.batch_recall_read", `batch:${batch.toUpperCase()}`, { clients: uses.length });
    return c.json({ batch: batch.toUpperCase(), uses }, 200);
  });

