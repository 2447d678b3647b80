/**
 * `npm run bench`: the performance targets, measured and printed as one table. Each
 * service adds its rows here (availability, bundle sizes, page weight, Lighthouse).
 */
import { performance } from "node:perf_hooks";

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
    name: "web",
    load: async () => (await import("./bench-web")).benchRows,
  },
];

async function main() {
  const rows: BenchRow[] = [];
  for (const bench of benches) {
    const started = performance.now();
    try {
      const run = await bench.load();
      rows.push(...(await run()));
    } catch (error) {
      rows.push({ name: bench.name, value: `error: ${(error as Error).message.split("\n")[0]}`, target: "-", ok: false });
    }
    console.error(`${bench.name}: ${Math.round(performance.now() - started)} ms`);
  }
  const widths = [40, 28, 22, 4];
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ");
  console.log(line(["benchmark", "measured", "target", "ok"]));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const row of rows) console.log(line([row.name, row.value, row.target, row.ok ? "yes" : "NO"]));
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}

await main();
