import { Cron, use, type StackContext } from "sst/constructs";
import { Data } from "./Data";
import { Events } from "./Events";
import { stageConfig } from "./stage";

/**
 * The outbox sweeper. Every service writes its events into the table in the same
 * transaction as the change and publishes them straight after the commit; this function,
 * once a minute, publishes whatever that fast path left behind (the bus refused, the
 * Lambda died between commit and publish) and deletes what the bus accepted.
 *
 * Why a schedule and not DynamoDB Streams or Pipes: the fast path already delivers at once,
 * so the sweeper only mops up rare failures, and a one-minute delay there is fine. It costs
 * 43,800 invocations a month (inside Lambda's free tier) and one empty query of the outbox's
 * table partition each (0.5 RCU; plus one of gsi1 for items written before issue 20);
 * Streams would add a stream on a table whose every other write is not an event, and a
 * second delivery path to reason about. The local platform runs the same `drainOutbox` on
 * a timer.
 */
export function Outbox({ stack, app }: StackContext) {
  const stage = stageConfig(app.stage);
  const { table } = use(Data);
  const { bus } = use(Events);

  const sweeper = new Cron(stack, "OutboxSweeper", {
    schedule: "rate(1 minute)",
    job: {
      function: {
        handler: "packages/core/src/outbox/handler.handler",
        description: "Publishes outbox events the fast path left behind",
        runtime: "nodejs22.x",
        architecture: "arm_64",
        memorySize: "256 MB",
        timeout: "50 seconds",
        logRetention: stage.logRetention,
        nodejs: { format: "esm", minify: true, esbuild: { external: ["@aws-sdk/*"] } },
        environment: { TABLE_NAME: table.tableName, BUS_NAME: bus.eventBusName },
      },
    },
  });
  const fn = sweeper.jobFunction;
  table.cdk.table.grantReadWriteData(fn);
  bus.cdk.eventBus.grantPutEventsTo(fn);

  // Failing to publish makes the sweeper throw every minute, which the function-errors
  // alarm (stacks/Events.ts) reports within five minutes.
  return { sweeper };
}
