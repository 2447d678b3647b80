import type { EntityItem } from "electrodb";
import { ulid } from "ulid";
import * as z from "zod";
import { db } from "../entities";
import type { TreatmentRecord } from "../entities/treatment-record";
import type { PatchTest } from "../entities/patch-test";
import { LocalDate } from "./settings";

/**
 * What the practitioner records: treatments and consultations (products with batch and
 * expiry, areas/units, aftercare, photos) and patch tests. A record and the `BatchUse`
 * items of its products are written in one transaction, so a recall never misses anyone.
 */
const text = (max: number) => z.string().trim().max(max);

export const TreatmentRecordInput = z.object({
  kind: z.enum(["treatment", "consultation"]).default("treatment"),
  performedAt: z.iso.datetime({ offset: true }),
  appointmentId: z.string().min(1).optional(),
  serviceName: text(120).min(1),
  products: z
    .array(z.object({ name: text(120).min(1), batch: text(60).min(1), expiry: LocalDate, quantity: text(40).optional() }))
    .max(20)
    .default([]),
  /** Face-map notes: an area, the units used there, and anything worth remembering. */
  areas: z
    .array(z.object({ area: text(80).min(1), units: z.number().nonnegative().max(1000).optional(), notes: text(500).optional() }))
    .max(40)
    .default([]),
  aftercare: text(4000).default(""),
  notes: text(4000).default(""),
  photoFileIds: z.array(z.string().min(1).max(80)).max(40).default([]),
});
export type TreatmentRecordInput = z.input<typeof TreatmentRecordInput>;
export type TreatmentRecordItem = EntityItem<typeof TreatmentRecord>;

/** Batch numbers as printed on the vial, compared without case or surrounding spaces. */
export function normaliseBatch(batch: string): string {
  return batch.trim().toUpperCase();
}

export async function recordTreatment(clientId: string, input: TreatmentRecordInput, by: string, now: Date): Promise<TreatmentRecordItem> {
  const parsed = TreatmentRecordInput.parse(input);
  const record: TreatmentRecordItem = {
    ...parsed,
    clientId,
    treatmentId: ulid(now.getTime()),
    performedAt: new Date(parsed.performedAt).toISOString(),
    products: parsed.products.map((p) => ({ ...p, batch: normaliseBatch(p.batch) })),
    recordedBy: by,
    createdAt: now.toISOString(),
  };
  const batches = new Map(record.products!.map((p) => [p.batch, p]));
  const result = await db()
    .transaction.write(({ treatmentRecord, batchUse }) => [
      treatmentRecord.create(record).commit(),
      ...[...batches.values()].map((p) =>
        batchUse
          .put({ batch: p.batch, clientId, treatmentId: record.treatmentId, product: p.name, expiry: p.expiry, performedAt: record.performedAt })
          .commit(),
      ),
    ])
    .go();
  if (result.canceled) throw new Error(`Treatment record not saved: ${result.data.map((d) => d.code).join(", ")}`);
  return record;
}

/** A client's treatment and consultation records, newest first. */
export async function treatmentRecordsOf(clientId: string): Promise<TreatmentRecordItem[]> {
  const { data } = await db().entities.treatmentRecord.query.byClient({ clientId }).go({ order: "desc", pages: "all" });
  return data;
}

export async function hasCompletedConsultation(clientId: string): Promise<boolean> {
  return (await treatmentRecordsOf(clientId)).some((r) => r.kind === "consultation");
}

/** Every use of a batch: who was treated with it, when, and the record to open. */
export async function usesOfBatch(batch: string) {
  const { data } = await db().entities.batchUse.query.byBatch({ batch: normaliseBatch(batch) }).go({ pages: "all" });
  return data.map(({ clientId, treatmentId, product, expiry, performedAt }) => ({ clientId, treatmentId, product, expiry, performedAt }));
}

export const PatchTestInput = z.object({
  testedAt: z.iso.datetime({ offset: true }),
  result: z.enum(["pass", "fail"]),
  product: text(120).default(""),
  notes: text(2000).default(""),
});
export type PatchTestInput = z.input<typeof PatchTestInput>;
export type PatchTestItem = EntityItem<typeof PatchTest>;

export async function recordPatchTest(clientId: string, input: PatchTestInput, by: string, now: Date): Promise<PatchTestItem> {
  const parsed = PatchTestInput.parse(input);
  const item: PatchTestItem = { ...parsed, clientId, patchTestId: ulid(now.getTime()), testedAt: new Date(parsed.testedAt).toISOString(), recordedBy: by };
  await db().entities.patchTest.create(item).go();
  return item;
}

export async function patchTestsOf(clientId: string): Promise<PatchTestItem[]> {
  const { data } = await db().entities.patchTest.query.byClient({ clientId }).go({ order: "desc", pages: "all" });
  return data;
}
