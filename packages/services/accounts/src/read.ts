/**
 * What other services may read of accounts' data (never write): who a user is, and who
 * holds a session cookie (the shared auth middleware in core is given `resolveSession`).
 */
export { getActiveUser, getUser, usersByIds, listUsers, findUserByEmail, publicUser, type PublicUser } from "./domain/users";
export { resolveSession, type ResolvedSession } from "./domain/sessions";
export type { UserItem } from "./entities/user";
