/**
 * Size of each service function's bundle as a deploy would upload it: the app is
 * synthesized offline (same esbuild settings as `sst deploy`: minified, AWS SDK external)
 * and each function's handler file is measured in its synthesized asset.
 *
 *   npx tsx scripts/bench-bundles.ts
 */
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { SERVICES } from "../packages/core/src/events/define";
import { synthesize } from "../stacks/synth";
import { Inspector } from "../stacks/testing";

export interface BundleSize {
  service: string;
  bytes: number;
  gzipBytes: number;
  /** The synthesized handler file (for the module-init bench). */
  path: string;
}

export async function bundleSizes(): Promise<BundleSize[]> {
  // SST synthesizes offline only in its test mode (no site build, no AWS calls).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "test";
  try {
    // Its own stage, so its artefacts never collide with a concurrent test synthesis.
    const synth = await synthesize({ stage: "bench", outdir: ".sst/cdk.out.bench" });
    const inspector = new Inspector(synth);
    return SERVICES.map((service) => {
      const { code, path } = inspector.bundle(inspector.serviceFunction(service));
      const bytes = Buffer.byteLength(code);
      return { service, bytes, gzipBytes: gzipSync(code).byteLength, path };
    });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sizes = await bundleSizes();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(10);
  console.log(`${"function".padEnd(12)} | ${"minified".padStart(10)} | ${"gzip".padStart(10)}`);
  console.log(`${"-".repeat(12)}-|-${"-".repeat(10)}-|-${"-".repeat(10)}`);
  for (const { service, bytes, gzipBytes } of sizes) console.log(`${service.padEnd(12)} | ${kb(bytes)} | ${kb(gzipBytes)}`);
}
