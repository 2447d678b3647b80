import { Hono } from "hono";
import * as z from "zod";
import { clock } from "@mas/core/shared/clock";
import { createService, listServices, NewService, requirementsFor, serviceById, serviceBySlug, ServiceChanges, updateService } from "../domain/catalogue";
import { depositFor, type Service } from "../domain/settings";
import { requireRole, type AuthEnv } from "@mas/core/http/auth";
import { validate } from "@mas/core/http/validate";
import { idParam } from "../actor";

/** A treatment as shown to clients, with the deposit it takes worked out. */
const withDeposit = (service: Service) => ({ ...service, depositInPence: depositFor(service) });
const slugParam = z.object({ slug: z.string().min(1).max(80) });

/** The treatment menu: public reads, owner edits. */
export const catalogueRoutes = new Hono<AuthEnv>()
  .get("/services", async (c) => c.json({ services: (await listServices()).map(withDeposit) }, 200))
  .get("/services/:slug", validate("param", slugParam), async (c) => {
    const service = await serviceBySlug(c.req.valid("param").slug);
    return c.json({ service: withDeposit(service), requirements: await requirementsFor(service) }, 200);
  })
  .get("/admin/services", requireRole("owner"), async (c) => c.json({ services: await listServices({ includeInactive: true }) }, 200))
  .get("/admin/services/:id", requireRole("owner"), validate("param", idParam), async (c) => c.json({ service: await serviceById(c.req.valid("param").id) }, 200))
  .post("/admin/services", requireRole("owner"), validate("json", NewService), async (c) => {
    return c.json({ service: await createService(c.req.valid("json"), clock.now()) }, 201);
  })
  .patch("/admin/services/:id", requireRole("owner"), validate("param", idParam), validate("json", ServiceChanges), async (c) => {
    return c.json({ service: await updateService(c.req.valid("param").id, c.req.valid("json"), clock.now()) }, 200);
  })
  /** Treatments are archived, not deleted: appointments and records still name them. */
  .delete("/admin/services/:id", requireRole("owner"), validate("param", idParam), async (c) => {
    return c.json({ service: await updateService(c.req.valid("param").id, { active: false }, clock.now()) }, 200);
  });
