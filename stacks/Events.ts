import { EventBus, type StackContext } from "sst/constructs";
import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { ScheduleGroup } from "aws-cdk-lib/aws-scheduler";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { stageConfig } from "./stage";

/**
 * The bus every service publishes to, and the scheduler that puts `reminder.due` events on
 * it. Created before the functions, which need the names; the rules that target the
 * functions live in `Subscriptions`, after them.
 */
export function Events({ stack, app }: StackContext) {
  const stage = stageConfig(app.stage);
  const bus = new EventBus(stack, "Bus");

  if (stage.isProd) {
    // A month of every event, so a consumer bug can be fixed and its events replayed.
    bus.cdk.eventBus.archive("Archive", {
      eventPattern: { account: [stack.account] },
      retention: Duration.days(30),
    });
  }

  const scheduleGroup = new ScheduleGroup(stack, "Reminders", {
    scheduleGroupName: `${app.name}-${app.stage}-reminders`,
    removalPolicy: stage.removalPolicy,
  });

  // What EventBridge Scheduler runs as when a reminder fires: it may put events on our bus
  // and do nothing else. Only our own account's schedules may assume it.
  const schedulerRole = new Role(stack, "SchedulerRole", {
    assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
      conditions: { StringEquals: { "aws:SourceAccount": stack.account } },
    }),
    description: "Assumed by EventBridge Scheduler to deliver reminder.due events to the bus",
  });
  bus.cdk.eventBus.grantPutEventsTo(schedulerRole);

  // Prod alarms (here, in Subscriptions and in Api) notify this topic.
  let alarms: Topic | undefined;
  if (stage.alarms) {
    // Publishing over plain HTTP is refused by the topic policy.
    alarms = new Topic(stack, "Alarms", { enforceSSL: true });
    if (stage.alarmEmail) alarms.addSubscription(new EmailSubscription(stage.alarmEmail));

    // One alarm for every function's errors (the six services, the outbox sweeper, the site
    // server): Lambda's account-wide Errors metric, so one billed alarm metric instead of one
    // per function. It counts every function in this account and region — keep prod in an
    // account of its own (docs/deploy.md); which function threw is in Lambda's per-function
    // metrics (docs/runbook.md). With the API 5xx and dead-letter alarms that makes three.
    new Alarm(stack, "FunctionErrors", {
      alarmDescription: "Lambda functions threw 5 or more errors in 5 minutes (an outbox sweeper failing every minute included): see docs/runbook.md",
      metric: new Metric({ namespace: "AWS/Lambda", metricName: "Errors", statistic: "Sum", period: Duration.minutes(5) }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(alarms));
  }

  return { bus, scheduleGroup, schedulerRole, alarms };
}
