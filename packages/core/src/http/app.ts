import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { onError, onNotFound } from "./errors";

/**
 * The base every service app starts from: secure headers, the shared error shape, and a
 * health route. `basePath` is `/api/<service>` — the same path in Lambda (behind the HTTP
 * API's `/api/<service>/{proxy+}` route) and in the local gateway.
 */
export function createServiceApp(service: string) {
  const app = new Hono().basePath(`/api/${service}`);
  app.use(secureHeaders());
  app.onError(onError);
  app.notFound(onNotFound);
  app.get("/health", (c) => c.json({ service, status: "ok" }));
  return app;
}
