import { beforeAll, describe, expect, it } from "vitest";
import { SERVICES } from "../packages/core/src/events/define";
import { synthesize, type Synthesized } from "./synth";
import { Inspector } from "./testing";

/**
 * What only prod does, on a second offline synthesis with the owner's deploy-time settings:
 * data survives stack removal, alarms notify, events are archived, the custom domain is
 * served. (stacks.test.ts covers everything common to all stages.)
 */
const DOMAIN = "masteraesthetics.co.uk";
const PRACTICE = { PRACTICE_NAME: "Skin by Sam", PRACTICE_ADDRESS: "3 Queen Square, Bath BA1 2HG", PRACTICE_PHONE: "01225 496 000" };
let synth: Synthesized;
let t: Inspector;

beforeAll(async () => {
  Object.assign(process.env, { SITE_DOMAIN: DOMAIN, ALARM_EMAIL: "owner@example.com", ...PRACTICE });
  for (const name of ["SITE_URL", "HOSTED_ZONE", "MAIL_DOMAIN"]) delete process.env[name];
  synth = await synthesize({ stage: "prod", outdir: ".sst/cdk.out.prod-test" });
  t = new Inspector(synth);
});

describe("prod", () => {
  it("retains the table (deletion protection, PITR) and the versioned files bucket", () => {
    const [, table] = t.only("Data", "AWS::DynamoDB::Table");
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
    expect(table.Properties).toMatchObject({
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TableName: "prod-mas-Table",
    });
    const [, bucket] = t.only("Data", "AWS::S3::Bucket");
    expect(bucket.DeletionPolicy).toBe("Retain");
    expect(bucket.Properties!.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(t.resources("Data", "Custom::S3AutoDeleteObjects")).toHaveLength(0);
  });

  it("keeps the reminders schedule group", () => {
    const [, group] = t.only("Events", "AWS::Scheduler::ScheduleGroup");
    expect(group.Properties!.Name).toBe("mas-prod-reminders");
    expect(group.DeletionPolicy).toBe("Retain");
  });

  it("archives every event for replay", () => {
    const [, archive] = t.only("Events", "AWS::Events::Archive");
    expect(archive.Properties!.RetentionDays).toBe(30);
  });

  it("alarms on dead letters, API 5xx and each function's errors, notifying the owner", () => {
    const [topicId] = t.only("Events", "AWS::SNS::Topic");
    const subscription = t.only("Events", "AWS::SNS::Subscription")[1].Properties!;
    expect(subscription).toMatchObject({ Protocol: "email", Endpoint: "owner@example.com" });

    const alarms = Object.keys(synth.templates).flatMap((stack) =>
      t.resources(stack, "AWS::CloudWatch::Alarm").map(([, alarm]) => ({ stack, alarm: alarm.Properties! })),
    );
    for (const { stack, alarm } of alarms) {
      expect((alarm.AlarmActions as unknown[]).map((a) => t.render(a, stack))).toEqual([`Events:${topicId}`]);
    }
    const metrics = alarms.map(({ alarm }) => `${alarm.Namespace}/${alarm.MetricName}`).sort();
    expect(metrics).toEqual(
      [
        "AWS/SQS/ApproximateNumberOfMessagesVisible",
        "AWS/ApiGateway/5xx",
        ...SERVICES.map(() => "AWS/Lambda/Errors"),
        // the outbox sweeper failing to publish
        "AWS/Lambda/Errors",
      ].sort(),
    );
  });

  it("serves the site on the custom domain, which is also the functions' SITE_URL and the bucket's CORS origin", () => {
    const config = t.only("Web", "AWS::CloudFront::Distribution")[1].Properties!.DistributionConfig as Record<string, unknown>;
    expect(config.Aliases).toEqual([DOMAIN]);
    expect(config.ViewerCertificate).toMatchObject({ SslSupportMethod: "sni-only" });
    synth.templates.Web!.hasOutput("SiteUrl", { Value: `https://${DOMAIN}` });

    for (const service of SERVICES) {
      const env = (t.serviceFunction(service).resource.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.SITE_URL).toBe(`https://${DOMAIN}`);
      expect(env.STAGE).toBe("prod");
    }
    const bucket = t.only("Data", "AWS::S3::Bucket")[1].Properties!;
    const [rule] = (bucket.CorsConfiguration as { CorsRules: { AllowedOrigins: string[] }[] }).CorsRules;
    expect(rule!.AllowedOrigins).toEqual([`https://${DOMAIN}`]);
  });

  it("gives the functions and the site the same clinic details, and sends mail in the clinic's name", () => {
    for (const service of SERVICES) {
      const env = (t.serviceFunction(service).resource.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env).toMatchObject(PRACTICE);
      expect(env.MAIL_FROM).toBe(`Skin by Sam <hello@${DOMAIN}>`);
    }
    const siteEnvironments = t
      .resources("Web", "AWS::Lambda::Function")
      .map(([, r]) => (r.Properties!.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {})
      .filter((vars) => "API_URL" in vars);
    expect(siteEnvironments.length).toBeGreaterThan(0);
    for (const vars of siteEnvironments) expect(vars).toMatchObject(PRACTICE);
  });
});
