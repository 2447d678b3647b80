/**
 * The treatment form (create and edit) as plain fields, turned into booking's treatment
 * shape. Booking validates it (name, slug, price, duration, buffers, deposit, age); this
 * reads the fields and maps booking's error paths back to the inputs.
 */
import type { InferRequestType } from "hono/client";
import type { api } from "../../lib/client";
import { checked } from "../../lib/forms";
import { depositFieldOf, depositFrom, penceFrom, poundsOf, wholeNumber } from "./settings-form";

type Booking = ReturnType<typeof api>["booking"];
export type TreatmentInput = InferRequestType<Booking["admin"]["services"]["$post"]>["json"];
export type TreatmentCategory = TreatmentInput["category"];

/** A treatment's web address from its name: "Lip filler, 1 ml" → "lip-filler-1-ml". */
export function slugFrom(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

export function treatmentFrom(form: Record<string, string>): TreatmentInput {
  const t = (name: string) => (form[name] ?? "").trim();
  return {
    name: t("name"),
    slug: t("slug") || slugFrom(t("name")),
    category: t("category") as TreatmentCategory,
    description: t("description"),
    priceInPence: penceFrom(form.price),
    durationMinutes: wholeNumber(form.durationMinutes),
    bufferBeforeMinutes: t("bufferBeforeMinutes") ? wholeNumber(form.bufferBeforeMinutes) : 0,
    bufferAfterMinutes: t("bufferAfterMinutes") ? wholeNumber(form.bufferAfterMinutes) : 0,
    deposit: depositFrom(form),
    minAge: t("minAge") ? wholeNumber(form.minAge) : 18,
    requiresPatchTest: checked(form, "requiresPatchTest"),
    requiresConsultation: checked(form, "requiresConsultation"),
    aftercare: t("aftercare"),
    active: !checked(form, "archived"),
  };
}

/** The form's fields for an existing treatment (what the edit page starts with). */
export function formOf(service: Omit<TreatmentInput, "deposit"> & { deposit: TreatmentInput["deposit"] }): Record<string, string> {
  const d = service.deposit;
  return {
    name: service.name,
    slug: service.slug,
    category: service.category,
    description: service.description ?? "",
    price: poundsOf(service.priceInPence),
    durationMinutes: String(service.durationMinutes),
    bufferBeforeMinutes: String(service.bufferBeforeMinutes ?? 0),
    bufferAfterMinutes: String(service.bufferAfterMinutes ?? 0),
    deposit_kind: d.kind,
    deposit_amount: d.kind === "fixed" ? poundsOf(d.amountInPence) : "",
    deposit_percent: d.kind === "percent" ? String(d.percent) : "",
    minAge: String(service.minAge ?? 18),
    requiresPatchTest: service.requiresPatchTest ? "on" : "",
    requiresConsultation: service.requiresConsultation ? "on" : "",
    aftercare: service.aftercare ?? "",
    archived: service.active === false ? "on" : "",
  };
}

/** Booking's error paths → this form's inputs. */
export function treatmentFieldOf(path: string): string {
  if (path === "priceInPence") return "price";
  return depositFieldOf(path, "deposit") ?? path;
}
