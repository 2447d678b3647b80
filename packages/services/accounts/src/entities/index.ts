import { serviceDb } from "@mas/core/db/service";
import { User } from "./user";
import { EmailClaim } from "./email-claim";
import { Session } from "./session";
import { PasswordReset } from "./password-reset";

/** accounts's entities: the only items this service writes (with the kernel's outbox, audit log and rate-limit counters). */
export const accountsEntities = {
  user: User,
  emailClaim: EmailClaim,
  session: Session,
  passwordReset: PasswordReset,
};

/** The ElectroDB Service accounts reads and writes through (one per table name; tests give each file its own). */
export const db = serviceDb(accountsEntities);
