import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { AstroSite, Config, use, type StackContext } from "sst/constructs";
import type { SsrSiteProps } from "sst/constructs/SsrSite.js";
import { Duration, Fn, Stack } from "aws-cdk-lib";
import {
  AllowedMethods,
  CachePolicy,
  CfnDistribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  OriginProtocolPolicy,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { ORIGIN_SECRET_HEADER, VIEWER_IP_HEADER } from "../packages/core/src/http/origin";
import { DEFAULT_CSP, HSTS_MAX_AGE_SECONDS, SECURITY_HEADERS } from "../packages/core/src/http/security-headers";
import { Api } from "./Api";
import { Data, logPrefixes } from "./Data";
import { Services } from "./Services";
import { stageConfig } from "./stage";

/**
 * Where the Astro project is. Offline synthesis (tests, bench) points this at a prebuilt
 * stub (stacks/synth.ts) so it never races an `astro build` rewriting web/dist meanwhile.
 */
export const sitePath = (env: NodeJS.ProcessEnv = process.env) => env.MAS_SITE_PATH || "web";

/**
 * The Astro site (built with the astro-sst adapter) behind CloudFront. `/api/*` goes to the
 * HTTP API through the same distribution, so the browser talks to one origin: the session
 * cookie stays first-party and no CORS is needed — the same paths as locally.
 */
export function Web({ stack, app }: StackContext) {
  const stage = stageConfig(app.stage);
  const { api } = use(Api);
  const { originSecret } = use(Services);
  const { logs } = use(Data);

  // The API sees its own host (API Gateway needs it); the viewer's host travels as
  // x-forwarded-host for code that builds absolute links. The viewer's IP is set here, at
  // the edge, overwriting anything the client sent: the services trust only this header
  // (packages/core/src/http/origin.ts), never X-Forwarded-For.
  const forwardHost = new CloudFrontFunction(stack, "ApiForwardHost", {
    code: FunctionCode.fromInline(
      `function handler(event){var r=event.request;r.headers["x-forwarded-host"]={value:r.headers.host.value};${VIEWER_IP_INJECTION}return r;}`,
    ),
  });

  // The payment page's Stripe key: public by design, so a deploy-time parameter (from the
  // deploying shell), not a secret. SSM refuses empty values; without a pk_ key the site
  // offers payment by phone (web/src/features/booking/payment.ts).
  const stripePublishableKey = new Config.Parameter(stack, "STRIPE_PUBLISHABLE_KEY", { value: process.env.STRIPE_PUBLISHABLE_KEY || "not-set" });

  const securityHeaders = securityHeadersPolicy(stack);

  const path = sitePath();
  const site = new AstroSite(stack, "Site", {
    path,
    runtime: "nodejs22.x",
    memorySize: "1024 MB",
    environment: {
      // Server-side rendering calls the API directly; the browser uses /api on the site.
      API_URL: api.url,
      // Checked on every request (only CloudFront sends it) and sent with every API call.
      ORIGIN_SECRET: originSecret.secretValue.unsafeUnwrap(),
      STAGE: app.stage,
      STRIPE_PUBLISHABLE_KEY: stripePublishableKey.value,
      ...(stage.siteUrl ? { SITE_URL: stage.siteUrl } : {}),
      ...stage.practice,
    },
    customDomain: stage.siteDomain,
    cdk: {
      transform: serveEveryMethodFromServer(path),
      responseHeadersPolicy: securityHeaders,
      distribution: {
        // Standard logs (viewer IP, path, status; cookies left out) into the logs bucket,
        // which expires them (stacks/Data.ts).
        enableLogging: true,
        logBucket: logs,
        logFilePrefix: logPrefixes.cdn,
        logIncludesCookies: false,
        // The web firewall (stacks/Firewall.ts), deployed in us-east-1 by its own deploy.
        ...(stage.webAclArn ? { webAclId: stage.webAclArn } : {}),
        additionalBehaviors: {
          "/api/*": {
            origin: new HttpOrigin(Fn.parseDomainName(api.url), { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
            viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
            allowedMethods: AllowedMethods.ALLOW_ALL,
            cachePolicy: CachePolicy.CACHING_DISABLED,
            originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
            responseHeadersPolicy: securityHeaders,
          },
        },
      },
    },
  });

  // (no distribution in `sst dev`, where the site runs locally)
  if (site.cdk) addOriginSecret(site.cdk.distribution.node.defaultChild as CfnDistribution, originSecret.secretValue.unsafeUnwrap());

  // In `sst dev` the site is not deployed (it runs locally) and has no URL.
  const siteUrl = site.customDomainUrl ?? site.url;
  if (siteUrl) stack.addOutputs({ SiteUrl: siteUrl });
  return { site };
}

/**
 * The security headers on every response, pages, assets and API alike — the same
 * definition the local gateway sends (packages/core/src/http/security-headers.ts). Each
 * replaces what an origin sent, except the CSP: pages set their own (a nonce per response).
 */
function securityHeadersPolicy(stack: Stack): ResponseHeadersPolicy {
  const h = SECURITY_HEADERS;
  // The typed fields must say exactly what the shared definition says.
  if (h["x-frame-options"] !== "DENY" || h["referrer-policy"] !== "strict-origin-when-cross-origin" || h["x-content-type-options"] !== "nosniff") {
    throw new Error("stacks/Web.ts: update securityHeadersPolicy to match packages/core/src/http/security-headers.ts");
  }
  return new ResponseHeadersPolicy(stack, "SecurityHeaders", {
    comment: "HSTS, nosniff, frame DENY, referrer, permissions, default CSP (origin CSP kept)",
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS), includeSubdomains: true, preload: true, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      contentSecurityPolicy: { contentSecurityPolicy: DEFAULT_CSP, override: false },
    },
    customHeadersBehavior: {
      customHeaders: [
        { header: "permissions-policy", value: h["permissions-policy"], override: true },
        { header: "cross-origin-opener-policy", value: h["cross-origin-opener-policy"], override: true },
      ],
    },
  });
}

/** CloudFront Function code, first in `handler(event)`: sets the viewer IP header, replacing whatever the client sent. */
const VIEWER_IP_INJECTION = `event.request.headers["${VIEWER_IP_HEADER}"]={value:event.viewer.ip};`;

/**
 * Every custom origin (the site's server function URL, the HTTP API) gets the origin secret
 * as a header CloudFront adds to each origin request. The functions refuse requests without
 * it, so calling the API Gateway URL or the function URL directly — with a forged viewer IP
 * or to skip the web firewall — is answered 403. (SST builds the server origin itself, so
 * the header is added on the distribution's template.)
 */
function addOriginSecret(distribution: CfnDistribution, secret: string): void {
  // The L1 props in CDK's casing (resolved now: every origin exists once the site is built).
  const config = Stack.of(distribution).resolve(distribution.distributionConfig) as { origins: { customOriginConfig?: unknown }[] };
  config.origins.forEach((origin, index) => {
    if (!origin.customOriginConfig) return;
    distribution.addPropertyOverride(`DistributionConfig.Origins.${index}.OriginCustomHeaders`, [{ HeaderName: ORIGIN_SECRET_HEADER, HeaderValue: secret }]);
  });
}

type Plan = Parameters<NonNullable<NonNullable<SsrSiteProps["cdk"]>["transform"]>>[0];

/**
 * SST sends pages to an origin group (S3 first, then the server function), and CloudFront
 * origin groups accept only GET/HEAD/OPTIONS: the site's form posts (sign-in, booking,
 * sign-out, …) would get 403. Every page here is server-rendered, so the default behaviour
 * goes straight to the server function with all methods, and what the build put in the
 * client directory (hashed `_astro/*` assets and `public/` files) is served from S3 by one
 * behaviour per top-level entry.
 */
function serveEveryMethodFromServer(site: string) {
  return (plan: Plan) => {
    // The viewer IP header on every behaviour that reaches the server function.
    for (const fn of Object.values(plan.cloudFrontFunctions ?? {})) fn.injections.unshift(VIEWER_IP_INJECTION);

    const statics = plan.origins.staticsServer;
    const fallback = plan.behaviors.find((behavior) => !behavior.pattern);
    if (plan.edge || !statics || statics.type !== "s3" || !fallback || !("regionalServer" in plan.origins)) return;

    const meta = JSON.parse(readFileSync(join(site, "dist", "sst.buildMeta.json"), "utf8")) as {
      routes: { route: string; type: string; prerender?: boolean }[];
    };
    const prerendered = meta.routes.filter((route) => route.type === "page" && route.prerender).map((route) => route.route);
    if (prerendered.length > 0) {
      // Their HTML lives in S3 under rewritten paths the server function cannot answer.
      throw new Error(`stacks/Web.ts serves pages from the server function; prerendered pages need S3 routing: ${prerendered.join(", ")}`);
    }

    fallback.origin = "regionalServer";
    fallback.allowedMethods = AllowedMethods.ALLOW_ALL;
    delete (plan.origins as Record<string, unknown>).fallthroughServer;
    // Astro renders its own 404/500 pages now. CloudFront error pages would apply to the
    // whole distribution and replace the API's JSON errors under /api/* with HTML.
    plan.errorResponses = [];

    const client = join(site, statics.copy[0]!.from);
    const taken = new Set(plan.behaviors.map((behavior) => behavior.pattern));
    const entries = existsSync(client) ? readdirSync(client) : [];
    for (const entry of entries) {
      const pattern = statSync(join(client, entry)).isDirectory() ? `${entry}/*` : entry;
      if (!taken.has(pattern)) plan.behaviors.push({ cacheType: "static", pattern, origin: "staticsServer" });
    }
    // CloudFront allows 25 behaviours by default; keep public/ files in a few folders.
    if (plan.behaviors.length > 20) throw new Error(`Too many top-level files in ${client} for CloudFront behaviours`);
  };
}
