import { defineConfig, passthroughImageService } from "astro/config";
import node from "@astrojs/node";
import preact from "@astrojs/preact";

// Locally the site is built for Node and mounted by the local gateway (middleware mode);
// the Infrastructure stacks select astro-sst when SST builds it for CloudFront + Lambda.
const adapter = node({ mode: "middleware" });

export default defineConfig({
  output: "server",
  adapter,
  integrations: [preact()],
  image: { service: passthroughImageService() },
  telemetry: false,
  security: { checkOrigin: true },
});
