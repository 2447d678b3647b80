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
import { bundleSizes, composition, DEPENDENCIES, type BundleSize } from "./bench-bundles";
import type { BenchRow } from "./bench";

const ROOT = resolve(import.meta.dirname, "..");

/** Median of 5 fresh processes: wall time of process start + import, and the CPU time it took. */
function importMs(file: string | undefined, env: NodeJS.ProcessEnv, cwd?: string): { ms: number; cpuMs: number } {
  const load = file === undefined ? "" : `await import(${JSON.stringify(file.startsWith("/") ? pathToFileURL(file).href : file)});`;
  // CPU time as well as wall time: on a shared 2-core machine the wall time also measures
  // everyone else's work, the CPU time only ours.
  const code = `${load}const u=process.cpuUsage();console.log("CPU",(u.user+u.system)/1000)`;
  const runs: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8", env, cwd });
    const total = performance.now() - started;
    if (child.status !== 0) throw new Error(`import failed: ${child.stderr.slice(0, 500)}`);
    // Process start + import, as Lambda's init phase sees it.
    const cpuMs = Number(child.stdout.match(/CPU (\S+)/)?.[1]);
    runs.push({ ms: total, cpuMs });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[2]!;
  return { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

export interface InitTime {
  service: string;
  ms?: number;
  cpuMs?: number;
  error?: string;
  baselineMs: number;
  baselineCpuMs: number;
  /** Importing only the DynamoDB client every request needs: the floor of a service's init. */
  dynamoCpuMs: number;
  size: BundleSize;
}

export async function initTimes(): Promise<InitTime[]> {
  const sizes = await bundleSizes();
  // Lambda's Node runtime ships the AWS SDK v3; here the workspace's copy stands in for it.
  const modules = join(ROOT, ".sst/cdk.out.bench/node_modules"); // above every asset directory
  // (pnpm's hoisted store holds every @aws-sdk package any workspace package depends on)
  if (!existsSync(join(modules, "@aws-sdk"))) {
    mkdirSync(modules, { recursive: true });
    symlinkSync(join(ROOT, "node_modules/.pnpm/node_modules/@aws-sdk"), join(modules, "@aws-sdk"), "dir");
  }
  const env = { ...process.env, AWS_REGION: "eu-west-2", TABLE_NAME: "bench", BUS_NAME: "bench", AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "x" };
  const baseline = importMs(undefined, env);
  // The DynamoDB document client alone, resolved from the same node_modules as the bundles.
  const dynamo = importMs("@aws-sdk/lib-dynamodb", env, join(ROOT, ".sst/cdk.out.bench"));
  return sizes.map((size) => {
    const base = { service: size.service, baselineMs: baseline.ms, baselineCpuMs: baseline.cpuMs, dynamoCpuMs: dynamo.cpuMs, size };
    try {
      return { ...base, ...importMs(size.path, env) };
    } catch (error) {
      // A bundle that cannot even be imported would fail every cold start in Lambda too.
      return { ...base, error: String(error).match(/Cannot find [^\n]*/)?.[0] ?? String(error).slice(0, 120) };
    }
  });
}

const KB = 1024;
const BUDGET = 400 * KB;

/**
 * What the next cuts below 400 KB would be for one service, largest first, each with its
 * price: the parts a cold start still loads that could move behind an `import()` or shrink.
 */
function furtherCuts(size: BundleSize): string {
  const at = (group: string) => size.parts.find((p) => p.group === group)?.initBytes ?? 0;
  const cuts: [number, string][] = [
    [at("ics+yup"), "ics+yup: import the .ics builder on first invite (booking/read.ts, calendar-invite)"],
    [Math.round(at("zod") * 0.6), "zod → zod/mini (≈60% of zod): rewrite every schema and the validators"],
    [at("other services' read.ts"), "other services' read.ts: import per route, only where a route reads across"],
    [Math.round(at("own code") * 0.3), "own code (≈30%): import rarely used routes (admin, exports) per route"],
    [at("electrodb"), "ElectroDB → hand-written DynamoDB commands: every entity, query and transaction rewritten"],
  ];
  const over = size.bytes - BUDGET;
  const list = cuts
    .filter(([bytes]) => bytes >= 5 * KB)
    .sort((a, b) => b[0] - a[0])
    .map(([bytes, what]) => `−${Math.round(bytes / KB)} KB ${what}`)
    .join("; ");
  return over > 0 ? `${Math.round(over / KB)} KB over: ${list}` : `under budget; next: ${list}`;
}

export async function benchRows(): Promise<BenchRow[]> {
  const times = await initTimes();
  const rows: BenchRow[] = times.map(({ service, ms, cpuMs, error, baselineMs, baselineCpuMs }) => ({
    name: `${service} module init (process + import)`,
    value: ms === undefined ? `import fails: ${error}` : `${Math.round(ms)} ms (bare node ${Math.round(baselineMs)}); CPU ${Math.round(cpuMs!)} ms (bare ${Math.round(baselineCpuMs)})`,
    target: "< 200 ms over bare node",
    ok: ms !== undefined && ms - baselineMs < 200,
  }));
  // What each cold start loads, and why: informational rows (the size target is the bundles row).
  for (const { service, size } of times) {
    rows.push({
      name: `${service} bundle: loaded at init, KB`,
      value: `${Math.round(size.bytes / KB)} of ${Math.round(size.totalBytes / KB)} KB: ${composition(size)}`,
      target: "reasons: 'why' rows",
      ok: true,
    });
  }
  for (const { group, reason } of DEPENDENCIES) {
    const inBundles = times.filter(({ size }) => size.parts.some((p) => p.group === group && p.initBytes + p.lazyBytes >= 5 * KB));
    if (inBundles.length === 0) continue;
    const largest = Math.max(...inBundles.map(({ size }) => size.parts.find((p) => p.group === group)!.initBytes + size.parts.find((p) => p.group === group)!.lazyBytes));
    rows.push({ name: `why ${group}`, value: `≤ ${Math.round(largest / KB)} KB in ${inBundles.map((t) => t.service).join(", ")}`, target: reason, ok: true });
  }
  const first = times[0]!;
  rows.push({
    name: "module init floor: DynamoDB client",
    value: `CPU ${Math.round(first.dynamoCpuMs)} ms (bare ${Math.round(first.baselineCpuMs)})`,
    target: "every request needs it; the rest of a service's init is ElectroDB entities and zod schemas built at import",
    ok: true,
  });
  for (const { service, size } of times) {
    rows.push({ name: `${service} bundle: to go further`, value: furtherCuts(size), target: "< 400 KB at init", ok: size.bytes < BUDGET });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const row of await benchRows()) console.log(`${row.name.padEnd(44)} ${row.value}${row.name.startsWith("why ") ? ` — ${row.target}` : ""}`);
}
