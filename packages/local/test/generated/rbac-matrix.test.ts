import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createGatewayApp } from "../../src/gateway";
import { DEMO_PEOPLE, seedDemoData } from "../../src/seed";
import { ACCESS, expected, FIXTURE_ROUTES, meets, outcomeOf, WHO, type Outcome, type Who } from "./rbac-expectations";
import { allRoutes } from "./routes";

/**
 * The RBAC matrix (issue 20), generated from the route table: every route every service
 * app registers × {anonymous, client A, client B on A's objects, student, owner}, each
 * answer checked against rbac-expectations.ts. A route without an entry there fails, and
 * the failure prints the entry to paste (the statuses observed now — check they are right).
 * `RBAC_PROBE=<file>` writes every observed entry there.
 */
const gateway = createGatewayApp();
const sessions = {} as Record<Who, string | undefined>;
const fixtures: Record<string, string> = {};
const OTHER_ID = "01JZZZZZZZZZZZZZZZZZZZZZZZ";

async function signIn(email: string, password: string): Promise<string> {
  const res = await gateway.request("/api/accounts/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  expect(res.status, email).toBe(200);
  return res.headers.getSetCookie().find((c) => c.startsWith("__Host-mas_session="))!.split(";")[0]!;
}

const PEOPLE: Record<Exclude<Who, "anonymous">, { email: string; password: string }> = {
  clientA: DEMO_PEOPLE.amelia,
  clientB: DEMO_PEOPLE.grace,
  student: DEMO_PEOPLE.bethan,
  owner: DEMO_PEOPLE.owner,
};

async function firstId(who: Who, path: string, pick: (body: Record<string, unknown>) => string | undefined): Promise<string> {
  const res = await gateway.request(path, { headers: { cookie: sessions[who]! } });
  const id = pick((await res.json()) as Record<string, unknown>);
  if (!id) throw new Error(`no fixture from ${path} for ${who}`);
  return id;
}

beforeAll(async () => {
  process.env.PASSWORD_HASH_LOG2N = "12";
  await seedDemoData();
  for (const who of WHO) if (who !== "anonymous") sessions[who] = await signIn(PEOPLE[who].email, PEOPLE[who].password);
  // Client A's own objects, for "client B on A's objects" (FIXTURE_ROUTES says which routes use them).
  fixtures.appointment = await firstId("clientA", "/api/booking/appointments/mine", (b) => [...((b.upcoming as { appointmentId: string }[]) ?? []), ...((b.past as { appointmentId: string }[]) ?? [])][0]?.appointmentId);
  fixtures.document = await firstId("clientA", "/api/documents/me/documents", (b) => (b.documents as { documentId: string }[] | undefined)?.[0]?.documentId);
  fixtures.payment = await firstId("clientA", "/api/payments/me/payments", (b) => (b.payments as { paymentId: string }[] | undefined)?.[0]?.paymentId);
}, 180_000);

/** The path with its parameters filled: A's object where the route is one of A's, else an id nobody has. */
function concretePath(key: string, path: string): string {
  const fixture = FIXTURE_ROUTES.find(([pattern]) => pattern.test(key))?.[1];
  let first = true;
  return path.replace(/:(\w+)(\{[^}]*\})?/g, () => {
    const value = first && fixture ? fixtures[fixture]! : OTHER_ID;
    first = false;
    return value;
  });
}

/** Calls that end the caller's session: sign that person in again afterwards. */
const ENDS_SESSION = /^(POST \/api\/accounts\/logout|POST \/api\/accounts\/password\/change|DELETE \/api\/accounts\/me)$/;

async function probe(key: string, method: string, path: string): Promise<Record<Who, number>> {
  const statuses = {} as Record<Who, number>;
  for (const who of WHO) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (sessions[who]) headers.cookie = sessions[who]!;
    const hasBody = !["GET", "HEAD", "DELETE"].includes(method);
    const res = await gateway.request(concretePath(key, path), { method, headers, ...(hasBody ? { body: "{}" } : {}) });
    await res.arrayBuffer();
    statuses[who] = res.status;
    if (who !== "anonymous" && ENDS_SESSION.test(key)) sessions[who] = await signIn(PEOPLE[who].email, PEOPLE[who].password);
  }
  return statuses;
}

describe("RBAC matrix (every route × anonymous, client A, client B on A's objects, student, owner)", () => {
  const routes = allRoutes();
  const observed: string[] = [];

  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThan(100);
  });

  it.each(routes.map((route) => [route.key, route] as const))("%s", async (key, route) => {
    const statuses = await probe(key, route.method, route.path);
    const outcomes = Object.fromEntries(WHO.map((who) => [who, outcomeOf(statuses[who])])) as Record<Who, Outcome>;
    observed.push(`  "${key}": ${JSON.stringify(outcomes)},`);
    for (const who of WHO) expect(statuses[who], `${who}: 5xx`).toBeLessThan(500);
    const access = ACCESS[key];
    expect(access, `no RBAC entry for ${key}: add to packages/local/test/generated/rbac-expectations.ts, e.g.\n  "${key}": "owner",   // observed ${JSON.stringify(statuses)}`).toBeDefined();
    const want = expected(access!);
    const wrong = WHO.filter((who) => !meets(want[who], outcomes[who])).map((who) => `${who}: expected ${want[who]}, got ${statuses[who]}`);
    expect(wrong, key).toEqual([]);
  });

  it("has no entry for a route that no longer exists", () => {
    const keys = new Set(routes.map((route) => route.key));
    expect(Object.keys(ACCESS).filter((key) => !keys.has(key))).toEqual([]);
    if (process.env.RBAC_PROBE) writeFileSync(process.env.RBAC_PROBE, observed.sort().join("\n") + "\n");
  });
});
