import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { auditFromContext, auditTrailOf } from "@mas/core/audit/audit";
import { hashPassword } from "../src/crypto/password";
import type { Role } from "@mas/core/http/roles";
import { SESSION_IDLE_SECONDS, startSession } from "../src/domain/sessions";
import { ensureUser } from "../src/domain/users";
import { db } from "../src/entities";
import { onError } from "@mas/core/http/errors";
import { resolveSession } from "../src/read";
import { assertOwnerOrSelf, useSessionResolver, authenticate, protectMutations, requestMeta, requireAuth, requireRole, SESSION_COOKIE, type AuthEnv } from "@mas/core/http/auth";

useSessionResolver(resolveSession);

/** A stand-in service using the middleware the way booking or learning will. */
const objects = new Map<string, { ownerUserId: string }>();
const app = new Hono<AuthEnv>()
  .use(protectMutations(), authenticate())
  .get("/whoami", (c) => c.json({ auth: c.var.auth ?? null }))
  .get("/private", requireAuth(), (c) => c.json({ userId: c.var.auth.userId }))
  .get("/admin", requireRole("owner"), (c) => c.json({ ok: true }))
  .get("/courses", requireRole("student", "owner"), (c) => c.json({ ok: true }))
  .get("/objects/:id", requireAuth(), (c) => {
    assertOwnerOrSelf(c.var.auth, objects.get(c.req.param("id"))?.ownerUserId, "test.object_not_found");
    return c.json({ id: c.req.param("id") });
  })
  .post("/mutate", (c) => c.json({ ok: true }))
  .get("/meta", (c) => c.json(requestMeta(c)))
  .get("/records/:id", requireRole("owner"), async (c) => {
    await auditFromContext(c, "test.medical_history_read", `client:${c.req.param("id")}`);
    return c.json({ ok: true });
  });
app.onError(onError);

/** requireAuth/requireRole also work when a service forgot `authenticate()`. */
const bare = new Hono<AuthEnv>().get("/private", requireAuth(), (c) => c.json({ userId: c.var.auth.userId }));
bare.onError(onError);

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword("irrelevant-here", { log2N: 10, r: 8, p: 1 });
});

let counter = 0;
async function person(roles: Role[], signedInAt?: Date) {
  const { user } = await ensureUser({ email: `auth-${++counter}-${Date.now()}@example.test`, password: "", passwordHash, firstName: "A", lastName: "B", roles });
  const session = await startSession(user.userId, { now: signedInAt });
  return { userId: user.userId, sessionId: session.sessionId, headers: { cookie: `${SESSION_COOKIE}=${session.token}` } };
}

describe("authenticate()", () => {
  it("resolves the cookie to { userId, roles, sessionId }, or undefined when anonymous", async () => {
    const client = await person(["client", "student"]);
    expect(await (await app.request("/whoami", { headers: client.headers })).json()).toEqual({
      auth: { userId: client.userId, roles: ["client", "student"], sessionId: client.sessionId },
    });
    expect(await (await app.request("/whoami")).json()).toEqual({ auth: null });
  });

  it("treats unknown, malformed, expired and erased-user sessions as anonymous", async () => {
    const expired = await person(["client"], new Date(Date.now() - (SESSION_IDLE_SECONDS + 60) * 1000));
    const erased = await person(["client"]);
    await db().entities.user.patch({ userId: erased.userId }).set({ erasedAt: new Date().toISOString() }).go();
    for (const cookie of [`${SESSION_COOKIE}=${"B".repeat(43)}`, `${SESSION_COOKIE}=not-a-token`, expired.headers.cookie, erased.headers.cookie]) {
      expect(await (await app.request("/whoami", { headers: { cookie } })).json()).toEqual({ auth: null });
    }
  });

  it("renews a session used after an hour and re-issues the cookie; not before", async () => {
    const fresh = await person(["client"]);
    expect((await app.request("/whoami", { headers: fresh.headers })).headers.getSetCookie()).toEqual([]);

    const twoHoursAgo = await person(["client"], new Date(Date.now() - 2 * 3600 * 1000));
    const res = await app.request("/whoami", { headers: twoHoursAgo.headers });
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(new RegExp(`^${twoHoursAgo.headers.cookie}; Max-Age=(${SESSION_IDLE_SECONDS}|${SESSION_IDLE_SECONDS - 1}); Path=/; HttpOnly; Secure; SameSite=Lax$`));
    const { data: sessions } = await db().entities.session.query.byUser({ userId: twoHoursAgo.userId }).go();
    expect(Date.now() - Date.parse(sessions[0]!.lastSeenAt)).toBeLessThan(60_000);
    expect((await app.request("/whoami", { headers: twoHoursAgo.headers })).headers.getSetCookie()).toEqual([]);
  });
});

describe("requireAuth() and requireRole()", () => {
  it("answer 401 auth.unauthenticated to anonymous callers", async () => {
    for (const path of ["/private", "/admin", "/courses"]) {
      const res = await app.request(path);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "auth.unauthenticated", message: "Sign in to continue" } });
    }
  });

  it("answer 403 auth.forbidden without one of the roles, and let the right roles through", async () => {
    const client = await person(["client"]);
    const student = await person(["student"]);
    const owner = await person(["owner"]);
    expect((await app.request("/private", { headers: client.headers })).status).toBe(200);
    const denied = await app.request("/admin", { headers: client.headers });
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe("auth.forbidden");
    expect((await app.request("/courses", { headers: client.headers })).status).toBe(403);
    expect((await app.request("/courses", { headers: student.headers })).status).toBe(200);
    expect((await app.request("/courses", { headers: owner.headers })).status).toBe(200);
    expect((await app.request("/admin", { headers: owner.headers })).status).toBe(200);
  });

  it("resolve the session themselves when authenticate() was not installed", async () => {
    const client = await person(["client"]);
    expect(await (await bare.request("/private", { headers: client.headers })).json()).toEqual({ userId: client.userId });
    expect((await bare.request("/private")).status).toBe(401);
  });
});

describe("assertOwnerOrSelf()", () => {
  it("lets a client reach their own object only; someone else's is the same 404 as a missing one", async () => {
    const ana = await person(["client"]);
    const ben = await person(["client"]);
    objects.set("obj-ana", { ownerUserId: ana.userId });
    expect((await app.request("/objects/obj-ana", { headers: ana.headers })).status).toBe(200);
    const others = await app.request("/objects/obj-ana", { headers: ben.headers });
    const missing = await app.request("/objects/obj-nope", { headers: ben.headers });
    expect(others.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await others.json()).toEqual(await missing.json());
    expect((await (await app.request("/objects/obj-nope", { headers: ben.headers })).json()).error.code).toBe("test.object_not_found");
  });

  it("lets the practitioner (owner role) reach everyone's objects", async () => {
    const ana = await person(["client"]);
    const owner = await person(["owner"]);
    objects.set("obj-ana-2", { ownerUserId: ana.userId });
    expect((await app.request("/objects/obj-ana-2", { headers: owner.headers })).status).toBe(200);
    expect((await app.request("/objects/obj-missing", { headers: owner.headers })).status).toBe(404);
  });

  it("is 401 for anonymous callers (pure function: usable outside routes)", () => {
    expect(() => assertOwnerOrSelf(undefined, "someone")).toThrow(expect.objectContaining({ code: "auth.unauthenticated" }));
    expect(() => assertOwnerOrSelf({ userId: "u1", roles: ["client"], sessionId: "s" }, "u2")).toThrow(expect.objectContaining({ kind: "not_found", code: "not_found" }));
    expect(() => assertOwnerOrSelf({ userId: "u1", roles: ["client"], sessionId: "s" }, "u1")).not.toThrow();
  });
});

describe("protectMutations()", () => {
  const form = (headers: Record<string, string>) => app.request("/mutate", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: "a=1" });

  it.each([
    ["a cross-site form post", { origin: "https://evil.example" }],
    ["a cross-site text/plain post", { origin: "https://evil.example", "content-type": "text/plain" }],
    ["a cross-site fetch from a sibling site", { origin: "https://evil.example", "sec-fetch-site": "same-site" }],
    ["a cross-site post without Origin (Sec-Fetch-Site only)", { "sec-fetch-site": "cross-site" }],
  ])("refuses %s with 403 auth.csrf_rejected", async (_case, headers) => {
    const res = await form(headers);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("auth.csrf_rejected");
  });

  it.each([
    ["the site's origin", { origin: new URL(process.env.SITE_URL!).origin }],
    ["the API's own origin", { origin: "http://localhost" }],
    ["Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }],
    ["a server-side caller (neither Origin nor Sec-Fetch-Site)", {}],
  ])("accepts a form post from %s", async (_case, headers) => {
    expect((await form(headers)).status).toBe(200);
  });

  it("accepts JSON (a browser cannot send it cross-site without a CORS preflight) and never checks GET", async () => {
    const json = await app.request("/mutate", { method: "POST", headers: { "content-type": "application/json", origin: "https://evil.example" }, body: "{}" });
    expect(json.status).toBe(200);
    expect((await app.request("/whoami", { headers: { origin: "https://evil.example" } })).status).toBe(200);
  });
});

describe("requestMeta()", () => {
  it.each([
    ["the viewer IP the front door set", { "x-mas-viewer-ip": "203.0.113.7", "x-forwarded-for": "198.51.100.1" }, "203.0.113.7"],
    ["an IPv6 viewer", { "x-mas-viewer-ip": "2001:db8::1" }, "2001:db8::1"],
    ["never X-Forwarded-For (the client writes its first entry)", { "x-forwarded-for": "198.51.100.1, 10.0.0.2" }, undefined],
    ["never CloudFront-Viewer-Address (not forwarded; the function sets our header)", { "cloudfront-viewer-address": "203.0.113.7:51234" }, undefined],
    ["nothing from a header that is not an address", { "x-mas-viewer-ip": "<script>" }, undefined],
    ["else nothing", {}, undefined],
  ])("takes the IP from %s", async (_case, headers, ip) => {
    const meta = await (await app.request("/meta", { headers: { ...headers, "user-agent": "Vitest" } })).json();
    expect(meta).toEqual({ ...(ip ? { ip } : {}), userAgent: "Vitest" });
  });

  it("ignores API Gateway's source IP (behind CloudFront it is an edge server's)", async () => {
    const res = await app.request("/meta", {}, { requestContext: { http: { sourceIp: "192.0.2.44" } } });
    expect((await res.json()).ip).toBeUndefined();
  });
});

describe("auditFromContext()", () => {
  it("records the signed-in actor, the action, the subject, IP and user agent", async () => {
    const owner = await person(["owner"]);
    await app.request("/records/c-42", { headers: { ...owner.headers, "x-mas-viewer-ip": "192.0.2.9", "user-agent": "Reception iPad" } });
    const [entry] = await auditTrailOf("client:c-42");
    expect(entry).toMatchObject({ actor: owner.userId, action: "test.medical_history_read", subject: "client:c-42", ip: "192.0.2.9", userAgent: "Reception iPad" });
  });
});
