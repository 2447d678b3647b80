import { DomainError } from "@mas/core/errors";
import { audit } from "@mas/core/audit/audit";
import type { RequestOrigin } from "./credentials";
import { normaliseRoles, type Role } from "@mas/core/http/roles";
import { requireActiveUser, setRoles } from "./users";
import type { UserItem } from "../entities/user";

/**
 * The practitioner changing what someone may do (e.g. enrolling a client as a student).
 * Callers have already checked the actor holds `owner`. The one rule: an owner cannot
 * take `owner` away from themselves, so the practice can never lock itself out.
 */
export async function changeRoles(actorId: string, userId: string, roles: Role[], origin: RequestOrigin, now = new Date()): Promise<UserItem> {
  const next = normaliseRoles(roles);
  if (actorId === userId && !next.includes("owner")) {
    throw new DomainError("unprocessable", "accounts.cannot_remove_own_owner_role", "You cannot remove your own owner role", {
      roles: "Keep the owner role on your own account",
    });
  }
  const before = normaliseRoles((await requireActiveUser(userId)).roles);
  const user = await setRoles(userId, next, now);
  await audit({ actor: actorId, action: "accounts.roles_changed", subject: userId, ...origin, detail: { from: before, to: next }, at: now });
  return user;
}
