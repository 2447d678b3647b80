import { zValidator } from "@hono/zod-validator";
import type { Context, MiddlewareHandler, ValidationTargets } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as z from "zod";
import { validationBody } from "./errors";

/** What a validator checks, so the OpenAPI document is generated from the very schemas the routes enforce. */
export interface ValidatedPart {
  target: keyof ValidationTargets;
  schema: z.ZodType;
  /** For bodies: the most bytes the route accepts (413 above it). */
  maxBytes?: number;
}

const validatedParts = new WeakMap<MiddlewareHandler, ValidatedPart>();

/** The part a route's middleware validates, if that middleware came from `validate()`. */
export function validatedPartOf(handler: unknown): ValidatedPart | undefined {
  return typeof handler === "function" ? validatedParts.get(handler as MiddlewareHandler) : undefined;
}

/**
 * A JSON body's default cap: every form in the product is a few kilobytes; a route that
 * takes more (a drawn signature, a mail template, a lesson) says so with `maxBytes`.
 */
export const DEFAULT_BODY_BYTES = 64 * 1024;

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

export function payloadTooLarge(c: Context, maxBytes: number) {
  return c.json({ error: { code: "payload_too_large", message: `The request body is larger than this form accepts (at most ${kib(maxBytes)})` } }, 413);
}

/**
 * Keys the caller sent that the schema does not know, by path (`notes`, `answers.extra`,
 * `items.0.colour`): what zod's default object parsing would silently drop. Found by
 * comparing the input with the parsed output, so nested objects, arrays, defaults and
 * refinements need no special schema form.
 */
export function unknownKeys(input: unknown, output: unknown, path: string[] = []): string[] {
  if (Array.isArray(input) && Array.isArray(output)) return input.flatMap((item, i) => unknownKeys(item, output[i], [...path, String(i)]));
  if (!isPlainObject(input) || !isPlainObject(output)) return [];
  return Object.keys(input).flatMap((key) => (key in output ? unknownKeys(input[key], output[key], [...path, key]) : [[...path, key].join(".")]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * zod validation for a request part; failures become 400 `validation_failed` with field
 * messages. JSON bodies are also capped (413 above `maxBytes`) and refuse fields the
 * schema does not know (400, one message per unknown field) — the same in every service.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema, options: { maxBytes?: number } = {}) {
  const middleware = zValidator(target, schema, (result, c) => {
    if (!result.success) return c.json(validationBody(result.error as unknown as z.ZodError), 400);
  });
  if (target !== "json") {
    validatedParts.set(middleware, { target, schema });
    return middleware;
  }
  const maxBytes = options.maxBytes ?? DEFAULT_BODY_BYTES;
  const limit = bodyLimit({ maxSize: maxBytes, onError: (c) => payloadTooLarge(c, maxBytes) });
  const handler = (async (c, next) =>
    limit(c, (async () => {
      let unknownFields: Response | undefined;
      const refused = await middleware(c, async () => {
        const unknown = unknownKeys(await c.req.json(), (c.req.valid as (target: "json") => unknown)("json"));
        if (unknown.length) unknownFields = c.json(unknownFieldsBody(unknown), 400);
        else await next();
      });
      return refused ?? unknownFields;
    }) as () => Promise<void>)) as MiddlewareHandler as typeof middleware;
  validatedParts.set(handler, { target, schema, maxBytes });
  return handler;
}

function unknownFieldsBody(paths: string[]) {
  const fields = Object.fromEntries(paths.map((path) => [path, "This form has no such field"]));
  return { error: { code: "validation_failed", message: `Unknown field${paths.length > 1 ? "s" : ""}: ${paths.join(", ")}`, fields } };
}
