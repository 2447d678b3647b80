import { defineConfig, passthroughImageService } from "astro/config";
import node from "@astrojs/node";
import preact from "@astrojs/preact";
import aws from "astro-sst";

// Locally the site is built for Node and mounted by the local gateway (middleware mode).
// SST's AstroSite runs the build with SST=1: then astro-sst emits the Lambda handler and
// the sst.buildMeta.json that stacks/Web.ts deploys behind CloudFront (every page rendered
// by the server function, any method, so form posts work there as they do locally).
const adapter = process.env.SST === "1" ? aws() : node({ mode: "middleware" });

export default defineConfig({
  output: "server",
  // WEB_OUT_DIR lets two builds run side by side (each test run or developer its own).
  outDir: process.env.WEB_OUT_DIR ?? "./dist",
  adapter,
  integrations: [preact()],
  image: { service: passthroughImageService() },
  telemetry: false,
  // checkOrigin compares a form POST's Origin with the request URL, whose host Astro only
  // takes from the Host header for allowed domains (else it assumes "localhost" without a
  // port, and every local form POST would be refused as cross-site).
  security: { checkOrigin: true, allowedDomains: [{ hostname: "localhost" }, { hostname: "127.0.0.1" }] },
});
