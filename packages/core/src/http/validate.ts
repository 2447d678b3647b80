import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
import type * as z from "zod";
import { validationBody } from "./errors";

/** zod validation for a request part; failures become 400 `validation_failed` with field messages. */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) return c.json(validationBody(result.error as unknown as z.ZodError), 400);
  });
}
