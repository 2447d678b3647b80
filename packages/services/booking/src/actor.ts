import type { Context } from "hono";
import * as z from "zod";
import { isPractitioner, type SignedInEnv } from "@mas/core/http/auth";
import type { Actor } from "./domain/appointments";
import { eachLocalDate, isLocalDate } from "@mas/core/shared/time";
import { LocalDate } from "./domain/settings";
import { MAX_RANGE_DAYS } from "./domain/slot-check";

/** Who is acting, as booking's commands want it: the client, or the practitioner. */
export function actorOf(c: Context<SignedInEnv>): Actor {
  return { userId: c.var.auth.userId, isOwner: isPractitioner(c.var.auth) };
}

export const idParam = z.object({ id: z.string().min(1).max(64) });

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`, at most `MAX_RANGE_DAYS` days, both included. */
export const dateRange = z
  .object({ from: LocalDate, to: LocalDate })
  .refine((r) => r.from <= r.to, { message: "The last day must be on or after the first", path: ["to"] })
  .refine((r) => !isLocalDate(r.from) || !isLocalDate(r.to) || r.from > r.to || eachLocalDate(r.from, r.to).length <= MAX_RANGE_DAYS, {
    message: `Choose at most ${MAX_RANGE_DAYS} days`,
    path: ["to"],
  });

/** The optional `Idempotency-Key` header: a client-chosen token, e.g. a UUID. */
export const idempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{8,100}$/, "Use 8–100 visible ASCII characters, e.g. a UUID")
    .optional(),
});
