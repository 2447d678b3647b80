import { randomBytes } from "node:crypto";
import * as z from "zod";
import { audit } from "@mas/core/audit/audit";
import { Events } from "@mas/core/events/catalogue";
import { stageEvent } from "@mas/core/outbox/outbox";
import type { UserItem } from "../entities/user";
import { hashPassword } from "../crypto/password";
import type { RequestOrigin } from "./credentials";
import { dateOfBirthSchema, emailSchema, nameSchema, ukPhoneSchema } from "./schemas";
import { createUser } from "./users";

/**
 * A client the practitioner adds at the front desk or on the phone (a walk-in, a caller
 * who has never used the site). The account has a random password nobody knows: the
 * client sets their own with "Forgot password" when they want to sign in. `user.registered`
 * is announced as for any new client (the welcome mail tells them how to sign in).
 */
export const clinicClientSchema = z.strictObject({
  email: emailSchema,
  firstName: nameSchema,
  lastName: nameSchema,
  phone: ukPhoneSchema.optional(),
  dateOfBirth: dateOfBirthSchema.optional(),
});
export type ClinicClient = z.output<typeof clinicClientSchema>;

export async function addClientForClinic(input: ClinicClient, ownerId: string, origin: RequestOrigin, now = new Date()): Promise<UserItem> {
  const user = await createUser({ ...input, roles: ["client"], passwordHash: await hashPassword(randomBytes(24).toString("base64url")) }, now, (created) => [
    stageEvent(Events.UserRegistered, { userId: created.userId, email: created.email, firstName: created.firstName, roles: created.roles }, { occurredAt: now }),
  ]);
  await audit({ actor: ownerId, action: "accounts.client_added_by_clinic", subject: user.userId, ...origin, at: now });
  return user;
}
