/**
 * `npm run bench`: the performance targets, measured and printed as one table. Each
 * service adds its rows here (availability, bundle sizes, page weight, Lighthouse).
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

export interface BenchRow {
  name: string;
  value: string;
  target: string;
  ok: boolean;
}

type Bench = () => Promise<BenchRow[]>;

const benches: { name: string; load: () => Promise<Bench> }[] = [
  {
    name: "availability",
    load: async () => (await import("./bench-availability")).benchRows,
  },
  {
    name: "bundles",
    load: async () => {
      const { bundleSizes } = await import("./bench-bundles");
      return async () =>
        (await bundleSizes()).map(({ service, bytes }) => ({
          name: `${service} function bundle (minified)`,
          value: `${(bytes / 1024).toFixed(0)} KB`,
          target: "< 400 KB",
          ok: bytes < 400 * 1024,
        }));
    },
  },
  {
    name: "module-init",
    load: async () => (await import("./bench-init")).benchRows,
  },
  {
    name: "load",
    load: async () => (await import("./bench-load")).benchRows,
  },
  {
    name: "cost",
    load: async () => (await import("./bench-cost")).benchRows,
  },
  {
    name: "documents",
    load: async () => (await import("../packages/services/documents/bench/pdf-benchmark")).benchRows,
  },
  {
    name: "web",
    load: async () => (await import("./bench-web")).benchRows,
  },
  {
    name: "admin",
    load: async () => (await import("./bench-admin")).benchRows,
  },
  {
    name: "campaigns",
    load: async () => (await import("./bench-campaigns")).benchRows,
  },
];

/** Runs one bench in this process and prints its rows as JSON (the child side). */
async function runOne(name: string) {
  const bench = benches.find((b) => b.name === name);
  if (!bench) throw new Error(`unknown bench ${name}`);
  const rows = await (await bench.load())();
  console.log(`ROWS ${JSON.stringify(rows)}`);
  process.exit(0);
}

/**
 * Each bench runs in its own process: they start and stop their own local platforms, and
 * the SDK clients cached by one must not point the next at endpoints already gone.
 */
async function main() {
  const rows: BenchRow[] = [];
  for (const bench of benches) {
    const started = performance.now();
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--only", bench.name], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = child.stdout.split("\n").find((l) => l.startsWith("ROWS "));
    if (line) rows.push(...(JSON.parse(line.slice(5)) as BenchRow[]));
    else rows.push({ name: bench.name, value: `error: exit ${child.status}`, target: "-", ok: false });
    console.error(`${bench.name}: ${Math.round(performance.now() - started)} ms`);
  }
  const widths = [40, 28, 22, 4];
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ");
  console.log(line(["benchmark", "measured", "target", "ok"]));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const row of rows) console.log(line([row.name, row.value, row.target, row.ok ? "yes" : "NO"]));
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}

const only = process.argv.indexOf("--only");
if (only > 0) await runOne(process.argv[only + 1]!);
else await main();
