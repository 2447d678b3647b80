import { use, type StackContext } from "sst/constructs";
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Rule, type EventPattern } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Policy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { CfnEventInvokeConfig } from "aws-cdk-lib/aws-lambda";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { patternFor, subscriptions } from "../packages/core/src/events/subscriptions";
import { Events } from "./Events";
import { Services } from "./Services";

/**
 * One EventBridge rule per entry of core's subscription map, each targeting the listening
 * service's function. Delivery is retried by EventBridge; a handler that keeps throwing is
 * retried by Lambda's async invocation and then parked in the dead-letter queue, so no
 * event is silently lost.
 */
export function Subscriptions({ stack }: StackContext) {
  const { bus, alarms } = use(Events);
  const { functions } = use(Services);

  const deadLetters = new Queue(stack, "DeadLetters", {
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });

  for (const subscription of subscriptions) {
    const { "detail-type": detailType, ...rest } = patternFor(subscription);
    new Rule(stack, `Rule-${subscription.id}`, {
      eventBus: bus.cdk.eventBus,
      description: `${subscription.service} listens to ${subscription.events.join(", ")}`,
      eventPattern: { ...rest, detailType } as EventPattern,
      targets: [
        new LambdaFunction(functions[subscription.service], {
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: deadLetters,
        }),
      ],
    });
  }

  // Processing failures (the handler threw after Lambda's own retries) go to the same queue.
  // Declared here rather than on the functions so the queue can follow the rules.
  const subscribers = [...new Set(subscriptions.map((subscription) => subscription.service))].sort();
  for (const service of subscribers) {
    const fn = functions[service];
    const access = new Policy(stack, `DeadLetterAccess-${service}`, {
      roles: [fn.role!],
      statements: [new PolicyStatement({ actions: ["sqs:SendMessage"], resources: [deadLetters.queueArn] })],
    });
    const config = new CfnEventInvokeConfig(stack, `AsyncFailures-${service}`, {
      functionName: fn.functionName,
      qualifier: "$LATEST",
      maximumRetryAttempts: 2,
      destinationConfig: { onFailure: { destination: deadLetters.queueArn } },
    });
    // Lambda checks the role may send to the destination when the config is created.
    config.node.addDependency(access);
  }

  if (alarms) {
    new Alarm(stack, "DeadLettersAlarm", {
      alarmDescription: "Events failed delivery or processing: inspect the dead-letter queue and redrive",
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: "Maximum" }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(alarms));
  }

  return { deadLetters };
}
