/**
 * Local twin of Amazon EventBridge's event-pattern matcher (the "Event Ruler" engine).
 *
 * Emulates: exact values (string / number / boolean / null, numbers compared by value so
 * `300` matches `3.0e2`), arrays as OR, nested objects (AND over keys), event arrays
 * (a leaf matches if any element matches; an object pattern matches if any single element
 * matches it whole — Ruler's "array-consistent" matching), `prefix` / `suffix` (plain or
 * `{ "equals-ignore-case": ... }`), `equals-ignore-case`, `wildcard`, `anything-but`
 * (value, list, and `prefix` / `suffix` / `equals-ignore-case` / `wildcard` each with one
 * string or a list), `numeric` ranges (validated by Ruler's grammar: one operator, or a
 * lower bound then an upper bound; `["<", 10, ">", 0]` is rejected as PutRule does),
 * `exists` (leaf nodes only, as AWS: an object-valued field counts as absent), `cidr`
 * (IPv4 and IPv6) and `$or` at any object level.
 *
 * Known gaps: numbers are compared as IEEE doubles (AWS keeps 15 significant digits);
 * `equals-ignore-case` uses JavaScript lower-casing, not full Unicode case folding;
 * `exists: false` inside an array of objects is judged per element (AWS flattens the
 * array, so one element having the field makes it "present"); pattern size and
 * complexity limits are not enforced; an empty `anything-but` prefix/suffix/… list is
 * rejected (Ruler's compiler accepts it; not checked against AWS).
 */

type Leaf = string | number | boolean | null;
type PatternObject = Record<string, unknown>;

/** Keys that name matchers; a `$or` branch that uses one as a field is not an OR (as Ruler). */
const RESERVED = new Set([
  "prefix",
  "suffix",
  "equals-ignore-case",
  "wildcard",
  "anything-but",
  "numeric",
  "exists",
  "cidr",
]);

/** Ruler's numeric range limit. */
const NUMERIC_LIMIT = 5e9;

export class InvalidEventPatternError extends Error {
  override name = "InvalidEventPatternException";
  constructor(reason: string, path: string[]) {
    super(`Event pattern is not valid. Reason: ${reason}${path.length ? ` (at "${path.join(".")}")` : ""}`);
  }
}

// ---------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------

/** True if `event` satisfies the EventBridge `pattern`. Assumes a valid pattern (see validatePattern). */
export function matches(pattern: object, event: object): boolean {
  return matchObject(pattern as PatternObject, event);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Ruler only treats `$or` as OR when it holds 2+ objects none of which uses a matcher keyword. */
function isOrBranches(value: unknown): value is PatternObject[] {
  return (
    Array.isArray(value) &&
    value.length >= 2 && value.every(isOrBranchShape)
  );
}

/** A would-be `$or` branch: an object using no matcher keyword as a field name. */
function isOrBranchShape(value: unknown): value is PatternObject {
  return isPlainObject(value) && !Object.keys(value).some((k) => RESERVED.has(k));
}

function matchObject(pattern: PatternObject, event: unknown): boolean {
  // An object pattern against an array: some single element must satisfy the whole
  // sub-pattern, so two fields are never matched from different elements.
  if (Array.isArray(event)) {
    if (event.length === 0) return matchObject(pattern, undefined);
    return event.some((element) => matchObject(pattern, element));
  }
  // A missing or leaf value has no fields: only `exists: false`-style conditions can hold.
  const fields = isPlainObject(event) ? event : {};
  return Object.entries(pattern).every(([key, sub]) => {
    if (key === "$or" && isOrBranches(sub)) return sub.some((branch) => matchObject(branch, event));
    return matchField(sub, fields[key]);
  });
}

function matchField(sub: unknown, value: unknown): boolean {
  if (Array.isArray(sub)) return sub.some((condition) => matchCondition(condition, leavesOf(value)));
  if (isPlainObject(sub)) return matchObject(sub, value);
  return false;
}

/** The leaf values at a field: nested arrays are crushed, objects are not leaves. */
function leavesOf(value: unknown): Leaf[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  if (isPlainObject(value)) return [];
  return [value as Leaf];
}

function matchCondition(condition: unknown, leaves: Leaf[]): boolean {
  if (isPlainObject(condition) && "exists" in condition) {
    return condition.exists === true ? leaves.length > 0 : leaves.length === 0;
  }
  return leaves.some((leaf) => matchLeaf(condition, leaf));
}

function matchLeaf(condition: unknown, leaf: Leaf): boolean {
  if (!isPlainObject(condition)) return leaf === condition;
  const [op, arg] = Object.entries(condition)[0] ?? [];
  switch (op) {
    case "prefix":
      return typeof leaf === "string" && matchAffix(arg, leaf, "start");
    case "suffix":
      return typeof leaf === "string" && matchAffix(arg, leaf, "end");
    case "equals-ignore-case":
      return typeof leaf === "string" && typeof arg === "string" && sameIgnoringCase(leaf, arg);
    case "wildcard":
      return typeof leaf === "string" && typeof arg === "string" && wildcardRegExp(arg).test(leaf);
    case "anything-but":
      return !matchExcluded(arg, leaf);
    case "numeric":
      return typeof leaf === "number" && Array.isArray(arg) && inRange(arg, leaf);
    case "cidr":
      return typeof leaf === "string" && typeof arg === "string" && inCidr(arg, leaf);
    default:
      return false;
  }
}

function sameIgnoringCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function matchAffix(arg: unknown, leaf: string, end: "start" | "end"): boolean {
  let affix: unknown = arg;
  let value = leaf;
  if (isPlainObject(arg)) {
    affix = arg["equals-ignore-case"];
    if (typeof affix !== "string") return false;
    affix = affix.toLowerCase();
    value = leaf.toLowerCase();
  }
  if (typeof affix !== "string") return false;
  return end === "start" ? value.startsWith(affix) : value.endsWith(affix);
}

/** Whether `leaf` is one of the things an `anything-but` excludes. */
function matchExcluded(arg: unknown, leaf: Leaf): boolean {
  if (Array.isArray(arg)) return arg.some((excluded) => excluded === leaf);
  if (!isPlainObject(arg)) return arg === leaf;
  if (typeof leaf !== "string") return false;
  const [op, inner] = Object.entries(arg)[0] ?? [];
  const values = Array.isArray(inner) ? inner : [inner];
  switch (op) {
    case "prefix":
      return values.some((v) => typeof v === "string" && leaf.startsWith(v));
    case "suffix":
      return values.some((v) => typeof v === "string" && leaf.endsWith(v));
    case "equals-ignore-case":
      return values.some((v) => typeof v === "string" && sameIgnoringCase(leaf, v));
    case "wildcard":
      return values.some((v) => typeof v === "string" && wildcardRegExp(v).test(leaf));
    default:
      return false;
  }
}

function inRange(spec: unknown[], value: number): boolean {
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const bound = spec[i + 1] as number;
    const ok =
      spec[i] === "=" ? value === bound
      : spec[i] === "<" ? value < bound
      : spec[i] === "<=" ? value <= bound
      : spec[i] === ">" ? value > bound
      : spec[i] === ">=" ? value >= bound
      : false;
    if (!ok) return false;
  }
  return true;
}

const wildcardCache = new Map<string, RegExp>();

/** `*` is any run of characters; `\*` and `\\` are a literal asterisk and backslash. */
function wildcardRegExp(wildcard: string): RegExp {
  const cached = wildcardCache.get(wildcard);
  if (cached) return cached;
  let source = "";
  for (let i = 0; i < wildcard.length; i++) {
    const ch = wildcard[i] as string;
    if (ch === "\\") {
      source += escapeRegExp(wildcard[i + 1] ?? "");
      i++;
    } else if (ch === "*") {
      source += ".*";
    } else {
      source += escapeRegExp(ch);
    }
  }
  const re = new RegExp(`^${source}$`, "s");
  wildcardCache.set(wildcard, re);
  return re;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

// ---------------------------------------------------------------------------------------
// IP addresses
// ---------------------------------------------------------------------------------------

interface Ip {
  bits: 32 | 128;
  value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): string[] | undefined => {
    if (part === "") return [];
    const groups = part.split(":");
    const last = groups[groups.length - 1] as string;
    // An embedded IPv4 tail (::ffff:10.0.0.1) stands for two 16-bit groups.
    if (last.includes(".")) {
      const v4 = parseIpv4(last);
      if (v4 === undefined) return undefined;
      groups.splice(-1, 1, ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
    }
    return groups;
  };
  const head = groupsOf(halves[0] ?? "");
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? "") : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(`0x${group}`);
  }
  return value;
}

function parseIp(text: string): Ip | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { bits: 32, value: v4 };
  const v6 = parseIpv6(text);
  if (v6 !== undefined) return { bits: 128, value: v6 };
  return undefined;
}

function parseCidr(cidr: string): { ip: Ip; prefix: number } | undefined {
  const [address = "", length, ...rest] = cidr.split("/");
  if (rest.length) return undefined;
  const ip = parseIp(address);
  if (!ip) return undefined;
  // A bare address is a single-host range.
  if (length === undefined) return { ip, prefix: ip.bits };
  if (!/^\d{1,3}$/.test(length) || Number(length) > ip.bits) return undefined;
  return { ip, prefix: Number(length) };
}

function inCidr(cidr: string, address: string): boolean {
  const range = parseCidr(cidr);
  const ip = parseIp(address);
  if (!range || !ip || ip.bits !== range.ip.bits) return false;
  const shift = BigInt(ip.bits - range.prefix);
  return ip.value >> shift === range.ip.value >> shift;
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

/**
 * Throws InvalidEventPatternError describing the first problem, as PutRule would reject it.
 * A valid pattern is a non-empty object whose values are non-empty arrays of match
 * conditions or nested pattern objects.
 */
export function validatePattern(pattern: unknown): void {
  if (!isPlainObject(pattern)) throw new InvalidEventPatternError("Filter is not an object", []);
  if (Object.keys(pattern).length === 0) throw new InvalidEventPatternError("Empty objects are not allowed", []);
  validateObject(pattern, []);
}

function validateObject(pattern: Record<string, unknown>, path: string[]): void {
  for (const [key, value] of Object.entries(pattern)) {
    const at = [...path, key];
    if (key === "$or" && isOrBranches(value)) {
      for (const branch of value) validateBranch(branch, at);
    } else if (key === "$or" && Array.isArray(value) && value.length < 2 && value.every(isOrBranchShape)) {
      // Ruler would silently read this as a field literally named "$or": say what was meant.
      throw new InvalidEventPatternError("$or must hold at least two objects", at);
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new InvalidEventPatternError("Empty arrays are not allowed", at);
      for (const condition of value) validateCondition(condition, at);
    } else if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) throw new InvalidEventPatternError("Empty objects are not allowed", at);
      validateObject(value, at);
    } else {
      throw new InvalidEventPatternError(`"${key}" must be an object or an array`, at);
    }
  }
}

function validateBranch(branch: PatternObject, at: string[]): void {
  if (Object.keys(branch).length === 0) throw new InvalidEventPatternError("Empty objects are not allowed in $or", at);
  validateObject(branch, at);
}

function validateCondition(condition: unknown, at: string[]): void {
  if (condition === null || ["string", "number", "boolean"].includes(typeof condition)) return;
  if (Array.isArray(condition)) throw new InvalidEventPatternError("Arrays are not allowed inside a match list", at);
  const entries = Object.entries(condition as Record<string, unknown>);
  if (entries.length !== 1) {
    throw new InvalidEventPatternError("A match expression must be an object with exactly one key", at);
  }
  const [op, arg] = entries[0] as [string, unknown];
  const check = CONDITION_CHECKS[op];
  if (!check) throw new InvalidEventPatternError(`Unrecognized match type ${op}`, at);
  check(arg, at);
}

type Check = (arg: unknown, at: string[]) => void;

const CONDITION_CHECKS: Record<string, Check> = {
  prefix: (arg, at) => checkAffix("prefix", arg, at),
  suffix: (arg, at) => checkAffix("suffix", arg, at),
  "equals-ignore-case": (arg, at) => requireString("equals-ignore-case", arg, at),
  wildcard: (arg, at) => checkWildcard(arg, at),
  exists: (arg, at) => {
    if (typeof arg !== "boolean") throw new InvalidEventPatternError("exists match pattern must be either true or false", at);
  },
  cidr: (arg, at) => {
    if (typeof arg !== "string" || !parseCidr(arg)) throw new InvalidEventPatternError(`Malformed CIDR, ${JSON.stringify(arg)}`, at);
  },
  numeric: (arg, at) => checkNumeric(arg, at),
  "anything-but": (arg, at) => checkAnythingBut(arg, at),
};

function requireString(op: string, arg: unknown, at: string[]): asserts arg is string {
  if (typeof arg !== "string") throw new InvalidEventPatternError(`${op} match pattern must be a string`, at);
}

function checkAffix(op: string, arg: unknown, at: string[]): void {
  if (isPlainObject(arg)) {
    const keys = Object.keys(arg);
    if (keys.length !== 1 || keys[0] !== "equals-ignore-case") {
      throw new InvalidEventPatternError(`Unsupported ${op} pattern: only "equals-ignore-case" may be nested`, at);
    }
    requireString(`${op} equals-ignore-case`, arg["equals-ignore-case"], at);
    return;
  }
  requireString(op, arg, at);
}

function checkWildcard(arg: unknown, at: string[]): void {
  requireString("wildcard", arg, at);
  if (arg.includes("**")) throw new InvalidEventPatternError("Consecutive wildcard characters are not allowed", at);
  for (let i = 0; i < arg.length; i++) {
    if (arg[i] !== "\\") continue;
    const next = arg[i + 1];
    if (next !== "*" && next !== "\\") {
      throw new InvalidEventPatternError("Backslash may only escape an asterisk or a backslash in wildcard", at);
    }
    i++;
  }
}

function checkNumber(value: unknown, at: string[], op = "numeric match"): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidEventPatternError(`Value of ${op} must be numeric`, at);
  }
  if (Math.abs(value) > NUMERIC_LIMIT) {
    throw new InvalidEventPatternError(`Value of numeric match must be between -${NUMERIC_LIMIT} and ${NUMERIC_LIMIT}`, at);
  }
}

/**
 * Ruler's grammar (JsonRuleCompiler.processNumericMatchExpression): `["=", n]`, `["<", n]`,
 * `["<=", n]`, `[">", n]`, `[">=", n]`, or a lower bound followed by one upper bound
 * (`[">", a, "<=", b]`). Anything longer, or an upper bound followed by anything, is
 * "Too many elements in numeric expression"; a second lower bound is a bad range operator.
 */
function checkNumeric(arg: unknown, at: string[]): void {
  if (!Array.isArray(arg)) throw new InvalidEventPatternError("Value of numeric must be an array.", at);
  const [op, bound, op2, top, ...rest] = arg as unknown[];
  if (typeof op !== "string") throw new InvalidEventPatternError(`Invalid member in numeric match: ${JSON.stringify(op)}`, at);
  if (!["=", "<", "<=", ">", ">="].includes(op)) {
    throw new InvalidEventPatternError(`Unrecognized numeric range operator: ${JSON.stringify(op)}`, at);
  }
  checkNumber(bound, at, op);
  if (arg.length === 2) return;
  if (op === "=" || op === "<" || op === "<=") throw new InvalidEventPatternError("Too many elements in numeric expression", at);
  if (typeof op2 !== "string") throw new InvalidEventPatternError(`Bad value in numeric range: ${JSON.stringify(op2)}`, at);
  if (op2 !== "<" && op2 !== "<=") throw new InvalidEventPatternError(`Bad numeric range operator: ${op2}`, at);
  checkNumber(top, at, op2);
  if (rest.length > 0) throw new InvalidEventPatternError("Too many terms in numeric range expression", at);
  if (bound >= top) throw new InvalidEventPatternError("Bottom must be less than top in a numeric range", at);
}

function checkAnythingBut(arg: unknown, at: string[]): void {
  if (typeof arg === "string" || typeof arg === "number") return;
  if (Array.isArray(arg)) {
    const allStrings = arg.every((v) => typeof v === "string");
    const allNumbers = arg.every((v) => typeof v === "number");
    if (arg.length === 0 || !(allStrings || allNumbers)) {
      throw new InvalidEventPatternError("Inside anything-but list, all values must be strings or all numbers", at);
    }
    return;
  }
  if (!isPlainObject(arg)) {
    throw new InvalidEventPatternError("Value of anything-but must be a string, a number, a list, or an object", at);
  }
  const entries = Object.entries(arg);
  if (entries.length !== 1) throw new InvalidEventPatternError("anything-but object must have exactly one key", at);
  const [op, inner] = entries[0] as [string, unknown];
  if (!["prefix", "suffix", "equals-ignore-case", "wildcard"].includes(op)) {
    throw new InvalidEventPatternError(`Unsupported anything-but pattern: ${op}`, at);
  }
  // Each of the four takes one string or a list of strings (Ruler's "values set").
  const values = Array.isArray(inner) ? inner : [inner];
  if (values.length === 0) throw new InvalidEventPatternError(`Empty anything-but ${op} list`, at);
  for (const value of values) {
    if (op === "wildcard") {
      checkWildcard(value, at);
      continue;
    }
    requireString(`anything-but ${op}`, value, at);
    if ((op === "prefix" || op === "suffix") && value === "") throw new InvalidEventPatternError(`Null ${op} not allowed for anything-but`, at);
  }
}
