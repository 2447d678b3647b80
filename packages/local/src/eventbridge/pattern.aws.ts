/**
 * Checking the conformance table (pattern-conformance.ts) against real EventBridge with
 * `TestEventPattern`, when real AWS credentials are available. The local platform points
 * the SDK at its twins through env (AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL_EVENTBRIDGE), so
 * the caller's own settings are captured before it starts (packages/local/test/setup-file.ts,
 * as `MAS_CALLER_AWS_*`) and used here with an explicit regional endpoint.
 */
import { EventBridgeClient, TestEventPatternCommand } from "@aws-sdk/client-eventbridge";

export interface CallerAwsEnv {
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  AWS_SESSION_TOKEN?: string;
  AWS_REGION?: string;
}

export const CALLER_AWS_ENV_KEYS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION"] as const;

/** The caller's AWS settings as the test setup kept them (`MAS_CALLER_<name>`). */
export function callerAwsEnv(env: NodeJS.ProcessEnv = process.env): CallerAwsEnv {
  return Object.fromEntries(CALLER_AWS_ENV_KEYS.filter((key) => env[`MAS_CALLER_${key}`]).map((key) => [key, env[`MAS_CALLER_${key}`]]));
}

/** A client for real EventBridge, or undefined (and why) when no real credentials were given. */
export function realEventBridge(env: CallerAwsEnv | undefined): { client: EventBridgeClient } | { skip: string } {
  if (!env?.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY || env.AWS_ACCESS_KEY_ID === "local") {
    return { skip: "no AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) in the environment" };
  }
  const region = env.AWS_REGION ?? "eu-west-2";
  const client = new EventBridgeClient({
    region,
    endpoint: `https://events.${region}.amazonaws.com`,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) },
  });
  return { client };
}

const ENVELOPE = {
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "conformance",
  source: "mas.conformance",
  account: "111122223333",
  time: "2017-10-02T16:24:49Z",
  region: "eu-west-2",
  resources: [] as string[],
};

/**
 * TestEventPattern needs a whole EventBridge event (id, account, source, time, region,
 * resources, detail-type). A case written against such an event is sent as is; any other
 * is moved under `detail` (pattern and event alike), which keeps its meaning.
 */
export function asEventBridgeCase(pattern: Record<string, unknown>, event: object): { pattern: object; event: object } {
  if ("source" in event && "detail-type" in event && "id" in event) return { pattern, event };
  return { pattern: { detail: pattern }, event: { ...ENVELOPE, detail: event } };
}

/** EventBridge's verdict: true / false, or the rejection message for an invalid pattern. */
export async function testEventPattern(client: EventBridgeClient, pattern: object, event: object): Promise<boolean | { invalid: string }> {
  try {
    const result = await client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event) }));
    return result.Result === true;
  } catch (error) {
    if ((error as { name?: string }).name === "InvalidEventPatternException") return { invalid: (error as Error).message };
    throw error;
  }
}
