/**
 * The client record's two forms — a treatment record (products with batch and expiry,
 * areas and units, notes) and a patch test — from plain fields to booking's inputs. Times
 * are typed as the clinic's wall clock (Europe/London) and sent as instants.
 */
import { instantAt, isLocalDate, isLocalTime } from "@mas/core/shared/time";

export const PRODUCT_ROWS = 3;
export const AREA_ROWS = 4;

/** A date and a time typed in the clinic's zone as an ISO instant, or the raw text (booking refuses it). */
export function instantFrom(date: string | undefined, time: string | undefined): string {
  const d = (date ?? "").trim();
  const t = (time ?? "").trim() || "12:00";
  return isLocalDate(d) && isLocalTime(t) ? instantAt(d, t).toISOString() : `${d}T${t}`;
}

export function treatmentRecordFrom(form: Record<string, string>) {
  const t = (name: string) => (form[name] ?? "").trim();
  const products = Array.from({ length: PRODUCT_ROWS }, (_, i) => ({ name: t(`p${i}_name`), batch: t(`p${i}_batch`), expiry: t(`p${i}_expiry`), quantity: t(`p${i}_quantity`) }))
    .filter((p) => p.name || p.batch || p.expiry || p.quantity)
    .map(({ quantity, ...p }) => (quantity ? { ...p, quantity } : p));
  const areas = Array.from({ length: AREA_ROWS }, (_, i) => ({ area: t(`a${i}_area`), units: t(`a${i}_units`), notes: t(`a${i}_notes`) }))
    .filter((a) => a.area || a.units || a.notes)
    .map((a) => ({ area: a.area, ...(a.units ? { units: Number(a.units) } : {}), ...(a.notes ? { notes: a.notes } : {}) }));
  return {
    kind: (t("kind") === "consultation" ? "consultation" : "treatment") as "treatment" | "consultation",
    performedAt: instantFrom(form.date, form.time),
    serviceName: t("serviceName"),
    products,
    areas,
    aftercare: t("aftercare"),
    notes: t("notes"),
  };
}

/** `products.1.batch` → `p1_batch`; `areas.0.units` → `a0_units`; `performedAt` → `date`. */
export function recordFieldOf(path: string, form: Record<string, string>): string {
  if (path === "performedAt") return "date";
  const match = /^(products|areas)\.(\d+)\.(\w+)$/.exec(path);
  if (!match) return path;
  const prefix = match[1] === "products" ? "p" : "a";
  const rows = match[1] === "products" ? PRODUCT_ROWS : AREA_ROWS;
  const keys = match[1] === "products" ? ["name", "batch", "expiry", "quantity"] : ["area", "units", "notes"];
  const filled = Array.from({ length: rows }, (_, i) => i).filter((i) => keys.some((k) => (form[`${prefix}${i}_${k}`] ?? "").trim()));
  return `${prefix}${filled[Number(match[2])] ?? 0}_${match[3]}`;
}

export function patchTestFrom(form: Record<string, string>) {
  const t = (name: string) => (form[name] ?? "").trim();
  return { testedAt: instantFrom(form.pt_date, form.pt_time), result: (t("pt_result") === "fail" ? "fail" : "pass") as "pass" | "fail", product: t("pt_product"), notes: t("pt_notes") };
}
