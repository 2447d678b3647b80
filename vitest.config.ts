import { defineConfig } from "vitest/config";

const env = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  SST_TELEMETRY_DISABLED: "1",
  ASTRO_TELEMETRY_DISABLED: "1",
};

const STAGE_SETTINGS_UNSET = Object.fromEntries(
  ["SMS_SENDER_ID", "SMS_ORIGINATION_IDENTITY", "SMS_MARKETING_ORIGINATION_IDENTITY", "SMS_OPT_OUT_LIST", "SMS_CONFIGURATION_SET", "SMS_PENCE_PER_SEGMENT"].map((name) => [name, ""]),
);

/**
 * One vitest run covers every runner so `npm test` ends with one summary line:
 * - unit: pure code, no platform;
 * - integration: services and the local platform, against DynamoDB Local & co. started
 *   once by the global setup (each test file gets its own fresh table);
 * - infra: offline CDK synthesis of the SST stacks;
 * - e2e: Playwright (playwright-core + Debian Chromium) against the full local platform.
 */
export default defineConfig({
  test: {
    env,
    projects: [
      { test: { name: "unit", env, include: ["packages/core/**/*.test.ts", "packages/services/*/src/**/*.test.ts", "scripts/**/*.test.ts", "web/src/**/*.test.ts"], exclude: ["**/node_modules/**", "**/*.int.test.ts"] } },
      {
        test: {
          name: "integration",
          env,
          include: ["packages/**/*.int.test.ts", "packages/local/**/*.test.ts", "packages/services/*/test/**/*.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["packages/local/test/global-setup.ts"],
          setupFiles: ["packages/local/test/setup-file.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The stacks read deployment settings from the environment (stacks/stage.ts); the local
      // platform started by the integration and e2e setups sets its own SMS_* in this process
      // tree, so the infra tests pin them empty (the stage defaults) rather than inherit them.
      { test: { name: "infra", env: { ...env, NODE_ENV: "test", ...STAGE_SETTINGS_UNSET }, include: ["stacks/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000 } },
      {
        test: {
          name: "e2e",
          env,
          include: ["web/e2e/**/*.test.ts"],
          globalSetup: ["web/e2e/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
