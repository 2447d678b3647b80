import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";

/**
 * The structure cannot decay silently: dependency-cruiser checks the rules in
 * .dependency-cruiser.cjs over the whole workspace (no service imports another's
 * internals, the kernel knows no service, domain code knows no HTTP or AWS client, no
 * cycles), and a fixture proves each rule actually fires.
 */
const root = join(import.meta.dirname, "..");
const config = createRequire(import.meta.url)(join(root, ".dependency-cruiser.cjs"));

const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(" → ")})` : ""}`;

async function violations(paths: string[], baseDir: string, options: Record<string, unknown> = {}): Promise<string[]> {
  const result = await cruise(paths, { ruleSet: { forbidden: config.forbidden }, validate: true, ...config.options, baseDir, ...options });
  return ((result.output as ICruiseResult).summary.violations ?? []).map(describeViolation).sort();
}

describe("service boundaries", () => {
  it("the workspace keeps every rule", async () => {
    expect(await violations(["packages", "stacks"], root)).toEqual([]);
  }, 180_000);

  it("each rule fires on a deliberate breach (fixture)", async () => {
    const fixture = join(root, "scripts/fixtures/boundaries");
    const found = await violations(["packages"], fixture, { tsConfig: undefined, enhancedResolveOptions: { extensions: [".ts"] } });
    expect(found).toEqual(
      [
        "kernel-knows-no-service: packages/core/src/kernel.ts → packages/services/beta/src/read.ts",
        "no-circular: packages/services/beta/src/domain/cycle-a.ts → packages/services/beta/src/domain/cycle-b.ts (cycle packages/services/beta/src/domain/cycle-b.ts → packages/services/beta/src/domain/cycle-a.ts)",
        "service-reads-other-service-only-through-read: packages/services/alpha/src/domain/books.ts → packages/services/beta/src/domain/charges.ts",
      ].sort(),
    );
  }, 60_000);

  it("domain code reads no environment: configuration arrives as parameters from the service edge", () => {
    const files = cruiseFree("packages/services", (path) => /\/src\/domain\/.*\.ts$/.test(path) && !path.endsWith(".test.ts"));
    const readers = files.filter((path) => /process\.env|\bconfig\.\w+\(\)/.test(readFileSync(join(root, path), "utf8")));
    expect(readers).toEqual([]);
  });
});

/** Workspace files under `dir` matching `keep` (git's view: what is committed or added). */
function cruiseFree(dir: string, keep: (path: string) => boolean): string[] {
  const { execFileSync } = createRequire(import.meta.url)("node:child_process") as typeof import("node:child_process");
  return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", dir], { cwd: root, encoding: "utf8" }).split("\n").filter(keep);
}
