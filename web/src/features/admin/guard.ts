/**
 * Who may open the owner's back office (`/admin` and everything under it). Enforced once,
 * server-side, in middleware.ts for every request whose path is under /admin — so a new
 * admin page cannot forget it — and answered before the page renders or calls any API:
 *   - nobody signed in → 303 to /signin?next=<the page>
 *   - signed in without the owner role (client, student) → the 403 page
 *   - owner → the page
 * The services check the owner role again on every /api/<service>/admin route.
 */
import type { SignedInUser } from "../../lib/shapes";

export type AdminAccess = "allow" | "sign-in" | "forbidden";

/** `/admin`, `/admin/`, `/admin/...` — case-insensitively, so `/ADMIN` is no way round. */
export function isAdminPath(pathname: string): boolean {
  const path = pathname.toLowerCase();
  return path === "/admin" || path.startsWith("/admin/");
}

export function isOwner(user: Pick<SignedInUser, "roles"> | null | undefined): boolean {
  return user?.roles.includes("owner") ?? false;
}

export function adminAccess(user: Pick<SignedInUser, "roles"> | null | undefined): AdminAccess {
  if (!user) return "sign-in";
  return isOwner(user) ? "allow" : "forbidden";
}
