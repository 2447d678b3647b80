#!/usr/bin/env node
// Entry point for the README's commands on a fresh clone: installs dependencies with the
// pinned pnpm if they are missing or stale (without corepack, which needs network keys
// here), then runs the task. Plain JS on purpose: it runs before anything is installed.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PNPM = "pnpm@10.34.9";
const quiet = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  SST_TELEMETRY_DISABLED: "1",
  ASTRO_TELEMETRY_DISABLED: "1",
};

function run(cmd, args, env = {}, cwd = root) {
  const result = spawnSync(cmd, args, { cwd, stdio: "inherit", env: { ...process.env, ...quiet, ...env } });
  return result.status ?? 1;
}

function installIfNeeded() {
  const marker = join(root, "node_modules/.pnpm/lock.yaml");
  const lock = join(root, "pnpm-lock.yaml");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log(`Installing dependencies with ${PNPM}…`);
  const status = run("npx", ["--yes", PNPM, "install", "--frozen-lockfile"], { CI: "true" });
  if (status !== 0) process.exit(status);
}

/**
 * The browser tests drive Debian's Chromium. A fresh machine may not have it: install it
 * when we can (root with apt-get), otherwise stop with one clear line instead of a wall of
 * stack traces from every browser test.
 */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0) {
    console.log("Installing Chromium for the browser tests (apt-get install chromium)…");
    const status = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"], { stdio: "inherit" }).status;
    if (status === 0 && existsSync(path)) return;
  }
  console.error(`npm test needs Chromium at ${path} for the browser tests: run \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH), then npm test again.`);
  process.exit(1);
}

const task = process.argv[2];
installIfNeeded();
const bin = (name) => join(root, "node_modules/.bin", name);
// The site's pages against the services' route types (the typed client in web/src/lib/client.ts):
// tsc does not read .astro files, so a route whose answer changes is caught here. ~35-50 s of CPU.
const checkWeb = () => run(join(root, "web/node_modules/.bin/astro"), ["check"], {}, join(root, "web"));
// Both always run, so one failing does not hide the other's errors.
const checkTypes = () => [run(bin("tsc"), ["-p", "."]), checkWeb()].find((status) => status !== 0) ?? 0;

if (task === "start") {
  // A child we forward signals to, so Ctrl-C reaches the platform's cleanup.
  const child = spawn(bin("tsx"), ["packages/local/src/cli.ts"], { cwd: root, stdio: "inherit", env: { ...process.env, ...quiet } });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
} else if (task === "test") {
  ensureChromium();
  const report = process.env.MAS_TEST_REPORT;
  const reporters = report ? ["--reporter=default", "--reporter=json", `--outputFile.json=${report}`] : [];
  // Types first (strict: the workspace with tsc, then web/ with astro check), then every runner in one vitest run,
  // so the last line is vitest's summary.
  const typecheck = process.argv.length > 3 ? 0 : checkTypes();
  if (typecheck !== 0) console.error("Type check failed (see above); running the tests anyway.");
  const tests = run(bin("vitest"), ["run", ...reporters, ...process.argv.slice(3)]);
  process.exit(tests || typecheck);
} else if (task === "bench") {
  process.exit(run(bin("tsx"), ["scripts/bench.ts", ...process.argv.slice(3)]));
} else if (task === "typecheck") {
  process.exit(checkTypes());
} else {
  console.error(`unknown task ${task}`);
  process.exit(2);
}
