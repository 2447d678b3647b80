import * as z from "zod";
import { CursorParam } from "@mas/core/db/cursor";
import { normaliseUkPhone } from "./phone";
import { newPasswordSchema } from "./password-policy";
import { ROLES } from "@mas/core/http/roles";

/**
 * The shapes of what people send to accounts, validated at the edge (routes) and trusted
 * by the domain functions. Bodies are strict: an unexpected key such as `roles` on
 * registration or profile edits is refused, not silently dropped (no mass assignment).
 */
const strict = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}` : undefined),
  });

export const emailSchema = z
  .string()
  .trim()
  .max(254, { error: "Use at most 254 characters" })
  .pipe(z.email({ error: "Enter a valid email address" }))
  .transform((email) => email.toLowerCase());

export const nameSchema = z.string().trim().min(1, { error: "Enter a name" }).max(80, { error: "Use at most 80 characters" });

export const ukPhoneSchema = z.string().transform((raw, ctx) => {
  const phone = normaliseUkPhone(raw);
  if (!phone) {
    ctx.addIssue({ code: "custom", message: "Enter a UK phone number, e.g. 07700 900123" });
    return z.NEVER;
  }
  return phone;
});

/** A calendar date of birth: YYYY-MM-DD, real, after 1900 and not in the future. */
export function isPlausibleDateOfBirth(value: string, today: Date): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 && value <= today.toISOString().slice(0, 10);
}

export const dateOfBirthSchema = z
  .string()
  .refine((value) => isPlausibleDateOfBirth(value, new Date()), { error: "Enter a real date of birth as YYYY-MM-DD" });

const loginPasswordSchema = z.string().min(1, { error: "Enter your password" }).max(1024, { error: "Too long" });

export const registrationSchema = strict({
  email: emailSchema,
  password: newPasswordSchema,
  firstName: nameSchema,
  lastName: nameSchema,
  phone: ukPhoneSchema.optional(),
  dateOfBirth: dateOfBirthSchema.optional(),
  /** Students sign up from the courses pages; everyone else books treatments. */
  intent: z.enum(["client", "student"]).default("client"),
});
export type Registration = z.output<typeof registrationSchema>;

export const loginSchema = strict({ email: emailSchema, password: loginPasswordSchema });

export const profileChangesSchema = strict({
  firstName: nameSchema.optional(),
  lastName: nameSchema.optional(),
  /** null removes the value. */
  phone: ukPhoneSchema.nullable().optional(),
  dateOfBirth: dateOfBirthSchema.nullable().optional(),
}).refine((changes) => Object.keys(changes).length > 0, { error: "Send at least one field to change" });
export type ProfileChanges = z.output<typeof profileChangesSchema>;

export const forgotPasswordSchema = strict({ email: emailSchema });
export const resetPasswordSchema = strict({ token: z.string().min(1, { error: "The reset link is incomplete" }).max(256), password: newPasswordSchema });
export const changePasswordSchema = strict({ currentPassword: loginPasswordSchema, newPassword: newPasswordSchema });
export const erasureSchema = strict({ password: loginPasswordSchema });

export const rolesChangeSchema = strict({
  roles: z.array(z.enum(ROLES, { error: `Use one of: ${ROLES.join(", ")}` })).min(1, { error: "Give at least one role" }),
});

export const directoryQuerySchema = z.object({
  role: z.enum(ROLES, { error: `Use one of: ${ROLES.join(", ")}` }).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: CursorParam,
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DirectoryQuery = z.output<typeof directoryQuerySchema>;
