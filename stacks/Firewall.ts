import type { StackContext } from "sst/constructs";
import { ArnFormat, RemovalPolicy } from "aws-cdk-lib";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { CfnLoggingConfiguration, CfnWebACL } from "aws-cdk-lib/aws-wafv2";
import { stageConfig } from "./stage";

/**
 * The web firewall in front of the site's CloudFront distribution. AWS keeps CLOUDFRONT-scope
 * web ACLs in us-east-1 only, and SST v2 deploys every stack of an app to the app's one
 * region (its Stack refuses `env`, and `sst deploy` talks to one CloudFormation endpoint), so
 * this stack is the whole app when deployed with `--region us-east-1` (sst.config.ts):
 *
 *   npx sst deploy --stage prod --region us-east-1   → output WebAclArn
 *   WEB_ACL_ARN=<that ARN> npx sst deploy --stage prod
 *
 * CDK's cross-region references would need both stacks in one deploy across two regions,
 * which SST v2 cannot do; the ARN never changes once created, so a deploy parameter is enough
 * (docs/deploy.md). Cost: $5/month for the ACL, $1 per rule (two), $0.60 per million requests.
 */
export function Firewall({ stack, app }: StackContext) {
  const stage = stageConfig(app.stage);
  if (stack.region !== "us-east-1") throw new Error("stacks/Firewall.ts: a CloudFront web ACL lives in us-east-1 (deploy it with --region us-east-1)");

  const acl = new CfnWebACL(stack, "WebAcl", {
    name: `${stack.stackName}-acl`,
    description: "CloudFront: AWS common rules, rate limit on sign-in, password and payment paths",
    scope: "CLOUDFRONT",
    defaultAction: { allow: {} },
    visibilityConfig: visibility(`${stack.stackName}-acl`),
    rules: [
      {
        name: "aws-common",
        priority: 0,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: "AWS",
            name: "AWSManagedRulesCommonRuleSet",
            // Its 8 KB body limit would refuse signatures (a PNG in the JSON), medical
            // histories and consent templates; the services cap bodies themselves (413).
            ruleActionOverrides: [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }],
          },
        },
        visibilityConfig: visibility("aws-common"),
      },
      {
        name: "sign-in-and-payments-rate",
        priority: 1,
        action: { block: {} },
        statement: {
          rateBasedStatement: {
            aggregateKeyType: "IP",
            limit: rateLimit.requests,
            evaluationWindowSec: rateLimit.windowSeconds,
            scopeDownStatement: { orStatement: { statements: [signInPosts(), ...paymentPaths()] } },
          },
        },
        visibilityConfig: visibility("sign-in-and-payments-rate"),
      },
    ],
  });

  // Only what the firewall blocked or counted is logged (allowed traffic is in CloudFront's
  // own logs), cookies redacted; kept as long as the API's access logs.
  const logs = new LogGroup(stack, "WebAclLogs", {
    // WAF delivers only to log groups named aws-waf-logs-*.
    logGroupName: `aws-waf-logs-${stack.stackName}`,
    retention: stage.logRetention === "three_months" ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK,
    removalPolicy: stage.isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  new CfnLoggingConfiguration(stack, "WebAclLogging", {
    resourceArn: acl.attrArn,
    // (the log group's ARN without the trailing ":*" its Arn attribute carries)
    logDestinationConfigs: [stack.formatArn({ service: "logs", resource: "log-group", resourceName: logs.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    redactedFields: [{ singleHeader: { Name: "cookie" } }],
    loggingFilter: {
      DefaultBehavior: "DROP",
      Filters: [{ Behavior: "KEEP", Requirement: "MEETS_ANY", Conditions: [{ ActionCondition: { Action: "BLOCK" } }, { ActionCondition: { Action: "COUNT" } }] }],
    },
  });

  stack.addOutputs({ WebAclArn: acl.attrArn });
  return { acl };
}

/**
 * Per client IP, over five minutes, across every path below together. Far above what one
 * person does (a few sign-ins, one payment page per booking) and below what a password
 * sprayer or card tester needs; the services' own per-route limits (table-backed) stay the
 * finer control.
 */
export const rateLimit = { requests: 100, windowSeconds: 300 } as const;

/** Form posts and API calls that check a password or send a reset mail. */
export const signInPaths = ["/signin", "/register", "/forgot-password", "/reset-password", "/api/accounts/login", "/api/accounts/register", "/api/accounts/password/"] as const;

/** Paths that create a Stripe payment intent: the API routes, and the pay pages whose render creates one. */
export const paymentIntentPaths = { startsWith: ["/api/payments/intents", "/api/payments/admin/payments/desk-intents"], endsWith: ["/pay", "/pay/"] } as const;

function signInPosts(): CfnWebACL.StatementProperty {
  return {
    andStatement: {
      statements: [
        { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: "EXACTLY", searchString: "POST", textTransformations: [{ priority: 0, type: "NONE" }] } },
        { orStatement: { statements: signInPaths.map((path) => uriMatch("STARTS_WITH", path)) } },
      ],
    },
  };
}

function paymentPaths(): CfnWebACL.StatementProperty[] {
  return [...paymentIntentPaths.startsWith.map((path) => uriMatch("STARTS_WITH", path)), ...paymentIntentPaths.endsWith.map((path) => uriMatch("ENDS_WITH", path))];
}

function uriMatch(positionalConstraint: "STARTS_WITH" | "ENDS_WITH", searchString: string): CfnWebACL.StatementProperty {
  // Lowercased first, so /SignIn cannot step around the rule.
  return { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint, searchString, textTransformations: [{ priority: 0, type: "LOWERCASE" }] } };
}

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}
