import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { onError, onNotFound } from "./errors";
import { DEFAULT_CSP, SECURITY_HEADERS, SERVICE_HTML_CSP } from "./security-headers";

/**
 * The base every service app starts from: secure headers, the shared error shape, and a
 * health route. `basePath` is `/api/<service>` — the same path in Lambda (behind the HTTP
 * API's `/api/<service>/{proxy+}` route) and in the local gateway.
 *
 * The security headers are the ones CloudFront and the local gateway add (./security-headers.ts),
 * set here too so a response carries them whichever layer answered, errors included.
 */
export function createServiceApp(service: string) {
  const app = new Hono().basePath(`/api/${service}`);
  app.use(
    secureHeaders({
      strictTransportSecurity: SECURITY_HEADERS["strict-transport-security"],
      xFrameOptions: SECURITY_HEADERS["x-frame-options"],
      referrerPolicy: SECURITY_HEADERS["referrer-policy"],
      crossOriginOpenerPolicy: SECURITY_HEADERS["cross-origin-opener-policy"],
    }),
  );
  app.use(async (c, next) => {
    await next();
    c.res.headers.set("permissions-policy", SECURITY_HEADERS["permissions-policy"]);
    const html = c.res.headers.get("content-type")?.startsWith("text/html");
    c.res.headers.set("content-security-policy", html ? SERVICE_HTML_CSP : DEFAULT_CSP);
  });
  app.onError(onError);
  app.notFound(onNotFound);
  app.get("/health", (c) => c.json({ service, status: "ok" }));
  return app;
}
