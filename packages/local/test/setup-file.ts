import { afterAll, inject } from "vitest";
import { ulid } from "ulid";
import { startLocalPlatform, type LocalPlatform } from "../src/platform";

/**
 * Each integration test file gets its own platform: a fresh table in the shared DynamoDB
 * Local, its own bus, scheduler (manual clock) and fake Stripe, and env pointing the real
 * SDKs at them — so files never see each other's data.
 */
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
