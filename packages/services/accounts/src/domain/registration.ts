import type { UserItem } from "../entities/user";
import { Events } from "@mas/core/events/catalogue";
import { stageEvent } from "@mas/core/outbox/outbox";
import { audit } from "@mas/core/audit/audit";
import type { RequestOrigin } from "./credentials";
import { hashPassword } from "../crypto/password";
import { RATE_LIMITS, hitRateLimit, rateLimitSubject } from "./rate-limit";
import type { Registration } from "./schemas";
import { startSession, type StartedSession } from "./sessions";
import { createUser } from "./users";

/**
 * Someone signing up on the site: a client by default, a student when they came from the
 * courses. Nobody can register as owner (roles are not part of the input); the
 * practitioner's account is seeded and roles are changed by the owner only. Signs the new
 * user in and publishes `user.registered` once the user is committed.
 *
 * Limited per IP only: an address can be registered once, so every further attempt on it
 * is a cheap 409 and a per-email counter would protect nothing (and would turn a burst of
 * double-submits into 429s instead of the truthful "email taken").
 */
export async function registerUser(input: Registration, origin: RequestOrigin, now = new Date()): Promise<{ user: UserItem; session: StartedSession }> {
  if (origin.ip) await hitRateLimit(RATE_LIMITS.registerPerIp, rateLimitSubject("ip", origin.ip), now);
  const { password, intent, ...profile } = input;
  const user = await createUser({ ...profile, roles: [intent], passwordHash: await hashPassword(password) }, now, (created) => [
    stageEvent(Events.UserRegistered, { userId: created.userId, email: created.email, firstName: created.firstName, roles: created.roles }, { occurredAt: now }),
  ]);
  const session = await startSession(user.userId, { now, ...origin });
  await audit({ actor: user.userId, action: "accounts.registered", subject: user.userId, ...origin, at: now });
  return { user, session };
}
