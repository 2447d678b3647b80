/**
 * Size of each service function's bundle as a deploy would upload it: the app is
 * synthesized offline (same esbuild settings as `sst deploy`: minified, AWS SDK external,
 * split at dynamic imports — stacks/bundling.ts) and each function's asset is measured.
 *
 * A bundle is split: the handler file and the chunks it imports statically are what a
 * cold start loads (`bytes`, the < 400 KB target); chunks behind a dynamic `import()` (the
 * PDF renderer, Stripe) load on the first request that needs them (`totalBytes - bytes`).
 * The esbuild metafile of each build (written by stacks/bundling.ts when
 * MAS_BUNDLE_METAFILES is set) says which packages make up each part, and DEPENDENCIES
 * below says why each large one is there.
 *
 *   npx tsx scripts/bench-bundles.ts
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { SERVICES } from "../packages/core/src/events/define";
import { ROOT, synthesize } from "../stacks/synth";
import { Inspector } from "../stacks/testing";

export interface BundleSize {
  service: string;
  /** Loaded at cold start: the handler file and the chunks it imports statically (minified). */
  bytes: number;
  gzipBytes: number;
  /** The whole asset, with the chunks loaded on demand. */
  totalBytes: number;
  /** Bytes per dependency group (see DEPENDENCIES), at init and on demand, largest first. */
  parts: { group: string; initBytes: number; lazyBytes: number }[];
  /** The synthesized handler file (for the module-init bench). */
  path: string;
}

/**
 * Why each large dependency is in a bundle, and what removing it would cost. Groups are
 * matched on the package name (or workspace path) of each input esbuild bundled.
 */
export const DEPENDENCIES: { group: string; match: RegExp; reason: string }[] = [
  { group: "electrodb", match: /^(electrodb|jsonschema)$/, reason: "the data layer: every entity, key and transaction of the one table; needed by every route (its import-time model check is stubbed in bundles, stacks/bundling.ts)" },
  { group: "zod", match: /^(zod|@hono\/zod-validator)$/, reason: "request, event and config validation (zod 4 classic, tree-shaken); zod/mini is ~60% smaller but a different API in every schema of every service" },
  { group: "hono", match: /^hono$/, reason: "HTTP routing, middleware and the API Gateway adapter" },
  { group: "ics+yup", match: /^(ics|yup|runes2|nanoid|property-expr|tiny-case|toposort)$/, reason: "calendar invites (.ics) in booking mails; yup is ics's own input validator. Imported on the first invite (reached through booking/read.ts by five services)" },
  { group: "powertools logger", match: /^@aws-lambda-powertools\//, reason: "structured JSON logs with request and event ids (packages/core/src/log.ts)" },
  { group: "date-fns", match: /^(date-fns|@date-fns\/tz)$/, reason: "Europe/London wall-clock maths (slots, reminders, schedules)" },
  { group: "stripe", match: /^(stripe|qs|side-channel.*|object-inspect|call-bind.*|get-intrinsic|es-.*|has-.*|function-bind|gopd|hasown|math-intrinsics|dunder-proto|get-proto)$/, reason: "the Stripe SDK (payments only), imported on the first Stripe call" },
  { group: "sst (SSM secrets)", match: /^sst$/, reason: "sst/node/config fetches the Stripe secrets from SSM in AWS, on the first Stripe call" },
  { group: "PDF renderer", match: /^(@react-pdf\/.*|react|react-reconciler|scheduler|fontkit|brotli|pdfkit|yoga-layout|hyphen|linebreak|unicode-.*|restructure|dfa|clone|tiny-inflate|png-js|jay-peg|crypto-js|fflate|base64-js|emoji-regex.*|abs-svg-path|parse-svg-path|normalize-svg-path|svg-arc-to-cubic-bezier|color-.*|hsl-to-hex|media-engine|postcss-value-parser|queue|is-url|bidi-js|require-from-string|object-assign|prop-types|js-tokens|loose-envify|@swc\/helpers|tslib|events|pako|inherits|cross-fetch|node-fetch|whatwg-.*|tr46|webidl-conversions|simple-swizzle|is-arrayish|vite-compatible-readable-stream|string_decoder|util-deprecate|readable-stream|safe-buffer)$/, reason: "documents' PDF rendering (@react-pdf with React, fontkit, yoga, pdfkit), imported on the first render" },
  { group: "qrcode", match: /^(qrcode|pngjs|dijkstrajs|encode-utf8)$/, reason: "QR codes on course certificates, imported when a certificate is issued" },
  { group: "own code", match: /^own$/, reason: "the service's own routes, domain rules and entities" },
  { group: "other services' read.ts", match: /^services\//, reason: "read-only queries into other services (their entities come along: ElectroDB models are code)" },
  { group: "core", match: /^core$/, reason: "the kernel: table, outbox, auth, errors, events, ports" },
];

const OTHER = "other packages";

/** The package an esbuild input belongs to, or `own` / `core` / `services/<name>` for workspace code. */
function packageOf(input: string, service: string): string {
  const pkg = input.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const workspace = input.match(/packages\/(?:services\/([^/]+)|(core))\//);
  if (workspace?.[2]) return "core";
  if (workspace?.[1]) return workspace[1] === service ? "own" : `services/${workspace[1]}`;
  return input;
}

export function groupOf(pkg: string): string {
  return DEPENDENCIES.find((d) => d.match.test(pkg))?.group ?? OTHER;
}

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }>; imports: { path: string; kind: string }[] }>;
}

/** Splits a build's outputs into what the handler loads at init and what it loads on demand. */
export function analyse(meta: Metafile, service: string): Pick<BundleSize, "bytes" | "totalBytes" | "parts"> & { initFiles: string[] } {
  const outputs = Object.entries(meta.outputs).filter(([file]) => file.endsWith(".mjs"));
  const entry = outputs.find(([file]) => /(^|\/)handler\.mjs$/.test(file));
  if (!entry) throw new Error(`no handler.mjs among ${outputs.map(([f]) => f).join(", ")}`);
  const atInit = new Set<string>([entry[0]]);
  for (const queue = [entry[0]]; queue.length; ) {
    for (const { path, kind } of meta.outputs[queue.pop()!]!.imports) {
      if (kind === "import-statement" && meta.outputs[path] && !atInit.has(path)) {
        atInit.add(path);
        queue.push(path);
      }
    }
  }
  const parts = new Map<string, { group: string; initBytes: number; lazyBytes: number }>();
  for (const [file, output] of outputs) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const group = groupOf(packageOf(input, service));
      const part = parts.get(group) ?? { group, initBytes: 0, lazyBytes: 0 };
      if (atInit.has(file)) part.initBytes += bytesInOutput;
      else part.lazyBytes += bytesInOutput;
      parts.set(group, part);
    }
  }
  return {
    bytes: outputs.filter(([file]) => atInit.has(file)).reduce((sum, [, o]) => sum + o.bytes, 0),
    totalBytes: outputs.reduce((sum, [, o]) => sum + o.bytes, 0),
    parts: [...parts.values()].sort((a, b) => b.initBytes + b.lazyBytes - (a.initBytes + a.lazyBytes)),
    initFiles: [...atInit],
  };
}

export async function bundleSizes(): Promise<BundleSize[]> {
  // SST synthesizes offline only in its test mode (no site build, no AWS calls).
  const previous = { NODE_ENV: process.env.NODE_ENV, MAS_BUNDLE_METAFILES: process.env.MAS_BUNDLE_METAFILES };
  const metafiles = join(ROOT, ".sst/cdk.out.bench-metafiles");
  process.env.NODE_ENV = "test";
  process.env.MAS_BUNDLE_METAFILES = metafiles;
  try {
    // Its own stage, so its artefacts never collide with a concurrent test synthesis.
    const synth = await synthesize({ stage: "bench", outdir: ".sst/cdk.out.bench" });
    const inspector = new Inspector(synth);
    return SERVICES.map((service) => {
      const { code, path } = inspector.bundle(inspector.serviceFunction(service));
      const meta = JSON.parse(readFileSync(join(metafiles, `${service}.json`), "utf8")) as Metafile;
      const { bytes, totalBytes, parts, initFiles } = analyse(meta, service);
      // The entry file on disk must be the one the metafile describes (same build).
      const entryBytes = Object.entries(meta.outputs).find(([file]) => /(^|\/)handler\.mjs$/.test(file))![1].bytes;
      if (entryBytes !== Buffer.byteLength(code)) throw new Error(`${service}: metafile does not match ${path}`);
      // gzip of what a cold start reads: the handler file and its static chunks, from the asset.
      const initCode = initFiles.map((file) => readFileSync(join(dirname(path), file.split("/").pop()!)));
      return { service, bytes, gzipBytes: gzipSync(Buffer.concat(initCode)).byteLength, totalBytes, parts, path };
    });
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** One line per service: what its cold start loads, largest first, then what waits for first use. */
export function composition(size: BundleSize): string {
  const init = size.parts.filter((p) => p.initBytes >= 10 * 1024).map((p) => `${p.group} ${Math.round(p.initBytes / 1024)}`);
  const lazy = size.parts.filter((p) => p.lazyBytes >= 10 * 1024).map((p) => `${p.group} ${Math.round(p.lazyBytes / 1024)}`);
  return `${init.join(", ")}${lazy.length ? `; on first use: ${lazy.join(", ")}` : ""}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sizes = await bundleSizes();
  console.log(`${"function".padEnd(12)} | ${"at init".padStart(8)} | ${"gzip".padStart(8)} | ${"total".padStart(8)} | at init (KB), then on first use`);
  for (const size of sizes) {
    console.log(`${size.service.padEnd(12)} | ${kb(size.bytes).padStart(8)} | ${kb(size.gzipBytes).padStart(8)} | ${kb(size.totalBytes).padStart(8)} | ${composition(size)}`);
  }
  console.log("\nWhy each large dependency is there:");
  for (const { group, reason } of DEPENDENCIES) console.log(`  ${group.padEnd(26)} ${reason}`);
}
