import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, join, normalize, sep } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { Scalar } from "@scalar/hono-api-reference";
import { SERVICES } from "@mas/core/events/define";
import { ORIGIN_SECRET_HEADER, originSecret, originSecretMatches, VIEWER_IP_HEADER } from "@mas/core/http/origin";
import { DEFAULT_CSP, SECURITY_HEADERS } from "@mas/core/http/security-headers";
import { openApiDocument } from "./openapi";
import { serviceApps } from "./services";

/** The Scalar viewer's browser bundle (standalone.js and its lazy chunks), served from node_modules so /api/docs works offline. */
const viewerDir = join(dirname(createRequire(import.meta.url).resolve("@scalar/api-reference")), "browser");

async function viewerAsset(file: string): Promise<Response> {
  const path = normalize(join(viewerDir, file));
  if (!path.startsWith(viewerDir + sep) || !/\.(js|map)$/.test(path)) return new Response("Not found", { status: 404 });
  try {
    const type = path.endsWith(".js") ? "text/javascript; charset=utf-8" : "application/json";
    return new Response(await readFile(path), { headers: { "content-type": type, "cache-control": "public, max-age=3600" } });
  } catch {
    return new Response("Not found", { status: 404 });
  }
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The local stand-in for the HTTP API + CloudFront: `/api/<service>/*` goes to that
 * service's Hono app (exactly what its Lambda runs), `/api/docs` shows the API reference
 * (viewer served locally),
 * and every other path goes to the Astro site's Node handler.
 */
export function createGatewayApp(links: Record<string, string> = {}) {
  const gateway = new Hono();
  for (const service of SERVICES) {
    const app = serviceApps[service];
    gateway.all(`/api/${service}`, (c) => app.fetch(c.req.raw));
    gateway.all(`/api/${service}/*`, (c) => app.fetch(c.req.raw));
  }
  gateway.get("/api/openapi.json", (c) => c.json(openApiDocument()));
  gateway.get("/api/docs/viewer/:file{.+}", (c) => viewerAsset(c.req.param("file")));
  // `cdn` points the page at the local bundle; no web fonts, so nothing is fetched from outside.
  // The local-only API viewer runs inline scripts and styles: its own CSP, still unframeable.
  gateway.use("/api/docs", async (c, next) => {
    await next();
    c.res.headers.set("content-security-policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'");
  });
  gateway.get("/api/docs", Scalar({ url: "/api/openapi.json", pageTitle: "Master Aesthetics Suite API", cdn: "/api/docs/viewer/standalone.js", withDefaultFonts: false }));
  gateway.get("/api/_local", (c) => c.json(links));
  gateway.all("/api/*", (c) => c.json({ error: { code: "not_found", message: `No service for ${c.req.path}` } }, 404));
  return gateway;
}

/**
 * What CloudFront does to every request before an origin sees it (stacks/Web.ts): the
 * viewer IP header is set from the connection — whatever the client wrote there or in
 * X-Forwarded-For is overwritten — and the origin secret is added. A request that already
 * carries the secret is the site server calling the API for a visitor (in AWS it calls the
 * API Gateway URL directly with the secret): its viewer IP is the visitor's, kept as sent.
 */
export function frontDoor(req: IncomingMessage): void {
  const secret = originSecret();
  const presented = req.headers[ORIGIN_SECRET_HEADER];
  const fromSiteServer = Boolean(secret) && typeof presented === "string" && originSecretMatches(presented, secret);
  if (!fromSiteServer) {
    const remote = req.socket.remoteAddress?.replace(/^::ffff:/, "");
    replaceHeader(req, VIEWER_IP_HEADER, remote);
    replaceHeader(req, ORIGIN_SECRET_HEADER, secret);
  }
}

/**
 * Sets (or removes) a request header in both of Node's views of it: `headers` and
 * `rawHeaders`. Hono's node adapter builds the Request from `rawHeaders` once anything
 * copies the headers (the gateway does, routing to a service) — rewriting `headers` alone
 * let a forged viewer IP through to the services.
 */
function replaceHeader(req: IncomingMessage, name: string, value: string | undefined): void {
  if (value === undefined) delete req.headers[name];
  else req.headers[name] = value;
  const raw = req.rawHeaders ?? [];
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() !== name) kept.push(raw[i]!, raw[i + 1]!);
  if (value !== undefined) kept.push(name, value);
  if (req.rawHeaders) req.rawHeaders.splice(0, req.rawHeaders.length, ...kept);
}

/**
 * What CloudFront's response-headers policy adds to every response (stacks/Web.ts): the
 * same headers from the same definition. Set before the handler runs, so an origin's own
 * Content-Security-Policy (every page sets one) replaces the default, as CloudFront keeps it.
 */
export function securityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader("content-security-policy", DEFAULT_CSP);
}

/**
 * Lambda's request payload cap as a form post to the site meets it. The invocation payload
 * is capped at 6 MB (6,291,456 bytes), and a function URL hands a binary body such as a
 * multipart form to the function base64-encoded, a third larger: so the body a browser may
 * send is at most 3/4 of it, 4.5 MB (4,718,592 bytes). In AWS the site server is a Lambda
 * behind CloudFront, so a larger request to the SITE is refused before our code runs; the
 * API's routes only ever take JSON. Uploads go from the browser straight to S3
 * (features/uploads) so files are not capped by this.
 */
const LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;
export const SITE_BODY_LIMIT = (LAMBDA_PAYLOAD_BYTES * 3) / 4;

/** True when this request to the site carries a body Lambda would refuse (its declared length is over the cap). */
export function siteBodyTooLarge(req: Pick<IncomingMessage, "headers">): boolean {
  const length = Number(req.headers["content-length"] ?? 0);
  return Number.isFinite(length) && length > SITE_BODY_LIMIT;
}

/** What AWS answers then: 413, not our page (the site never sees the request). */
function refuseTooLarge(res: ServerResponse): void {
  res.statusCode = 413;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ Message: `Request must be smaller than ${LAMBDA_PAYLOAD_BYTES} bytes for the InvokeFunction operation` }));
}

export async function startGateway(options: { port: number; web?: NodeHandler; links?: Record<string, string> }): Promise<{ url: string; stop(): Promise<void> }> {
  // What CloudFront adds to every origin request in AWS (a Secrets Manager value); here one
  // per process, read by the site server (it sends it back on its API calls) and frontDoor.
  process.env.ORIGIN_SECRET ||= randomBytes(24).toString("base64url");
  const api = getRequestListener(createGatewayApp(options.links).fetch);
  const server: Server = createServer((req, res) => {
    frontDoor(req);
    securityHeaders(res);
    if (req.url?.startsWith("/api/") || req.url === "/api" || !options.web) return api(req, res);
    if (siteBodyTooLarge(req)) {
      // Lambda refuses it unread. The body is drained first, so a browser still sending it
      // sees the answer rather than a reset connection.
      req.on("end", () => refuseTooLarge(res));
      req.on("error", () => res.destroy());
      req.resume();
      return;
    }
    options.web(req, res, () => {
      res.statusCode = 404;
      res.end("Not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
