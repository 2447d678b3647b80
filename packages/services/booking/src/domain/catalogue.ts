import type { EntityItem } from "electrodb";
import { ulid } from "ulid";
import * as z from "zod";
import { db } from "../entities";
import type { Treatment } from "../entities/treatment";
import { conflict, notFound, unprocessable } from "@mas/core/errors";
import { requirementsOf } from "./eligibility";
import { Service } from "./settings";
import { assertMediaReady } from "./public-media";

/**
 * The treatment menu (`Service` in the domain, `Treatment` items in the table). Slugs are
 * unique: creating or renaming writes a `TreatmentSlug` claim with `attribute_not_exists`
 * in the same transaction, so two treatments can never share one.
 */
export const NewService = Service.omit({ id: true });
export type NewService = z.input<typeof NewService>;
export const ServiceChanges = Service.omit({ id: true }).partial();
export type ServiceChanges = z.input<typeof ServiceChanges>;

type TreatmentItem = EntityItem<typeof Treatment>;

function toService(item: TreatmentItem): Service {
  const { serviceId, createdAt: _c, updatedAt: _u, ...rest } = item;
  return Service.parse({ id: serviceId, ...rest });
}

/** A treatment's picture must be a checked upload, and must say what it shows (alt text for screen readers). */
async function assertImage(service: Service): Promise<void> {
  if (!service.image) return;
  if (!service.imageAlt) throw unprocessable("booking.image_alt_missing", "Describe the picture for people who cannot see it", { imageAlt: "Describe what the picture shows" });
  await assertMediaReady(service.image, "image");
}

export async function listServices(options: { includeInactive?: boolean } = {}): Promise<Service[]> {
  const { data } = await db().entities.treatment.query.catalogue({}).go({ pages: "all" });
  return data.map(toService).filter((s) => options.includeInactive || s.active);
}

/** A treatment by slug; inactive ones only when asked (the owner sees them, the public not). */
export async function serviceBySlug(slug: string, options: { includeInactive?: boolean } = {}): Promise<Service> {
  const { data } = await db().entities.treatment.query.catalogue({ slug }).go();
  const item = data.find((t) => t.slug === slug);
  if (!item || (!item.active && !options.includeInactive)) throw notFound("booking.service_not_found", "No such treatment");
  return toService(item);
}

export async function serviceById(serviceId: string): Promise<Service> {
  const { data } = await db().entities.treatment.get({ serviceId }).go({ consistent: true });
  if (!data) throw notFound("booking.service_not_found", "No such treatment");
  return toService(data);
}

/**
 * What a client needs before booking `service` (eligibility.ts) and, for a patch test or
 * consultation first, the treatment to book for it: the clinic's first active one of that
 * category (null when the clinic offers none online).
 */
export async function requirementsFor(service: Service) {
  const rules = requirementsOf(service);
  if (!rules.patchTest && !rules.consultation) return { ...rules, patchTestService: null, consultationService: null };
  const menu = await listServices();
  const first = (category: Service["category"]) => {
    const found = menu.find((s) => s.category === category && s.id !== service.id);
    return found ? { slug: found.slug, name: found.name } : null;
  };
  return { ...rules, patchTestService: rules.patchTest ? first("patch-test") : null, consultationService: rules.consultation ? first("consultation") : null };
}

export async function createService(input: NewService, now: Date): Promise<Service> {
  const service = Service.parse({ ...NewService.parse(input), id: ulid() });
  await assertImage(service);
  const at = now.toISOString();
  const { id, image, ...fields } = service;
  const result = await db()
    .transaction.write(({ treatment, treatmentSlug }) => [
      treatment.create({ ...fields, ...(image ? { image } : {}), serviceId: id, createdAt: at, updatedAt: at }).commit(),
      treatmentSlug.create({ slug: service.slug, serviceId: id }).commit(),
    ])
    .go();
  if (result.canceled) throw slugTaken(service.slug);
  return service;
}

export async function updateService(serviceId: string, changes: ServiceChanges, now: Date): Promise<Service> {
  const current = await serviceById(serviceId);
  const next = Service.parse({ ...current, ...ServiceChanges.parse(changes), id: serviceId });
  if (next.image !== current.image || next.imageAlt !== current.imageAlt) await assertImage(next);
  const { id: _id, slug, image, ...fields } = next;
  const result = await db()
    .transaction.write(({ treatment, treatmentSlug }) => [
      treatment
        .patch({ serviceId })
        .set({ ...fields, ...(image ? { image } : {}), slug, updatedAt: now.toISOString() })
        .remove(image ? [] : ["image"])
        .where((t, { eq }) => eq(t.slug, current.slug))
        .commit(),
      ...(slug === current.slug
        ? []
        : [
            treatmentSlug.create({ slug, serviceId }).commit(),
            treatmentSlug
              .delete({ slug: current.slug })
              .where((t, { eq }) => eq(t.serviceId, serviceId))
              .commit(),
          ]),
    ])
    .go();
  if (result.canceled) {
    if ((result.data as { code: string }[])[1]?.code === "ConditionalCheckFailed") throw slugTaken(slug);
    throw conflict("booking.service_changed", "The treatment changed while you were editing it; reload and try again");
  }
  return next;
}

function slugTaken(slug: string) {
  return conflict("booking.slug_taken", `Another treatment already uses the address "${slug}"`);
}
