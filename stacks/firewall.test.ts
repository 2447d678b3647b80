import { beforeAll, describe, expect, it } from "vitest";
import { AwsSolutionsChecks, HIPAASecurityChecks } from "cdk-nag";
import { rateLimit } from "./Firewall";
import { applyNagSuppressions, nagErrors } from "./nag";
import { stageConfig } from "./stage";
import { synthesize, type Synthesized } from "./synth";
import { Inspector } from "./testing";

/**
 * The web firewall: the app synthesized for prod in us-east-1, which is the Firewall stack
 * alone (sst.config.ts), with cdk-nag's packs as on the main prod stage. Its ARN reaches the
 * distribution through WEB_ACL_ARN (prod.test.ts asserts that side).
 */
let synth: Synthesized;
let t: Inspector;

beforeAll(async () => {
  synth = await synthesize({
    stage: "prod",
    region: "us-east-1",
    outdir: ".sst/cdk.out.prod-firewall",
    aspects: [new AwsSolutionsChecks({ verbose: true }), new HIPAASecurityChecks({ verbose: true })],
    prepare: applyNagSuppressions,
  });
  t = new Inspector(synth);
});

type Statement = Record<string, unknown>;
interface Request {
  method: string;
  uri: string;
}

/** WAF's matching of the statement kinds the rule uses (byte match on method/URI path, and, or). */
function matches(statement: Statement, request: Request): boolean {
  if (statement.OrStatement) return (statement.OrStatement as { Statements: Statement[] }).Statements.some((s) => matches(s, request));
  if (statement.AndStatement) return (statement.AndStatement as { Statements: Statement[] }).Statements.every((s) => matches(s, request));
  const byteMatch = statement.ByteMatchStatement as { FieldToMatch: Record<string, unknown>; PositionalConstraint: string; SearchString: string; TextTransformations: { Type: string }[] } | undefined;
  if (!byteMatch) throw new Error(`statement kind not modelled here: ${Object.keys(statement).join()}`);
  let value = "Method" in byteMatch.FieldToMatch ? request.method : "UriPath" in byteMatch.FieldToMatch ? request.uri : undefined;
  if (value === undefined) throw new Error(`field not modelled here: ${Object.keys(byteMatch.FieldToMatch).join()}`);
  for (const { Type } of byteMatch.TextTransformations) {
    if (Type === "LOWERCASE") value = value.toLowerCase();
    else if (Type !== "NONE") throw new Error(`transformation not modelled here: ${Type}`);
  }
  const search = byteMatch.SearchString;
  switch (byteMatch.PositionalConstraint) {
    case "EXACTLY":
      return value === search;
    case "STARTS_WITH":
      return value.startsWith(search);
    case "ENDS_WITH":
      return value.endsWith(search);
    default:
      throw new Error(`constraint not modelled here: ${byteMatch.PositionalConstraint}`);
  }
}

describe("Firewall (us-east-1)", () => {
  const acl = () => t.only("Firewall", "AWS::WAFv2::WebACL")[1].Properties!;
  const rule = (name: string) => (acl().Rules as Statement[]).find((r) => r.Name === name)!;

  it("is the only stack of the app in us-east-1, and outputs the ACL's ARN for WEB_ACL_ARN", () => {
    expect(Object.keys(synth.stacks)).toEqual(["Firewall"]);
    expect(synth.stacks.Firewall!.region).toBe("us-east-1");
    const [aclId] = t.only("Firewall", "AWS::WAFv2::WebACL");
    expect(t.json.Firewall!.Outputs!.WebAclArn!.Value).toEqual({ "Fn::GetAtt": [aclId, "Arn"] });
    // What the deploy hands on is checked for that shape.
    const arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/prod-mas-Firewall-acl/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
    expect(stageConfig("prod", { WEB_ACL_ARN: arn }).webAclArn).toBe(arn);
    expect(() => stageConfig("prod", { WEB_ACL_ARN: "arn:aws:wafv2:eu-west-2:123456789012:regional/webacl/x/y" })).toThrow(/WEB_ACL_ARN must be an ARN like arn:aws:wafv2:us-east-1:/);
  });

  it("is a CLOUDFRONT-scope ACL allowing by default, with AWS's common rules (body-size rule only counted) first", () => {
    expect(acl()).toMatchObject({ Scope: "CLOUDFRONT", DefaultAction: { Allow: {} } });
    expect((acl().Rules as Statement[]).map((r) => [r.Priority, r.Name])).toEqual([
      [0, "aws-common"],
      [1, "sign-in-and-payments-rate"],
    ]);
    expect(rule("aws-common")).toMatchObject({
      OverrideAction: { None: {} },
      Statement: {
        ManagedRuleGroupStatement: {
          VendorName: "AWS",
          Name: "AWSManagedRulesCommonRuleSet",
          RuleActionOverrides: [{ Name: "SizeRestrictions_BODY", ActionToUse: { Count: {} } }],
        },
      },
    });
  });

  it("blocks an IP over the rate limit on sign-in posts and payment-intent paths, and only there", () => {
    const rate = rule("sign-in-and-payments-rate");
    expect(rate.Action).toEqual({ Block: {} });
    const statement = (rate.Statement as { RateBasedStatement: Statement }).RateBasedStatement;
    expect(statement).toMatchObject({ AggregateKeyType: "IP", Limit: rateLimit.requests, EvaluationWindowSec: rateLimit.windowSeconds });
    const scope = statement.ScopeDownStatement as Statement;
    const limited: Request[] = [
      { method: "POST", uri: "/signin" },
      { method: "POST", uri: "/SignIn" },
      { method: "POST", uri: "/register" },
      { method: "POST", uri: "/forgot-password" },
      { method: "POST", uri: "/reset-password" },
      { method: "POST", uri: "/api/accounts/login" },
      { method: "POST", uri: "/api/accounts/register" },
      { method: "POST", uri: "/api/accounts/password/forgot" },
      { method: "POST", uri: "/api/accounts/password/reset" },
      { method: "POST", uri: "/api/payments/intents" },
      { method: "POST", uri: "/api/payments/admin/payments/desk-intents" },
      // the payment pages (web/src/lib/csp.ts PAYMENT_PAGES), whose render creates an intent
      { method: "GET", uri: "/book/pay" },
      { method: "GET", uri: "/account/payments/pay" },
      { method: "GET", uri: "/learn/01JENROLMENT/pay" },
      { method: "GET", uri: "/admin/diary/appointments/01JAPPOINTMENT/pay" },
    ];
    const free: Request[] = [
      { method: "GET", uri: "/signin" },
      { method: "GET", uri: "/" },
      { method: "GET", uri: "/api/booking/availability" },
      { method: "POST", uri: "/api/booking/appointments" },
      { method: "GET", uri: "/api/accounts/me" },
      { method: "POST", uri: "/api/payments/webhook" },
      { method: "GET", uri: "/book/payment-policy" },
    ];
    for (const request of limited) expect(matches(scope, request), `${request.method} ${request.uri}`).toBe(true);
    for (const request of free) expect(matches(scope, request), `${request.method} ${request.uri}`).toBe(false);
  });

  it("logs only what it blocked or counted, cookies redacted, to a log group that expires", () => {
    const [aclId] = t.only("Firewall", "AWS::WAFv2::WebACL");
    const logging = t.only("Firewall", "AWS::WAFv2::LoggingConfiguration")[1].Properties!;
    expect(logging.ResourceArn).toEqual({ "Fn::GetAtt": [aclId, "Arn"] });
    expect(logging.RedactedFields).toEqual([{ SingleHeader: { Name: "cookie" } }]);
    expect(logging.LoggingFilter).toEqual({
      DefaultBehavior: "DROP",
      Filters: [{ Behavior: "KEEP", Requirement: "MEETS_ANY", Conditions: [{ ActionCondition: { Action: "BLOCK" } }, { ActionCondition: { Action: "COUNT" } }] }],
    });
    const [groupId, group] = t.only("Firewall", "AWS::Logs::LogGroup");
    expect(group.Properties).toMatchObject({ LogGroupName: "aws-waf-logs-prod-mas-Firewall", RetentionInDays: 90 });
    expect(t.render(logging.LogDestinationConfigs, "Firewall")).toBe(`arn:aws:logs:us-east-1:123456789012:log-group:Firewall:${groupId}`);
  });

  it("passes cdk-nag's AwsSolutions and HIPAA.Security packs", () => {
    expect(nagErrors(synth.stacks)).toEqual([]);
  });
});
