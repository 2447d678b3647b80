import { Api as HttpApi, use, type ApiRouteProps, type StackContext } from "sst/constructs";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Duration } from "aws-cdk-lib";
import { SERVICES } from "../packages/core/src/events/define";
import { Events } from "./Events";
import { Services } from "./Services";
import { stageConfig } from "./stage";

/**
 * One HTTP API (payload v2). Each service's Hono app has basePath `/api/<service>`, so the
 * API hands it the whole path unchanged. Browsers reach it through the site's CloudFront
 * distribution (same origin), hence no CORS here.
 */
export function Api({ stack, app }: StackContext) {
  const { functions } = use(Services);
  const { alarms } = use(Events);

  const routes: Record<string, ApiRouteProps<never>> = {};
  for (const service of SERVICES) {
    routes[`ANY /api/${service}`] = functions[service];
    routes[`ANY /api/${service}/{proxy+}`] = functions[service];
  }

  const api = new HttpApi(stack, "Api", {
    cors: false,
    routes,
    defaults: { throttle: { rate: 200, burst: 400 } },
    // Access logs hold client IPs: kept as long as the functions' logs, never forever.
    accessLog: { retention: stageConfig(app.stage).logRetention },
  });

  if (alarms) {
    new Alarm(stack, "Api5xx", {
      alarmDescription: "The API answered 5xx",
      metric: api.cdk.httpApi.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(alarms));
  }

  stack.addOutputs({ ApiUrl: api.url });
  return { api };
}
