import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { NodeHandler } from "./gateway";

export const WEB_DIR = resolve(import.meta.dirname, "../../../web");
/** Where the site is built: web/dist, or WEB_OUT_DIR (relative to web/) so parallel builds do not collide. */
export const WEB_OUT = resolve(WEB_DIR, process.env.WEB_OUT_DIR ?? "dist");

const TYPES: Record<string, string> = {
  ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
  ".webp": "image/webp", ".ico": "image/x-icon", ".woff2": "font/woff2", ".json": "application/json", ".txt": "text/plain",
  ".webmanifest": "application/manifest+json",
};

/** Builds the Astro site for Node (what `npm start` serves). */
export function buildWeb(): void {
  const result = spawnSync("npx", ["astro", "build"], {
    cwd: WEB_DIR,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`astro build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The built site as one Node handler: hashed assets from dist/client (long cache, as
 * CloudFront serves them), everything else through Astro's SSR handler.
 */
export async function loadWebHandler(): Promise<NodeHandler> {
  const entry = join(WEB_OUT, "server/entry.mjs");
  if (!existsSync(entry)) throw new Error("web/dist is missing: build the site first");
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: NodeHandler };
  const clientDir = join(WEB_OUT, "client");
  return (req, res, next) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0]!));
    const file = join(clientDir, path);
    if (file.startsWith(clientDir) && path !== "/" && existsSync(file) && statSync(file).isFile()) {
      res.setHeader("content-type", TYPES[extname(file)] ?? "application/octet-stream");
      if (path.startsWith("/_astro/")) res.setHeader("cache-control", "public, max-age=31536000, immutable");
      createReadStream(file).pipe(res);
      return;
    }
    handler(req, res, next);
  };
}
