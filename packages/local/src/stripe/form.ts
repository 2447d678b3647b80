/**
 * Decoding of Stripe's `application/x-www-form-urlencoded` request bodies and query
 * strings into nested values, the way Stripe's API (and the `qs` library) reads them:
 * `metadata[key]=v` → `{ metadata: { key: "v" } }`, `expand[0]=a` / `expand[]=a` → arrays.
 */

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

/** Parses a form-encoded string (a body or a query string without `?`). */
export function parseForm(input: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(input)) {
    assign(root, splitKey(key), value);
  }
  return arraysFromIndexedObjects(root) as FormObject;
}

/** `a[b][0]` → `["a", "b", "0"]`; `a[]` → `["a", ""]`. */
export function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  for (let m = re.exec(key); m; m = re.exec(key)) parts.push(m[1] ?? "");
  return parts;
}

function assign(target: FormObject, path: string[], value: string): void {
  let node = target;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    const key = segment === "" ? String(Object.keys(node).length) : segment;
    if (last) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next === "object" && !Array.isArray(next)) {
      node = next;
    } else {
      const created: FormObject = {};
      node[key] = created;
      node = created;
    }
  });
}

/** Objects whose keys are exactly 0..n-1 become arrays (recursively). */
function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const k of keys) converted[k] = arraysFromIndexedObjects(value[k] as FormValue);
  const isIndexed = keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
  if (!isIndexed) return converted;
  return keys
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => converted[String(k)] as FormValue);
}

/** A stable string for comparing two parameter sets (idempotency fingerprints). */
export function canonicalJson(value: FormValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] as FormValue)}`).join(",")}}`;
}
