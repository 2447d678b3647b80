import { randomUUID } from "node:crypto";
import { hashPassword } from "../src/crypto/password";
import type { Role } from "@mas/core/http/roles";
import { startSession } from "../src/domain/sessions";
import { ensureUser, type EnsuredUser } from "../src/domain/users";
import { SESSION_COOKIE } from "@mas/core/http/auth";

/**
 * Test helpers for every service's route tests (import from
 * `../../accounts/test/support`). Users are created through core (no HTTP, no events),
 * with a cheap password hash shared by all of them, and signed in with a real session.
 *
 *   const client = await signUp();                    // role client
 *   const owner = await signUp("owner");
 *   const both = await signUp(["client", "student"]);
 *   const res = await app.request("/api/booking/appointments", { headers: client.headers });
 *   const res2 = await app.request("/api/booking/x", json("POST", { ... }, client));
 */
export const TEST_PASSWORD = "kettle-harbour-violet";

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  roles: Role[];
  sessionId: string;
  /** `__Host-mas_session=<token>`: the Cookie header value. */
  cookie: string;
  /** `{ cookie }`, ready for `app.request(path, { headers })`. */
  headers: Record<string, string>;
}

let sharedHash: Promise<string> | undefined;
const cheapHash = () => (sharedHash ??= hashPassword(TEST_PASSWORD, { log2N: 10, r: 8, p: 1 }));

/** A new user with the given role(s) (default `client`), signed in. */
export async function signUp(roles: Role | Role[] = "client", profile: Partial<Omit<EnsuredUser, "roles" | "password">> = {}): Promise<TestUser> {
  const roleList = Array.isArray(roles) ? roles : [roles];
  const { user } = await ensureUser({
    email: profile.email ?? `${roleList.join("-")}-${randomUUID()}@example.test`,
    password: TEST_PASSWORD,
    passwordHash: await cheapHash(),
    firstName: profile.firstName ?? "Test",
    lastName: profile.lastName ?? roleList.map((role) => role[0]!.toUpperCase() + role.slice(1)).join(""),
    phone: profile.phone,
    dateOfBirth: profile.dateOfBirth,
    roles: roleList,
  });
  return { ...(await signInAs(user.userId)), email: user.email, password: TEST_PASSWORD, roles: roleList };
}

/** Another session for an existing user (a second browser). */
export async function signInAs(userId: string, now?: Date): Promise<Pick<TestUser, "userId" | "sessionId" | "cookie" | "headers">> {
  const session = await startSession(userId, { now });
  const cookie = `${SESSION_COOKIE}=${session.token}`;
  return { userId, sessionId: session.sessionId, cookie, headers: { cookie } };
}

/** A JSON request init, optionally as a signed-in user. */
export function json(method: string, body?: unknown, as?: { headers: Record<string, string> }, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { "content-type": "application/json", ...as?.headers, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** The `__Host-mas_session=<token>` pair a response set, for the next request's Cookie header. */
export function sessionCookieFrom(response: Response): string | undefined {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  const pair = header?.split(";")[0];
  return pair && pair !== `${SESSION_COOKIE}=` ? pair : undefined;
}
