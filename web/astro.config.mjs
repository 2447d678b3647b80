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
  adapter,
  integrations: [preact()],
  image: { service: passthroughImageService() },
  telemetry: false,
  security: { checkOrigin: true },
});
