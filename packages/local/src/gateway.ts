import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { Scalar } from "@scalar/hono-api-reference";
import { SERVICES } from "@mas/core/events/define";
import { openApiDocument } from "./openapi";
import { serviceApps } from "./services";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The local stand-in for the HTTP API + CloudFront: `/api/<service>/*` goes to that
 * service's Hono app (exactly what its Lambda runs), `/api/docs` shows the API reference,
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
  gateway.get("/api/docs", Scalar({ url: "/api/openapi.json", pageTitle: "Master Aesthetics Suite API" }));
  gateway.get("/api/_local", (c) => c.json(links));
  gateway.all("/api/*", (c) => c.json({ error: { code: "not_found", message: `No service for ${c.req.path}` } }, 404));
  return gateway;
}

export async function startGateway(options: { port: number; web?: NodeHandler; links?: Record<string, string> }): Promise<{ url: string; stop(): Promise<void> }> {
  const api = getRequestListener(createGatewayApp(options.links).fetch);
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith("/api/") || req.url === "/api" || !options.web) return api(req, res);
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
