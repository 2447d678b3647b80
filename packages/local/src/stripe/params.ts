/**
 * Typed readers over decoded form parameters. Each throws the ApiError the real API would
 * return (missing / invalid / unknown parameter) instead of letting bad input through.
 */
import { invalidRequest, missingParam, unknownParam } from "./errors";
import type { FormObject, FormValue } from "./form";

export type Metadata = Record<string, string>;

/** Rejects top-level parameters outside `allowed` (Stripe answers `parameter_unknown`). */
export function onlyParams(params: FormObject, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw unknownParam(key);
  }
}

export function optString(params: FormObject, name: string): string | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw invalidRequest(`Invalid string: ${name} must be a string.`, name, "parameter_invalid_string");
  return v;
}

export function reqString(params: FormObject, name: string): string {
  const v = optString(params, name);
  if (v === undefined || v === "") throw missingParam(name);
  return v;
}

/** An optional string where "" means "unset" (Stripe's convention on updates). */
export function optNullableString(params: FormObject, name: string): string | null | undefined {
  const v = optString(params, name);
  return v === "" ? null : v;
}

export function optInt(params: FormObject, name: string): number | undefined {
  const v = optString(params, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw invalidRequest(`Invalid integer: ${v}`, name, "parameter_invalid_integer");
  return Number(v);
}

export function reqInt(params: FormObject, name: string): number {
  const v = optInt(params, name);
  if (v === undefined) throw missingParam(name);
  return v;
}

export function optBool(params: FormObject, name: string): boolean | undefined {
  const v = optString(params, name);
  if (v === undefined) return undefined;
  if (v === "true") return true;
  if (v === "false") return false;
  throw invalidRequest(`Invalid boolean: ${v}`, name, "parameter_invalid_boolean");
}

export function optEnum<T extends string>(params: FormObject, name: string, values: readonly T[]): T | undefined {
  const v = optString(params, name);
  if (v === undefined || v === "") return undefined;
  if (!(values as readonly string[]).includes(v)) {
    throw invalidRequest(`Invalid ${name}: must be one of ${values.join(", ")}`, name, "parameter_invalid_string");
  }
  return v as T;
}

export function optObject(params: FormObject, name: string): FormObject | undefined {
  const v = params[name];
  if (v === undefined || v === "") return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw invalidRequest(`Invalid object: ${name} must be a hash.`, name);
  return v;
}

/**
 * Applies a `metadata` parameter to `current`: `metadata=` clears everything,
 * `metadata[k]=` removes one key, other values set keys (max 50 keys, 40/500 chars).
 */
export function applyMetadata(current: Metadata, params: FormObject): Metadata {
  const v = params["metadata"];
  if (v === undefined) return current;
  if (v === "") return {};
  if (typeof v !== "object" || Array.isArray(v)) throw invalidRequest("Invalid object: metadata must be a hash.", "metadata");
  const next: Metadata = { ...current };
  for (const [key, value] of Object.entries(v)) applyMetadataEntry(next, key, value);
  if (Object.keys(next).length > 50) throw invalidRequest("Metadata can have at most 50 keys.", "metadata");
  return next;
}

function applyMetadataEntry(target: Metadata, key: string, value: FormValue): void {
  if (typeof value !== "string") throw invalidRequest(`Invalid metadata value for ${key}: must be a string.`, `metadata[${key}]`);
  if (key.length > 40) throw invalidRequest("Metadata keys can be at most 40 characters.", `metadata[${key}]`);
  if (value.length > 500) throw invalidRequest("Metadata values can be at most 500 characters.", `metadata[${key}]`);
  if (value === "") delete target[key];
  else target[key] = value;
}

/** `expand[]` as a list of dotted paths. */
export function expandList(params: FormObject): string[] {
  const v = params["expand"];
  if (v === undefined || v === "") return [];
  const list = Array.isArray(v) ? v : typeof v === "string" ? [v] : Object.values(v);
  return list.map((item) => {
    if (typeof item !== "string") throw invalidRequest("Invalid array: expand must be an array of strings.", "expand");
    return item;
  });
}
