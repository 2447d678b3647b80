import { join } from "node:path";
import { subscriptions, patternFor } from "@mas/core/events/subscriptions";
import type { BusEvent } from "@mas/core/events/define";
import { startDynamo, ensureTable, LOCAL_CREDENTIALS, type LocalDynamo } from "./dynamodb";
import { startSes, startS3, type LocalS3, type LocalSes } from "./mail-and-files";
import { startLocalBus, type LocalBus } from "./eventbridge/bus";
import { startLocalScheduler, type LocalScheduler } from "./scheduler/scheduler";
import { startFakeStripe, type FakeStripe } from "./stripe/fake-stripe";
import { startGateway, type NodeHandler } from "./gateway";
import { serviceConsumers } from "./services";
import { freePort } from "./net";
import { drainOutbox } from "@mas/core/outbox/outbox";
import { handleSmsNotification } from "@mas/messaging/sms-notifications";
import { startSmsTwin, type SmsTwin } from "./sms/twin";

export interface PlatformOptions {
  /** Fixed ports (npm start); 0/undefined picks free ones (tests). */
  ports?: Partial<Record<"gateway" | "dynamodb" | "ses" | "s3" | "bus" | "scheduler" | "stripe" | "sms", number>>;
  /** Keep data under this directory between runs (npm start); in-memory otherwise. */
  persist?: string;
  /** Reuse an already running DynamoDB Local / SES / S3 (the test global setup starts them once). */
  external?: { dynamodb?: string; ses?: string; s3?: string };
  tableName?: string;
  /** `manual` gives tests a clock to advance; `real` fires schedules on time. */
  clock?: "real" | "manual";
  clockStart?: Date;
  /** The Astro site's Node handler, served for every non-API path. */
  web?: NodeHandler;
  /**
   * How often the outbox sweeper runs (AWS: once a minute). Default: every 2 s with the real
   * clock (npm start, browser tests); off with the manual clock, where tests drain explicitly.
   */
  outboxSweepMs?: number;
}

export interface LocalPlatform {
  url: string;
  endpoints: { dynamodb: string; ses: string; s3: string; bus: string; scheduler: string; stripe: string; sms: string };
  env: Record<string, string>;
  bus: LocalBus;
  scheduler: LocalScheduler;
  stripe: FakeStripe;
  /** The End User Messaging SMS twin: every text sent, the opt-out list, replies. */
  sms: SmsTwin;
  stop(): Promise<void>;
}

export const BUS_NAME = "mas-local";
export const BUCKET_NAME = "mas-local-files";
export const SCHEDULE_GROUP = "mas-local-reminders";
export const SMS_CONFIGURATION_SET = "mas-local-sms";

/**
 * Starts the offline twin of the product's AWS + Stripe platform and points the real SDKs
 * at it through environment variables (AWS_ENDPOINT_URL_<SERVICE>, TABLE_NAME, ...), so
 * the services run the same code paths as in Lambda.
 */
export async function startLocalPlatform(options: PlatformOptions = {}): Promise<LocalPlatform> {
  const stops: (() => Promise<void>)[] = [];
  try {
    const ports = options.ports ?? {};
    let dynamo: LocalDynamo | undefined;
    let dynamoEndpoint = options.external?.dynamodb;
    if (!dynamoEndpoint) {
      dynamo = await startDynamo({ port: ports.dynamodb, persistDir: options.persist && join(options.persist, "dynamodb") });
      stops.push(() => dynamo!.stop());
      dynamoEndpoint = dynamo.endpoint;
    }
    let ses: LocalSes | undefined;
    let sesEndpoint = options.external?.ses;
    if (!sesEndpoint) {
      ses = await startSes(ports.ses);
      stops.push(() => ses!.stop());
      sesEndpoint = ses.endpoint;
    }
    let s3: LocalS3 | undefined;
    let s3Endpoint = options.external?.s3;
    if (!s3Endpoint) {
      s3 = await startS3({ port: ports.s3, directory: options.persist && join(options.persist, "s3"), buckets: [BUCKET_NAME] });
      stops.push(() => s3!.stop());
      s3Endpoint = s3.endpoint;
    }

    const tableName = options.tableName ?? "mas-local";
    await ensureTable(dynamoEndpoint, tableName);

    const bus = await startLocalBus({ port: ports.bus, busName: BUS_NAME, rules: [] });
    stops.push(() => bus.stop());
    for (const subscription of subscriptions) {
      const consume = serviceConsumers[subscription.service];
      bus.addRule({ name: subscription.id, pattern: patternFor(subscription), target: (event: BusEvent) => consume(event) });
    }

    const scheduler = await startLocalScheduler({
      port: ports.scheduler,
      clock: options.clock ?? "real",
      startAt: options.clockStart,
      fire: async (target) => {
        const result = await bus.publish([
          {
            EventBusName: target.Arn,
            Source: target.EventBridgeParameters?.Source ?? "aws.scheduler",
            DetailType: target.EventBridgeParameters?.DetailType ?? "Scheduled Event",
            Detail: target.Input ?? "{}",
          },
        ]);
        if (result.FailedEntryCount) throw new Error(`Scheduler target rejected: ${JSON.stringify(result.Entries)}`);
        // Deliver before the clock moves on: a handler runs at its schedule's time, as in AWS
        // (a step judges lateness by the clock: a reminder handled "hours later" is skipped).
        await bus.idle();
      },
    });
    stops.push(() => scheduler.stop());

    const gatewayPort = ports.gateway || (await freePort());
    const siteUrl = `http://localhost:${gatewayPort}`;
    const stripe = await startFakeStripe({
      port: ports.stripe,
      webhookUrl: `${siteUrl}/api/payments/webhook`,
      // With a manual clock (tests) a Direct Debit settles only when the test says so.
      ...(options.clock === "manual" ? { processingSettlesAfterMs: null } : {}),
    });
    stops.push(() => stripe.stop());

    // What AWS publishes to the SMS SNS topics (delivery events, STOP replies) goes to the
    // same function messaging's SNS subscription runs in AWS.
    const sms = await startSmsTwin({ port: ports.sms, now: () => scheduler.now(), notify: async (message) => void (await handleSmsNotification(message)) });
    stops.push(() => sms.stop());

    const env: Record<string, string> = {
      AWS_REGION: "eu-west-2",
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint,
      AWS_ENDPOINT_URL_SCHEDULER: scheduler.endpoint,
      AWS_ENDPOINT_URL_SESV2: sesEndpoint,
      AWS_ENDPOINT_URL_SES: sesEndpoint,
      AWS_ENDPOINT_URL_S3: s3Endpoint,
      AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: sms.endpoint,
      SMS_ORIGINATION_IDENTITY: "MasterAesth",
      SMS_OPT_OUT_LIST: "Default",
      SMS_CONFIGURATION_SET,
      S3_FORCE_PATH_STYLE: "true",
      TABLE_NAME: tableName,
      BUS_NAME,
      BUS_ARN: bus.busArn,
      SCHEDULE_GROUP,
      SCHEDULER_ROLE_ARN: "arn:aws:iam::000000000000:role/mas-local-scheduler",
      BUCKET_NAME,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_BASE: stripe.url,
      STRIPE_CHECKOUT_BASE: stripe.url,
      // The site's payment page: publishable key and Stripe.js (here the fake's stand-in).
      STRIPE_PUBLISHABLE_KEY: stripe.publishableKey,
      STRIPE_JS_URL: stripe.jsUrl,
      SITE_URL: siteUrl,
      API_URL: siteUrl,
      STAGE: "local",
    };
    Object.assign(process.env, env);

    const sweepEvery = options.outboxSweepMs ?? ((options.clock ?? "real") === "real" ? 2_000 : 0);
    if (sweepEvery > 0) {
      // The same drainOutbox the AWS sweeper runs, with a short grace: events the fast path left behind.
      let sweeping = false;
      const timer = setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        drainOutbox({ graceMs: 5_000 })
          .catch((error) => console.warn(`outbox sweeper: ${error instanceof Error ? error.message : error}`))
          .finally(() => (sweeping = false));
      }, sweepEvery);
      timer.unref();
      stops.push(async () => clearInterval(timer));
    }

    const links = { site: siteUrl, inbox: sesEndpoint, smsInbox: sms.endpoint, apiDocs: `${siteUrl}/api/docs`, stripe: stripe.url };
    const gateway = await startGateway({ port: gatewayPort, web: options.web, links });
    stops.push(() => gateway.stop());

    return {
      url: gateway.url,
      endpoints: { dynamodb: dynamoEndpoint, ses: sesEndpoint, s3: s3Endpoint, bus: bus.endpoint, scheduler: scheduler.endpoint, stripe: stripe.url, sms: sms.endpoint },
      env,
      bus,
      scheduler,
      stripe,
      sms,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  stops.length = 0;
}
