import { defineConfig } from "vitest/config";

/** Runs only the fake Stripe's tests (no global setup): `npx vitest run --config packages/local/vitest.stripe.config.ts`. */
export default defineConfig({
  test: {
    include: ["packages/local/src/stripe/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
