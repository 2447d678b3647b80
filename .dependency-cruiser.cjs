/**
 * The structure, checked on every `npm test` (scripts/boundaries.test.ts): services talk
 * through events, read each other only through a declared read module, never write each
 * other's items; the kernel depends on no service; domain code stays free of HTTP and AWS
 * clients; nothing imports in a circle.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles make modules impossible to reason about (and to bundle) one at a time.",
      from: { path: "^(packages|stacks)/" },
      to: { circular: true },
    },
    {
      name: "service-reads-other-service-only-through-read",
      severity: "error",
      comment: "A service may import another service only through that service's src/read.ts (read-only queries); it never writes another's items.",
      from: { path: "^packages/services/([^/]+)/src/" },
      to: { path: "^packages/services/[^/]+/", pathNot: ["^packages/services/$1/", "^packages/services/[^/]+/src/read\\.ts$"] },
    },
    {
      name: "kernel-knows-no-service",
      severity: "error",
      comment: "packages/core is the shared kernel: it may not depend on any service (services depend on it).",
      from: { path: "^packages/core/" },
      to: { path: "^packages/services/" },
    },
    {
      name: "domain-is-pure-of-http-and-aws",
      severity: "error",
      comment: "Domain rules take time, zone and config as parameters and know nothing of Hono or AWS clients; routes and ports do.",
      from: { path: "^packages/services/[^/]+/src/domain/" },
      to: { path: "node_modules/(hono|@hono|@aws-sdk)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "stacks-reach-code-only-through-handlers",
      severity: "error",
      comment: "Stacks know handler paths and core's declarations (events, schema), never service internals.",
      from: { path: "^stacks/" },
      to: { path: "^packages/services/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|\\.sst|\\.astro)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
    preserveSymlinks: false,
  },
};
