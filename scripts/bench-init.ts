/**
 * Module-init time of each service function (a cold-start proxy): a fresh Node process
 * imports the handler bundle exactly as synthesized for a deploy (minified, AWS SDK v3
 * external, resolved here from the workspace like Lambda's runtime provides it) and the
 * time to import it is measured — median of 5 runs, next to a bare `node` baseline.
 *
 *   npx tsx scripts/bench-init.ts
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleSizes } from "./bench-bundles";
import type { BenchRow } from "./bench";

const ROOT = resolve(import.meta.dirname, "..");

function importMs(file: string | undefined, env: NodeJS.ProcessEnv): number {
  const code = file
    ? `const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});console.log(performance.now()-t)`
    : `const t=performance.now();console.log(performance.now()-t)`;
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", env });
    const total = performance.now() - started;
    if (child.status !== 0) throw new Error(`import failed: ${child.stderr.slice(0, 500)}`);
    // Process start + import, as Lambda's init phase sees it.
    runs.push(total);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

export async function initTimes(): Promise<{ service: string; ms?: number; error?: string; baselineMs: number }[]> {
  const sizes = await bundleSizes();
  // Lambda's Node runtime ships the AWS SDK v3; here the workspace's copy stands in for it.
  const modules = join(ROOT, ".sst/cdk.out.bench/node_modules"); // above every asset directory
  // (pnpm's hoisted store holds every @aws-sdk package any workspace package depends on)
  if (!existsSync(join(modules, "@aws-sdk"))) {
    mkdirSync(modules, { recursive: true });
    symlinkSync(join(ROOT, "node_modules/.pnpm/node_modules/@aws-sdk"), join(modules, "@aws-sdk"), "dir");
  }
  const env = { ...process.env, AWS_REGION: "eu-west-2", TABLE_NAME: "bench", BUS_NAME: "bench", AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "x" };
  const baselineMs = importMs(undefined, env);
  return sizes.map(({ service, path }) => {
    try {
      return { service, ms: importMs(path, env), baselineMs };
    } catch (error) {
      // A bundle that cannot even be imported would fail every cold start in Lambda too.
      return { service, error: String(error).match(/Cannot find [^\n]*/)?.[0] ?? String(error).slice(0, 120), baselineMs };
    }
  });
}

export async function benchRows(): Promise<BenchRow[]> {
  const times = await initTimes();
  return times.map(({ service, ms, error, baselineMs }) => ({
    name: `${service} module init (process + import)`,
    value: ms === undefined ? `import fails: ${error}` : `${Math.round(ms)} ms (bare node ${Math.round(baselineMs)})`,
    target: "< 200 ms over bare node",
    ok: ms !== undefined && ms - baselineMs < 200,
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const row of await benchRows()) console.log(`${row.name.padEnd(44)} ${row.value}`);
}
