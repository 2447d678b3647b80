import { afterAll, inject } from "vitest";
import { ulid } from "ulid";
import { CALLER_AWS_ENV_KEYS, type CallerAwsEnv } from "../src/eventbridge/pattern.aws";
import { startLocalPlatform, type LocalPlatform } from "../src/platform";

/**
 * Each integration test file gets its own platform: a fresh table in the shared DynamoDB
 * Local, its own bus, scheduler (manual clock) and fake Stripe, and env pointing the real
 * SDKs at them — so files never see each other's data.
 */
// Before the platform points the AWS SDK at the local twins: keep the caller's own AWS
// settings for the suites that can also check themselves against real AWS (pattern.aws.ts).
(globalThis as { __callerAwsEnv?: CallerAwsEnv }).__callerAwsEnv ??= Object.fromEntries(
  CALLER_AWS_ENV_KEYS.filter((key) => process.env[key]).map((key) => [key, process.env[key]]),
);

const platform = await startLocalPlatform({
  external: inject("external"),
  tableName: `test-${ulid()}`,
  clock: "manual",
  clockStart: new Date("2026-06-01T09:00:00Z"),
});
(globalThis as { __masPlatform?: LocalPlatform }).__masPlatform = platform;

afterAll(async () => {
  await platform.stop();
});
