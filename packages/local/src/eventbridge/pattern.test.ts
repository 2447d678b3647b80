import { describe, expect, it } from "vitest";
import { InvalidEventPatternError, matches, validatePattern } from "./pattern";
import { asEventBridgeCase, callerAwsEnv, realEventBridge, testEventPattern } from "./pattern.aws";
import { INVALID_CASES, MATCH_CASES } from "./pattern-conformance";

describe("matches", () => {
  it.each(MATCH_CASES)("%s", (_title, pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it.each(MATCH_CASES)("pattern is valid: %s", (_title, pattern) => {
    expect(() => validatePattern(pattern)).not.toThrow();
  });
});

describe("validatePattern", () => {
  it.each(INVALID_CASES)("rejects %s", (_title, pattern, message) => {
    expect(() => validatePattern(pattern)).toThrow(InvalidEventPatternError);
    expect(() => validatePattern(pattern)).toThrow(message);
  });
});

/**
 * The same table against real EventBridge (TestEventPattern), when the shell that ran the
 * tests had AWS credentials; otherwise skipped with one line saying so.
 */
const target = realEventBridge(callerAwsEnv());
if ("skip" in target) console.info(`[conformance] EventBridge pattern table not checked against AWS: ${target.skip}`);

describe.skipIf("skip" in target)("the same table against AWS EventBridge TestEventPattern", () => {
  const client = "client" in target ? target.client : undefined;

  it.each(MATCH_CASES)("%s", async (_title, pattern, event, expected) => {
    const awsCase = asEventBridgeCase(pattern, event);
    expect(await testEventPattern(client!, awsCase.pattern, awsCase.event)).toBe(expected);
  });

  it.each(INVALID_CASES.filter(([, pattern]) => typeof pattern === "object" && pattern !== null && Object.keys(pattern).length > 0))(
    "rejects %s",
    async (_title, pattern) => {
      const awsCase = asEventBridgeCase(pattern as Record<string, unknown>, {});
      expect(await testEventPattern(client!, awsCase.pattern, awsCase.event)).toMatchObject({ invalid: expect.any(String) });
    },
  );
});
