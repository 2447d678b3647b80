import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupRules } from "./Data";
import { SERVICES } from "../packages/core/src/events/define";
import { synthesize, type Synthesized } from "./synth";
import { Inspector } from "./testing";

/**
 * What only prod does, on a second offline synthesis with the owner's deploy-time settings:
 * data survives stack removal, alarms notify, events are archived, the custom domain is
 * served. (stacks.test.ts covers everything common to all stages.)
 */
const DOMAIN = "masteraesthetics.co.uk";
const COPY_VAULT = "arn:aws:backup:eu-west-2:210987654321:backup-vault:mas-copies";
const WEB_ACL = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/prod-mas-firewall/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
const PRACTICE = { PRACTICE_NAME: "Skin by Sam", PRACTICE_ADDRESS: "3 Queen Square, Bath BA1 2HG", PRACTICE_PHONE: "01225 496 000" };
let synth: Synthesized;
let t: Inspector;

beforeAll(async () => {
  Object.assign(process.env, { SITE_DOMAIN: DOMAIN, ALARM_EMAIL: "owner@example.com", BACKUP_COPY_VAULT_ARN: COPY_VAULT, WEB_ACL_ARN: WEB_ACL, ...PRACTICE });
  for (const name of ["SITE_URL", "HOSTED_ZONE", "MAIL_DOMAIN"]) delete process.env[name];
  synth = await synthesize({ stage: "prod", outdir: ".sst/cdk.out.prod-test" });
  t = new Inspector(synth);
  t.name("Data", t.only("Data", "AWS::DynamoDB::Table")[0], "table");
  t.name("Data", t.only("Data", "AWS::S3::Bucket", isFiles)[0], "files");
});

afterAll(() => {
  for (const name of ["BACKUP_COPY_VAULT_ARN", "WEB_ACL_ARN"]) delete process.env[name];
});

/** The files bucket is the one the browser reaches (CORS); the other is the logs bucket. */
const isFiles = (r: { Properties?: Record<string, unknown> }) => r.Properties?.CorsConfiguration !== undefined;

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
    const [, bucket] = t.only("Data", "AWS::S3::Bucket", isFiles);
    expect(bucket.DeletionPolicy).toBe("Retain");
    expect(bucket.Properties!.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(t.resources("Data", "Custom::S3AutoDeleteObjects")).toHaveLength(0);
  });

  it("keeps the logs bucket, whose access logs and CloudFront logs expire after 400 and 90 days", () => {
    const [, logs] = t.only("Data", "AWS::S3::Bucket", (r) => !isFiles(r));
    expect(logs.DeletionPolicy).toBe("Retain");
    const rules = (logs.Properties!.LifecycleConfiguration as { Rules: { Prefix?: string; ExpirationInDays: number }[] }).Rules;
    expect(rules.map((rule) => [rule.Prefix ?? "", rule.ExpirationInDays])).toEqual([["", 400], ["cloudfront/", 90]]);
  });

  it("backs up the table and the files bucket with AWS Backup: nightly for 35 days, monthly for 400, in a compliance-locked vault", () => {
    const [vaultId, vault] = t.only("Data", "AWS::Backup::BackupVault");
    expect(vault.DeletionPolicy).toBe("Retain");
    // ChangeableForDays: compliance mode — after three days the lock itself is immutable.
    expect(vault.Properties!.LockConfiguration).toEqual({ MinRetentionDays: 35, MaxRetentionDays: 400, ChangeableForDays: 3 });

    const plan = (t.only("Data", "AWS::Backup::BackupPlan")[1].Properties!.BackupPlan as { BackupPlanRule: Record<string, unknown>[] }).BackupPlanRule;
    expect(
      plan.map((rule) => ({
        name: rule.RuleName,
        schedule: rule.ScheduleExpression,
        keepDays: (rule.Lifecycle as { DeleteAfterDays: number }).DeleteAfterDays,
        vault: t.render(rule.TargetBackupVault, "Data"),
        copies: (rule.CopyActions as { DestinationBackupVaultArn: string; Lifecycle: { DeleteAfterDays: number } }[]).map((copy) => [copy.DestinationBackupVaultArn, copy.Lifecycle.DeleteAfterDays]),
      })),
    ).toEqual(
      Object.entries(backupRules).map(([name, rule]) => ({ name, schedule: rule.schedule, keepDays: rule.keepDays, vault: `Data:${vaultId}.BackupVaultName`, copies: [[COPY_VAULT, rule.keepDays]] })),
    );
    // At least a year back is always restorable.
    expect(Math.max(...plan.map((rule) => (rule.Lifecycle as { DeleteAfterDays: number }).DeleteAfterDays))).toBeGreaterThanOrEqual(365);

    const selection = t.only("Data", "AWS::Backup::BackupSelection")[1].Properties!.BackupSelection as { Resources: unknown[]; IamRoleArn: unknown };
    expect(selection.Resources.map((r) => t.render(r, "Data"))).toEqual(["table.Arn", "files.Arn"]);
    const roleId = t.render(selection.IamRoleArn, "Data").replace(/^Data:|\.Arn$/g, "");
    const role = t.json.Data!.Resources![roleId]!.Properties!;
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain("backup.amazonaws.com");
    expect(t.grants("Data", roleId)).toEqual(
      [
        "service-role/AWSBackupServiceRolePolicyForBackup",
        "service-role/AWSBackupServiceRolePolicyForRestores",
        "AWSBackupServiceRolePolicyForS3Backup",
        "AWSBackupServiceRolePolicyForS3Restore",
      ].map((name) => `managed arn:aws:iam::aws:policy/${name}`).sort(),
    );
  });

  it("puts the site behind the web firewall named by WEB_ACL_ARN", () => {
    const config = t.only("Web", "AWS::CloudFront::Distribution")[1].Properties!.DistributionConfig as Record<string, unknown>;
    expect(config.WebACLId).toBe(WEB_ACL);
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

  it("alarms on dead letters, API 5xx and any function's errors with three alarms, notifying the owner", () => {
    const [topicId] = t.only("Events", "AWS::SNS::Topic");
    const subscription = t.only("Events", "AWS::SNS::Subscription")[1].Properties!;
    expect(subscription).toMatchObject({ Protocol: "email", Endpoint: "owner@example.com" });

    const alarms = Object.keys(synth.templates).flatMap((stack) =>
      t.resources(stack, "AWS::CloudWatch::Alarm").map(([, alarm]) => ({ stack, alarm: alarm.Properties! })),
    );
    for (const { stack, alarm } of alarms) {
      expect((alarm.AlarmActions as unknown[]).map((a) => t.render(a, stack))).toEqual([`Events:${topicId}`]);
    }
    // CloudWatch bills each alarm metric ($0.10/month; the first ten are free): three alarm
    // metrics instead of the nine a per-function alarm took. A composite alarm would not
    // help — it costs $0.50/month on top of the alarms it watches, which are still billed.
    expect(alarms.flatMap(({ alarm }) => (alarm.Metrics as unknown[] | undefined) ?? [alarm])).toHaveLength(3);
    expect(t.resources("Events", "AWS::CloudWatch::CompositeAlarm")).toHaveLength(0);
    const metrics = alarms.map(({ alarm }) => `${alarm.Namespace}/${alarm.MetricName}`).sort();
    expect(metrics).toEqual(["AWS/ApiGateway/5xx", "AWS/Lambda/Errors", "AWS/SQS/ApproximateNumberOfMessagesVisible"]);
    // Lambda's Errors without a FunctionName: every function (services, outbox sweeper, site server).
    const errors = alarms.find(({ alarm }) => alarm.MetricName === "Errors")!.alarm;
    expect(errors).toMatchObject({ Statistic: "Sum", Period: 300, Threshold: 5, EvaluationPeriods: 1, TreatMissingData: "notBreaching" });
    expect(errors.Dimensions).toBeUndefined();
  });

  it("refuses plain-HTTP publishing on every SNS topic (alarms, SMS receipts)", () => {
    const topics = Object.keys(synth.templates).flatMap((stack) => t.resources(stack, "AWS::SNS::Topic").map(([id]) => `${stack}:${id}`));
    expect(topics.length).toBe(2);
    const guarded = Object.keys(synth.templates).flatMap((stack) =>
      t
        .resources(stack, "AWS::SNS::TopicPolicy")
        .filter(([, policy]) =>
          (policy.Properties!.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement.some(
            (statement) => statement.Effect === "Deny" && JSON.stringify(statement.Condition) === JSON.stringify({ Bool: { "aws:SecureTransport": "false" } }),
          ),
        )
        .flatMap(([, policy]) => (policy.Properties!.Topics as unknown[]).map((topic) => t.render(topic, stack))),
    );
    expect(guarded.sort()).toEqual(topics.sort());
  });

  it("keeps the API's access logs (client IPs) 90 days, not forever", () => {
    const stage = t.only("Api", "AWS::ApiGatewayV2::Stage")[1].Properties!;
    const destination = t.render((stage.AccessLogSettings as { DestinationArn: unknown }).DestinationArn, "Api");
    const [groupId, group] = t.only("Api", "AWS::Logs::LogGroup");
    expect(destination).toBe(`Api:${groupId}.Arn`);
    expect(group.Properties!.RetentionInDays).toBe(90);
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
    const bucket = t.only("Data", "AWS::S3::Bucket", isFiles)[1].Properties!;
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
