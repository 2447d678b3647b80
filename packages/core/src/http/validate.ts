import { zValidator } from "@hono/zod-validator";
import type { MiddlewareHandler, ValidationTargets } from "hono";
import type * as z from "zod";
import { validationBody } from "./errors";

/** What a validator checks, so the OpenAPI document is generated from the very schemas the routes enforce. */
export interface ValidatedPart {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

const validatedParts = new WeakMap<MiddlewareHandler, ValidatedPart>();

/** The part a route's middleware validates, if that middleware came from `validate()`. */
export function validatedPartOf(handler: unknown): ValidatedPart | undefined {
  return typeof handler === "function" ? validatedParts.get(handler as MiddlewareHandler) : undefined;
}

/** zod validation for a request part; failures become 400 `validation_failed` with field messages. */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  const middleware = zValidator(target, schema, (result, c) => {
    if (!result.success) return c.json(validationBody(result.error as unknown as z.ZodError), 400);
  });
  validatedParts.set(middleware, { target, schema });
  return middleware;
}
