/**
 * Where someone lands after signing in (with no `?next=`): where their things are. One
 * account can be a client (appointments) and a student (courses) at once.
 *   - the owner → the back office
 *   - a student who is not a client → their courses (/learn)
 *   - a client who is not a student → their account (/account)
 *   - both → what they have: an upcoming appointment is time-bound, so it wins; otherwise a
 *     course still in progress sends them to /learn; otherwise /account. Telling needs two
 *     reads made with the new session, so sign-in sends these people to /start, which decides.
 */
import type { SignedInUser } from "../../lib/shapes";

type Person = Pick<SignedInUser, "roles"> | null | undefined;
export type Landing = "/admin" | "/account" | "/learn";

export interface Holdings {
  upcomingAppointments: number;
  coursesInProgress: number;
}

const has = (user: Person, role: "owner" | "client" | "student") => user?.roles.includes(role) ?? false;

/** True when the landing depends on what the person has (both a client and a student). */
export function needsHoldings(user: Person): boolean {
  return !has(user, "owner") && has(user, "client") && has(user, "student");
}

export function landingFor(user: Person, holdings?: Holdings): Landing {
  if (has(user, "owner")) return "/admin";
  if (has(user, "student") && !has(user, "client")) return "/learn";
  if (has(user, "student") && holdings && holdings.upcomingAppointments === 0 && holdings.coursesInProgress > 0) return "/learn";
  return "/account";
}
