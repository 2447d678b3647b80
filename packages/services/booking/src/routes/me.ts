import { Hono } from "hono";
import { auditFromContext } from "@mas/core/audit/audit";
import { clock } from "@mas/core/shared/clock";
import { latestMedicalHistory, medicalHistoryOf, MedicalInput, profileOf, ProfileInput, recordMedicalHistory, saveProfile } from "../domain/client-records";
import { treatmentRecordsOf } from "../domain/treatment-records";
import * as z from "zod";
import { serviceBySlug } from "../domain/catalogue";
import { readinessFor } from "../domain/client-eligibility";
import { loadSettings } from "../domain/settings-store";
import { requireAuth, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";

/** A client's own records: profile and consents, medical history (versioned), treatments. */
export const meRoutes = new Hono<AuthEnv>()
  .get("/me/profile", requireAuth(), async (c) => c.json({ profile: await profileOf(c.var.auth.userId) }, 200))
  .put("/me/profile", requireAuth(), validate("json", ProfileInput), async (c) => {
    return c.json({ profile: await saveProfile(c.var.auth.userId, c.req.valid("json"), clock.now()) }, 200);
  })
  .get("/me/medical", requireAuth(), async (c) => {
    const [latest, ...earlier] = await medicalHistoryOf(c.var.auth.userId);
    await auditFromContext(c, "booking.medical_history_read", c.var.auth.userId);
    return c.json({ current: latest ?? null, previousVersions: earlier.map(({ version, recordedAt }) => ({ version, recordedAt })) }, 200);
  })
  /** Whether a history is on file and when it was last updated — no health content, so no audited read. */
  .get("/me/medical/status", requireAuth(), async (c) => {
    const latest = await latestMedicalHistory(c.var.auth.userId);
    return c.json({ onFile: !!latest, version: latest?.version ?? null, recordedAt: latest?.recordedAt ?? null }, 200);
  })
  .post("/me/medical", requireAuth(), validate("json", MedicalInput), async (c) => {
    const version = await recordMedicalHistory(c.var.auth.userId, c.req.valid("json"), c.var.auth.userId, clock.now());
    return c.json({ current: version }, 201);
  })
  /** Where the client stands with a treatment's patch test and consultation: done, booked (when) or needed. */
  .get("/me/readiness", requireAuth(), validate("query", z.object({ service: z.string().min(1).max(80) })), async (c) => {
    const [settings, service] = await Promise.all([loadSettings(), serviceBySlug(c.req.valid("query").service)]);
    return c.json({ readiness: await readinessFor(c.var.auth.userId, service, settings, clock.now()) }, 200);
  })
  .get("/me/treatments", requireAuth(), async (c) => {
    const records = await treatmentRecordsOf(c.var.auth.userId);
    return c.json({ treatments: records.map(({ recordedBy: _by, ...record }) => record) }, 200);
  });
