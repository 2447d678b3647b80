import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { logger, routeOf } from "../log";
import { onError, onNotFound } from "./errors";
import { deadline } from "./deadline";
import { limitWrites } from "./rate-limit";
import { DEFAULT_CSP, SECURITY_HEADERS, SERVICE_HTML_CSP } from "./security-headers";

/**
 * The base every service app starts from: secure headers, the shared error shape, and a
 * health route. `basePath` is `/api/<service>` — the same path in Lambda (behind the HTTP
 * API's `/api/<service>/{proxy+}` route) and in the local gateway.
 *
 * The security headers are the ones CloudFront and the local gateway add (./security-headers.ts),
 * set here too so a response carries them whichever layer answered, errors included.
 *
 * In Lambda a request still running a second before the function's timeout is answered
 * 503 `request_timeout` (./deadline.ts) rather than cut off with no body.
 * Every state-changing request counts against the general per-IP limit (./rate-limit.ts);
 * `options.unlimited` names paths that must not (payments' Stripe webhook).
 *
 * In Lambda each request is logged once (../log.ts): method, route pattern, status and
 * duration, never the concrete path or anything a person sent. The local platform calls
 * the app without a Lambda context and logs nothing here.
 */
export function createServiceApp(service: string, options: { unlimited?: (path: string) => boolean } = {}) {
  const app = new Hono().basePath(`/api/${service}`);
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    if ((c.env as { lambdaContext?: unknown } | undefined)?.lambdaContext) {
      logger.info("request", { method: c.req.method, route: routeOf(c), status: c.res.status, durationMs: Math.round(performance.now() - started) });
    }
  });
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
  app.use(deadline());
  app.use(limitWrites(options.unlimited));
  app.onError(onError);
  app.notFound(onNotFound);
  app.get("/health", (c) => c.json({ service, status: "ok" }));
  return app;
}
