import { Function, use, type StackContext } from "sst/constructs";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { CfnConfigurationSet, CfnOptOutList, CfnSenderId } from "aws-cdk-lib/aws-smsvoice";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Data } from "./Data";
import { Events } from "./Events";
import { stageConfig } from "./stage";

/**
 * Text messages through AWS End User Messaging SMS. The origination identity, opt-out list
 * and configuration set are parameters of the stage (stacks/stage.ts): an identity the
 * owner registered (a pool, phone number or sender ID ARN) is used as given; without one an
 * alphanumeric sender ID for the UK is declared here (no registration needed for GB).
 * Delivery events of the configuration set and two-way replies (STOP) go to one SNS topic,
 * read by messaging's `sms-notifications` function. Messaging may send only from that
 * identity through that configuration set, and change only that opt-out list (Services
 * grants its function `senderStatements`). Comes before Services, which uses it.
 */
export function Sms({ stack, app }: StackContext) {
  const stage = stageConfig(app.stage);
  const { table } = use(Data);
  const { bus } = use(Events);

  const arn = (resource: string, name: string) => stack.formatArn({ service: "sms-voice", resource, resourceName: name });

  const originationIdentity = stage.sms.originationIdentity ?? new CfnSenderId(stack, "SenderId", { isoCountryCode: "GB", senderId: stage.sms.senderId }).attrArn;
  const optOutListName = stage.sms.optOutList ?? new CfnOptOutList(stack, "OptOutList", { optOutListName: `${app.name}-${app.stage}-opt-outs` }).ref;

  // Delivery events and STOP replies. Only End User Messaging in this account may publish.
  const notifications = new Topic(stack, "SmsNotifications", { enforceSSL: true });
  notifications.addToResourcePolicy(
    new PolicyStatement({
      actions: ["sns:Publish"],
      principals: [new ServicePrincipal("sms-voice.amazonaws.com")],
      resources: [notifications.topicArn],
      conditions: { StringEquals: { "aws:SourceAccount": stack.account } },
    }),
  );

  const configurationSetName = stage.sms.configurationSet ?? `${app.name}-${app.stage}-sms`;
  if (!stage.sms.configurationSet) {
    new CfnConfigurationSet(stack, "ConfigurationSet", {
      configurationSetName,
      eventDestinations: [
        {
          eventDestinationName: "delivery-to-sns",
          enabled: true,
          matchingEventTypes: ["TEXT_DELIVERED", "TEXT_BLOCKED", "TEXT_TTL_EXPIRED", "TEXT_CARRIER_UNREACHABLE", "TEXT_INVALID", "TEXT_INVALID_MESSAGE", "TEXT_UNREACHABLE", "TEXT_CARRIER_BLOCKED", "TEXT_SPAM", "TEXT_UNKNOWN"],
          snsDestination: { topicArn: notifications.topicArn },
        },
      ],
    });
  }

  const environment = {
    SMS_ORIGINATION_IDENTITY: originationIdentity,
    SMS_MARKETING_ORIGINATION_IDENTITY: stage.sms.marketingOriginationIdentity ?? originationIdentity,
    SMS_OPT_OUT_LIST: optOutListName,
    SMS_CONFIGURATION_SET: configurationSetName,
    SMS_PENCE_PER_SEGMENT: String(stage.sms.pencePerSegment),
  };
  const optOutList = arn("opt-out-list", optOutListName);
  const identities = [...new Set([originationIdentity, environment.SMS_MARKETING_ORIGINATION_IDENTITY])];

  // For the service that texts (messaging; Services adds them to its function).
  const senderStatements = [
    new PolicyStatement({ actions: ["sms-voice:SendTextMessage"], resources: [...identities, arn("configuration-set", configurationSetName), optOutList] }),
    new PolicyStatement({ actions: ["sms-voice:PutOptedOutNumber", "sms-voice:DeleteOptedOutNumber"], resources: [optOutList] }),
  ];

  // What AWS reports: delivery status into the history, STOP into the opt-out list and an event.
  const reports = new Function(stack, "smsNotifications", {
    handler: "packages/services/messaging/src/sms-notifications.handler",
    description: "messaging: SMS delivery events and two-way replies (STOP) from End User Messaging via SNS",
    runtime: "nodejs22.x",
    architecture: "arm_64",
    memorySize: "256 MB",
    timeout: "10 seconds",
    logRetention: stage.logRetention,
    nodejs: { format: "esm", minify: true, esbuild: { external: ["@aws-sdk/*"] } },
    environment: { STAGE: app.stage, TABLE_NAME: table.tableName, BUS_NAME: bus.eventBusName, BUS_ARN: bus.eventBusArn, SMS_OPT_OUT_LIST: optOutListName },
  });
  table.cdk.table.grantReadWriteData(reports);
  bus.cdk.eventBus.grantPutEventsTo(reports);
  reports.addToRolePolicy(new PolicyStatement({ actions: ["sms-voice:PutOptedOutNumber"], resources: [optOutList] }));
  notifications.addSubscription(new LambdaSubscription(reports));

  stack.addOutputs({ SmsNotificationsTopic: notifications.topicArn, SmsOriginationIdentity: originationIdentity, SmsConfigurationSet: configurationSetName });
  return { notifications, environment, senderStatements };
}
