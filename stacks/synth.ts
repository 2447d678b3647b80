import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { Aspects, type App, type IAspect, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";

/**
 * Offline synthesis of the whole SST app, for the CDK assertion tests and the bundle-size
 * bench (PLATFORM.md). With NODE_ENV=test SST neither builds the site nor asks AWS for
 * anything; every Function is still bundled with esbuild exactly as a deploy would.
 */
export const ROOT = resolve(import.meta.dirname, "..");
export const ACCOUNT = "123456789012";
export const REGION = "eu-west-2";

export interface Synthesized {
  stage: string;
  outdir: string;
  /** Every stack of the app by its short name (Data, Events, Services, …). */
  stacks: Record<string, Stack>;
  templates: Record<string, Template>;
}

export async function synthesize(options: { stage?: string; /** the app's region (us-east-1 synthesizes the Firewall stack alone, sst.config.ts) */ region?: string; outdir?: string; /** e.g. cdk-nag's rule packs, added before synthesis */ aspects?: IAspect[]; /** called on the app before synthesis (cdk-nag suppressions) */ prepare?: (app: App) => void } = {}): Promise<Synthesized> {
  const stage = options.stage ?? "test";
  const outdir = resolve(ROOT, options.outdir ?? `.sst/cdk.out.${stage}-synth`);
  if (process.env.NODE_ENV !== "test") {
    throw new Error("Offline synthesis needs NODE_ENV=test (otherwise SST builds the site and calls AWS)");
  }
  // SST builds functions one per spare core (one, here); each build mostly waits on esbuild
  // and an `npm install` subprocess, so overlapping them shortens the synth.
  process.env.SST_BUILD_CONCURRENCY ??= "4";
  const sitePath = process.env.MAS_SITE_PATH;
  process.env.MAS_SITE_PATH = writeSiteStub(stage);
  const path = process.env.PATH;
  process.env.PATH = `${skipEmptyInstalls()}${delimiter}${path}`;

  const { initProject } = await import("sst/project.js");
  const { App } = await import("sst/constructs");
  const cwd = process.cwd();
  process.chdir(ROOT); // SST resolves handler and site paths from the project root
  try {
    await initProject({ stage, root: ROOT } as Parameters<typeof initProject>[0]);
    const { default: config } = await import("../sst.config");
    const app = new App({ mode: "deploy", stage, name: "mas", region: options.region ?? REGION, account: ACCOUNT }, { outdir });
    await config.stacks(app);
    for (const aspect of options.aspects ?? []) Aspects.of(app).add(aspect);
    options.prepare?.(app);
    await app.finish();

    const stacks: Record<string, Stack> = {};
    const templates: Record<string, Template> = {};
    const prefix = `${stage}-mas-`;
    for (const child of app.node.children) {
      const name = child.node.id.startsWith(prefix) ? child.node.id.slice(prefix.length) : child.node.id;
      if (!("templateOptions" in child)) continue; // stacks only
      stacks[name] = child as Stack;
      templates[name] = Template.fromStack(child as Stack);
    }
    return { stage, outdir, stacks, templates };
  } finally {
    process.chdir(cwd);
    process.env.PATH = path;
    if (sitePath === undefined) delete process.env.MAS_SITE_PATH;
    else process.env.MAS_SITE_PATH = sitePath;
  }
}

/**
 * AstroSite deploys what an astro-sst build left in `<site>/dist` (sst.buildMeta.json, the
 * server entry, client assets); SST only runs that build in a real deploy. Offline, the
 * Web stack is pointed (MAS_SITE_PATH) at the smallest such build, written under .sst/ per
 * stage: web/dist is left alone, and a concurrent `astro build` there cannot break a synth.
 */
export function writeSiteStub(stage: string): string {
  const site = join(ROOT, ".sst", "site-stub", stage);
  rmSync(site, { recursive: true, force: true });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "site-stub", private: true, scripts: { build: "true" } }),
    "dist/sst.buildMeta.json": JSON.stringify({
      deploymentStrategy: "regional",
      responseMode: "buffer",
      outputMode: "server",
      pageResolution: "directory",
      trailingSlash: "ignore",
      serverBuildOutputFile: "dist/server/entry.mjs",
      clientBuildOutputDir: "dist/client",
      clientBuildVersionedSubDir: "_astro",
      routes: [
        { route: "/", type: "page", pattern: "/^\\/$/", prerender: false },
        { route: "/404", type: "page", pattern: "/^\\/404\\/?$/", prerender: false },
      ],
      serverRoutes: [],
    }),
    "dist/server/entry.mjs": "export const handler = async () => ({ statusCode: 200, body: 'stub' });\n",
    "dist/client/_astro/stub.js": "",
    "dist/client/favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "dist/client/fonts/stub.woff2": "",
    "src/.keep": "",
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(site, file)), { recursive: true });
    writeFileSync(join(site, file), content);
  }
  return relative(ROOT, site);
}

/**
 * sst 2.49.8 runs `npm install` in every function's bundle directory on every build, even
 * when the list of packages to install is empty (it only ever holds sharp/pg-native or
 * `nodejs.install`, which we do not use). That no-op costs ~1 s of CPU per function, most
 * of an offline synth on two cores; this `npm` on PATH skips exactly that case and hands
 * anything else to the real npm. Returns the directory to put first on PATH.
 */
function skipEmptyInstalls(): string {
  const directory = join(ROOT, ".sst", "offline-bin");
  const npm = execFileSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).trim();
  mkdirSync(directory, { recursive: true });
  const shim = join(directory, "npm");
  writeFileSync(
    shim,
    `#!/bin/sh\nif [ "$1" = install ] && [ "$(cat package.json 2>/dev/null)" = '{"dependencies":{}}' ]; then exit 0; fi\nexec "${npm}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  return directory;
}
