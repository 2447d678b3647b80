import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Runs only the local EventBridge / Scheduler twin tests, without the integration
 * project's global setup (they need no DynamoDB or other services):
 *   npx vitest run --config packages/local/vitest.bus.config.ts
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["src/eventbridge/**/*.test.ts", "src/scheduler/**/*.test.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    testTimeout: 30_000,
  },
});
