import { afterAll, inject } from "vitest";
import { ulid } from "ulid";
import { CALLER_AWS_ENV_KEYS } from "../src/eventbridge/pattern.aws";
import { LOCAL_CREDENTIALS } from "../src/dynamodb";
import { startLocalPlatform, type LocalPlatform } from "../src/platform";

/**
 * Each integration test file gets its own platform: a fresh table in the shared DynamoDB
 * Local, its own bus, scheduler (manual clock) and fake Stripe, and env pointing the real
 * SDKs at them — so files never see each other's data.
 */
// Before the platform points the AWS SDK at the local twins: keep the caller's own AWS
// settings (as MAS_CALLER_<name>, which outlive this file in the worker) for the suites that
// can also check themselves against real AWS (pattern.aws.ts). Once a platform has set the
// local credentials, what is in AWS_* is no longer the caller's.
if (process.env.AWS_ACCESS_KEY_ID !== LOCAL_CREDENTIALS.accessKeyId && process.env.MAS_CALLER_CAPTURED !== "1") {
  for (const key of CALLER_AWS_ENV_KEYS) {
    const value = process.env[key];
    if (value) process.env[`MAS_CALLER_${key}`] = value;
  }
  process.env.MAS_CALLER_CAPTURED = "1";
}

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
