/**
 * The three kinds of people who use the product. One person can hold several roles (a
 * client who also takes a course is `client` + `student`); the practitioner is `owner`.
 */
export const ROLES = ["client", "student", "owner"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles in a stable order, without duplicates or unknown values (stored as a string set). */
export function normaliseRoles(roles: Iterable<string>): Role[] {
  const wanted = new Set(roles);
  return ROLES.filter((role) => wanted.has(role));
}
