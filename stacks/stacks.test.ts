import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { Function as SstFunction, type FunctionProps } from "sst/constructs";
import { tableSchema } from "../packages/core/src/db/schema";
import { SERVICES, type ServiceName } from "../packages/core/src/events/define";
import { patternFor, subscriptions } from "../packages/core/src/events/subscriptions";
import { stageConfig } from "./stage";
import { synthesize, type Synthesized } from "./synth";
import { Inspector } from "./testing";
import { sitePath } from "./Web";

/**
 * The whole app synthesized once, offline, for stage `test`; every describe reads the same
 * templates. Lists that grow with the product (services, subscriptions, GSIs) are iterated
 * from core, never repeated here.
 */
const SITE_URL = "https://test.masteraesthetics.example";
const STRIPE_PUBLISHABLE_KEY = "pk_test_stacks";
const ACCOUNT = "123456789012";
const REGION = "eu-west-2";

let synth: Synthesized;
let t: Inspector;

beforeAll(async () => {
  Object.assign(process.env, { SITE_URL, STRIPE_PUBLISHABLE_KEY });
  for (const name of ["SITE_DOMAIN", "HOSTED_ZONE", "MAIL_DOMAIN", "ALARM_EMAIL", "WEB_ACL_ARN", "BACKUP_COPY_VAULT_ARN"]) delete process.env[name];
  synth = await synthesize({ stage: "test", outdir: ".sst/cdk.out.test" });
  t = new Inspector(synth);

  t.name("Data", t.only("Data", "AWS::DynamoDB::Table")[0], "table");
  t.name("Data", t.only("Data", "AWS::S3::Bucket", isFiles)[0], "files");
  t.name("Data", t.only("Data", "AWS::S3::Bucket", isLogs)[0], "logs");
  t.name("Events", t.only("Events", "AWS::Events::EventBus")[0], "bus");
  t.name("Events", t.only("Events", "AWS::Scheduler::ScheduleGroup")[0], "reminders");
  t.name("Events", schedulerRoleId(), "schedulerRole");
  t.name("Services", t.only("Services", "AWS::SES::EmailIdentity")[0], "mailIdentity");
  t.name("Subscriptions", t.only("Subscriptions", "AWS::SQS::Queue")[0], "deadLetters");
  t.name("Api", t.only("Api", "AWS::ApiGatewayV2::Api")[0], "api");
  for (const service of SERVICES) {
    const fn = t.serviceFunction(service);
    t.name(fn.stack, fn.id, `fn:${service}`);
    t.name(fn.stack, t.roleOf(fn), `role:${service}`);
  }
});

function schedulerRoleId(): string {
  return t.only("Events", "AWS::IAM::Role", (r) =>
    JSON.stringify(r.Properties?.AssumeRolePolicyDocument).includes("scheduler.amazonaws.com"),
  )[0];
}

/** The files bucket is the one the browser reaches (CORS); the other is the logs bucket. */
const isFiles = (r: { Properties?: Record<string, unknown> }) => r.Properties?.CorsConfiguration !== undefined;
const isLogs = (r: { Properties?: Record<string, unknown> }) => !isFiles(r);

const props = (stack: string, type: string, where?: Parameters<Inspector["only"]>[2]) => t.only(stack, type, where)[1].Properties!;

describe("stages", () => {
  it("keeps data and raises alarms in prod only; PITR everywhere", () => {
    const [dev, test, prod] = (["dev", "test", "prod"] as const).map((stage) => stageConfig(stage, {}));
    expect(prod).toMatchObject({ isProd: true, removalPolicy: "retain", pointInTimeRecovery: true, alarms: true });
    for (const other of [dev, test]) {
      expect(other).toMatchObject({ isProd: false, removalPolicy: "destroy", pointInTimeRecovery: true, alarms: false });
    }
  });

  it("backs up in prod only, copying to a second account's vault only when BACKUP_COPY_VAULT_ARN names one", () => {
    expect(stageConfig("test", { BACKUP_COPY_VAULT_ARN: "arn:aws:backup:eu-west-2:210987654321:backup-vault:mas-copies" }).backup).toBeUndefined();
    expect(stageConfig("prod", {}).backup).toEqual({ copyToVaultArn: undefined });
    expect(stageConfig("prod", { BACKUP_COPY_VAULT_ARN: "arn:aws:backup:eu-west-2:210987654321:backup-vault:mas-copies" }).backup).toEqual({
      copyToVaultArn: "arn:aws:backup:eu-west-2:210987654321:backup-vault:mas-copies",
    });
    expect(() => stageConfig("prod", { BACKUP_COPY_VAULT_ARN: "mas-copies" })).toThrow(/BACKUP_COPY_VAULT_ARN must be an ARN like arn:aws:backup:/);
  });

  it("takes the custom domain, site address and mail domain from the environment", () => {
    expect(stageConfig("prod", {}).siteDomain).toBeUndefined();
    expect(stageConfig("prod", { SITE_DOMAIN: "example.co.uk" })).toMatchObject({
      siteDomain: { domainName: "example.co.uk", hostedZone: "example.co.uk" },
      siteUrl: "https://example.co.uk",
    });
    expect(stageConfig("dev", { SITE_DOMAIN: "dev.example.co.uk", HOSTED_ZONE: "example.co.uk" }).siteDomain).toEqual({
      domainName: "dev.example.co.uk",
      hostedZone: "example.co.uk",
    });
    expect(stageConfig("prod", {}).mailDomain).toBe("masteraesthetics.co.uk");
    expect(stageConfig("prod", { MAIL_DOMAIN: "mail.example.co.uk" }).mailDomain).toBe("mail.example.co.uk");
  });
});

describe("Data", () => {
  it("declares the table keys, GSIs and TTL from core's schema, on demand, with PITR", () => {
    const table = props("Data", "AWS::DynamoDB::Table");
    expect(table.KeySchema).toEqual([
      { AttributeName: tableSchema.partitionKey, KeyType: "HASH" },
      { AttributeName: tableSchema.sortKey, KeyType: "RANGE" },
    ]);
    expect(table.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: "expiresAt", Enabled: true });
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.GlobalSecondaryIndexes).toHaveLength(tableSchema.globalIndexes.length);
    for (const index of tableSchema.globalIndexes) {
      expect(table.GlobalSecondaryIndexes).toContainEqual({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      });
    }
    const keys = [tableSchema.partitionKey, tableSchema.sortKey, ...tableSchema.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
    expect(table.AttributeDefinitions).toEqual(keys.map((AttributeName) => ({ AttributeName, AttributeType: "S" })));
    expect(tableSchema.globalIndexes.map((i) => i.name)).toEqual(["gsi1", "gsi2", "gsi3"]);
  });

  it("destroys data outside prod", () => {
    const [, table] = t.only("Data", "AWS::DynamoDB::Table");
    const [, bucket] = t.only("Data", "AWS::S3::Bucket", isFiles);
    expect(table.DeletionPolicy).toBe("Delete");
    expect(bucket.DeletionPolicy).toBe("Delete");
  });

  it("keeps the files bucket private: public access blocked, TLS enforced, encrypted, owner-enforced", () => {
    const bucket = props("Data", "AWS::S3::Bucket", isFiles);
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] });
    expect(bucket.BucketEncryption).toBeDefined();

    const policy = props("Data", "AWS::S3::BucketPolicy", (r) => t.render(r.Properties!.Bucket, "Data") === "files");
    const statements = (policy.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: "Deny",
        Action: "s3:*",
        Principal: { AWS: "*" },
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    );
    const tlsDeny = statements.find((s) => s.Effect === "Deny")!;
    expect((tlsDeny.Resource as unknown[]).map((r) => t.render(r, "Data")).sort()).toEqual(["files.Arn", "files.Arn/*"]);
    // Nothing in the bucket policy lets anyone outside the account in.
    for (const statement of statements.filter((s) => s.Effect === "Allow")) {
      expect(JSON.stringify(statement.Principal)).not.toContain('"*"');
    }
  });

  it("allows presigned PUT/GET from the site origin only", () => {
    const bucket = props("Data", "AWS::S3::Bucket", isFiles);
    const [rule] = (bucket.CorsConfiguration as { CorsRules: Record<string, unknown>[] }).CorsRules;
    expect(rule!.AllowedOrigins).toEqual([SITE_URL]);
    expect(rule!.AllowedMethods).toEqual(expect.arrayContaining(["PUT", "GET"]));
    expect(rule!.AllowedMethods).not.toContain("DELETE");
    expect(rule!.AllowedMethods).not.toContain("POST");
  });

  it("records every access to the files bucket (S3 server access logs) in the logs bucket", () => {
    const files = props("Data", "AWS::S3::Bucket", isFiles);
    expect(files.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: t.only("Data", "AWS::S3::Bucket", isLogs)[0] }, LogFilePrefix: "s3/files/" });
  });

  it("keeps the logs bucket private, encrypted, TLS-only, writable only by S3 log delivery for the files bucket, and expiring", () => {
    const logs = props("Data", "AWS::S3::Bucket", isLogs);
    expect(logs.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(logs.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] });
    // CloudFront's standard logs are delivered with an ACL grant: ACLs on, objects owned by us.
    expect(logs.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: "BucketOwnerPreferred" }] });
    const stage = stageConfig("test", {});
    expect(logs.LifecycleConfiguration).toEqual({
      Rules: [
        { Id: "expire-logs", Status: "Enabled", ExpirationInDays: stage.accessLogDays, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
        { Id: "expire-cdn-logs", Status: "Enabled", Prefix: "cloudfront/", ExpirationInDays: stage.cdnLogDays },
      ],
    });
    expect(stageConfig("prod", {})).toMatchObject({ accessLogDays: 400, cdnLogDays: 90 });

    const policy = props("Data", "AWS::S3::BucketPolicy", (r) => t.render(r.Properties!.Bucket, "Data") === "logs");
    const rendered = (policy.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement
      // (outside prod, the custom resource that empties the bucket when the stage is removed)
      .filter((s) => !JSON.stringify(s.Principal).includes("AutoDeleteObjects"))
      .map((s) => ({
      Effect: s.Effect,
      Principal: s.Principal,
      Action: s.Action,
      Resource: ([] as unknown[]).concat(s.Resource).map((r) => t.render(r, "Data")),
      Condition: JSON.parse(JSON.stringify(s.Condition ?? {}, (_key, value: unknown) => (value && typeof value === "object" && ("Fn::GetAtt" in value || "Ref" in value) ? t.render(value, "Data") : value))) as unknown,
    }));
    expect(rendered).toEqual([
      { Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: ["logs.Arn", "logs.Arn/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } },
      {
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: ["logs.Arn/s3/files/*"],
        Condition: { ArnLike: { "aws:SourceArn": "files.Arn" }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
      },
    ]);
  });

  it("has no backup plan outside prod (prod.test.ts)", () => {
    expect(t.resources("Data", "AWS::Backup::BackupPlan")).toHaveLength(0);
  });
});

describe("Events", () => {
  it("creates the reminders schedule group the functions are told about", () => {
    expect(props("Events", "AWS::Scheduler::ScheduleGroup").Name).toBe("mas-test-reminders");
  });

  it("has a scheduler role only EventBridge Scheduler (of this account) can assume", () => {
    const role = t.json.Events!.Resources![schedulerRoleId()]!.Properties!;
    expect(role.AssumeRolePolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Action: "sts:AssumeRole",
          Effect: "Allow",
          Principal: { Service: "scheduler.amazonaws.com" },
          Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        },
      ],
    });
  });

  it("lets the scheduler role do nothing but PutEvents on the bus", () => {
    expect(t.grants("Events", schedulerRoleId())).toEqual(["events:PutEvents bus.Arn"]);
  });

  it("generates exactly one rule per subscription in core's map", () => {
    expect(subscriptions.length).toBeGreaterThan(0);
    expect(t.resources("Subscriptions", "AWS::Events::Rule")).toHaveLength(subscriptions.length);
  });

  it.each(subscriptions.map((s) => [s.id, s] as const))("rule %s: the subscription's pattern on the bus, to its service, retried then dead-lettered", (_id, subscription) => {
    const rules = t
      .resources("Subscriptions", "AWS::Events::Rule")
      .filter(([, rule]) => isDeepStrictEqual(rule.Properties!.EventPattern, patternFor(subscription)))
      .filter(([, rule]) => (rule.Properties!.Targets as { Arn: unknown }[]).some((target) => t.render(target.Arn, "Subscriptions") === `fn:${subscription.service}.Arn`));
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0]!;
    expect(t.render(rule.Properties!.EventBusName, "Subscriptions")).toBe("bus");
    expect(rule.Properties!.State).toBe("ENABLED");
    const targets = rule.Properties!.Targets as Record<string, unknown>[];
    expect(targets).toHaveLength(1);
    expect(targets[0]!.RetryPolicy).toEqual({ MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 6 * 3600 });
    expect(t.render((targets[0]!.DeadLetterConfig as { Arn: unknown }).Arn, "Subscriptions")).toBe("deadLetters.Arn");

    // EventBridge may invoke the function for this rule, and dead-letter into the queue.
    const permissions = t
      .resources("Subscriptions", "AWS::Lambda::Permission")
      .filter(([, p]) => t.render(p.Properties!.SourceArn, "Subscriptions") === `Subscriptions:${ruleId}.Arn`);
    expect(permissions).toHaveLength(1);
    expect(permissions[0]![1].Properties).toMatchObject({ Action: "lambda:InvokeFunction", Principal: "events.amazonaws.com" });
    expect(t.render(permissions[0]![1].Properties!.FunctionName, "Subscriptions")).toBe(`fn:${subscription.service}.Arn`);
    const queuePolicy = JSON.stringify(props("Subscriptions", "AWS::SQS::QueuePolicy"));
    expect(queuePolicy).toContain(ruleId);
  });

  it("parks a subscriber's failed processing in the dead-letter queue after Lambda's retries", () => {
    const subscribers = [...new Set(subscriptions.map((s) => s.service))];
    const configs = t.resources("Subscriptions", "AWS::Lambda::EventInvokeConfig");
    expect(configs).toHaveLength(subscribers.length);
    for (const service of subscribers) {
      const config = configs.find(([, c]) => t.render(c.Properties!.FunctionName, "Subscriptions") === `fn:${service}`);
      expect(config, service).toBeDefined();
      expect(config![1].Properties!.MaximumRetryAttempts).toBe(2);
      const destination = config![1].Properties!.DestinationConfig as { OnFailure: { Destination: unknown } };
      expect(t.render(destination.OnFailure.Destination, "Subscriptions")).toBe("deadLetters.Arn");
      // created only once the role may send there (Lambda validates the destination)
      const dependsOn = (config![1] as { DependsOn?: string[] }).DependsOn ?? [];
      const policies = dependsOn.map((id) => t.json.Subscriptions!.Resources![id]!);
      expect(policies.some((p) => p.Type === "AWS::IAM::Policy" && JSON.stringify(p.Properties).includes("sqs:SendMessage"))).toBe(true);
    }
  });
});

/** What CDK's `grantReadWriteData` gives: item reads/writes, no table administration. */
const DYNAMO_READ_WRITE = [
  "dynamodb:BatchGetItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DeleteItem",
  "dynamodb:DescribeTable",
  "dynamodb:GetItem",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:PutItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:UpdateItem",
];
const EVERY_SERVICE = [
  "managed arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
  ...DYNAMO_READ_WRITE.flatMap((action) => [`${action} table.Arn`, `${action} table.Arn/index/*`]),
  "events:PutEvents bus.Arn",
  "xray:PutTelemetryRecords *",
  "xray:PutTraceSegments *",
];
const SCHEDULES = `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/mas-test-reminders/*`;
const SCHEDULING = [
  ...["CreateSchedule", "UpdateSchedule", "DeleteSchedule", "GetSchedule"].map((action) => `scheduler:${action} ${SCHEDULES}`),
  // IAM has no resource-level permission for listing; the code filters by GroupName.
  "scheduler:ListSchedules *",
  'iam:PassRole schedulerRole.Arn if {"StringEquals":{"iam:PassedToService":"scheduler.amazonaws.com"}}',
];
const files = (prefix: string | string[], actions: string[]) => {
  const prefixes = ([] as string[]).concat(prefix);
  return [
    ...actions.flatMap((action) => prefixes.map((p) => `${action} files.Arn/${p}`)),
    `s3:ListBucket files.Arn${prefix === "*" ? "" : ` if ${JSON.stringify({ StringLike: { "s3:prefix": prefixes } })}`}`,
  ];
};
const secret = (name: string) => [`test/Secret/${name}`, `.fallback/Secret/${name}`].map(
  (path) => `ssm:GetParameters arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/sst/mas/${path}/value`,
);
const IDENTITY = `arn:aws:ses:${REGION}:${ACCOUNT}:identity/mailIdentity`;
const SMS_OPT_OUT_LIST = `arn:aws:sms-voice:${REGION}:${ACCOUNT}:opt-out-list/Sms:OptOutList`;

const OWN_GRANTS: Record<ServiceName, string[]> = {
  accounts: [],
  booking: [...SCHEDULING, ...files(["photos/*", "media/*"], ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])],
  // Reads certificate PDFs and lesson media (presigned GETs for enrolled students); never writes files.
  learning: [...SCHEDULING, ...files(["certificates/*", "courses/*"], ["s3:GetObject"])],
  payments: [...secret("STRIPE_SECRET_KEY"), ...secret("STRIPE_WEBHOOK_SECRET")],
  // Only the folders it writes; course media (courses/*) is out of its reach.
  documents: [...SCHEDULING, ...files(["documents/*", "signatures/*", "certificates/*", "photos/*", "entry-proofs/*"], ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])],
  // Texts: from the Sms stack's sender ID through its configuration set, and its opt-out list (stacks/sms.test.ts).
  messaging: [
    ...SCHEDULING,
    `ses:SendEmail ${IDENTITY}`,
    `ses:SendRawEmail ${IDENTITY}`,
    ...[`Sms:SenderId.Arn`, `arn:aws:sms-voice:${REGION}:${ACCOUNT}:configuration-set/mas-test-sms`, SMS_OPT_OUT_LIST].map((r) => `sms-voice:SendTextMessage ${r}`),
    `sms-voice:PutOptedOutNumber ${SMS_OPT_OUT_LIST}`,
    `sms-voice:DeleteOptedOutNumber ${SMS_OPT_OUT_LIST}`,
  ],
};

describe("Outbox", () => {
  const sweeper = () => t.functionWithHandler("packages/core/src/outbox/handler.handler");

  it("runs the sweeper once a minute from a schedule rule", () => {
    const fn = sweeper();
    const [, rule] = t.only(fn.stack, "AWS::Events::Rule", (r) => r.Properties?.ScheduleExpression !== undefined);
    expect(rule.Properties!.ScheduleExpression).toBe("rate(1 minute)");
    expect((rule.Properties!.Targets as { Arn: unknown }[]).map((target) => t.render(target.Arn, fn.stack))).toEqual([`${fn.stack}:${fn.id}.Arn`]);
    expect(fn.resource.Properties).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"] });
  });

  it("is told the table and the bus, and may only read/write the table and put events", () => {
    const fn = sweeper();
    const env = (fn.resource.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.fromEntries(Object.entries(env).map(([key, value]) => [key, t.render(value, fn.stack)]))).toMatchObject({ TABLE_NAME: "table", BUS_NAME: "bus" });
    expect(t.grants(fn.stack, t.roleOf(fn))).toEqual([...EVERY_SERVICE].sort());
  });
});

describe("Services", () => {
  it("has exactly one function per service", () => {
    for (const service of SERVICES) {
      const handler = `packages/services/${service}/src/handler.handler`;
      synth.templates.Services!.resourcePropertiesCountIs("AWS::Lambda::Function", { Handler: handler }, 1);
    }
  });

  it.each(SERVICES)("%s runs on nodejs22.x, arm64, with sensible memory and timeout", (service) => {
    const fn = t.serviceFunction(service).resource.Properties!;
    expect(fn.Runtime).toBe("nodejs22.x");
    expect(fn.Architectures).toEqual(["arm64"]);
    expect(fn.MemorySize).toBeGreaterThanOrEqual(512);
    expect(fn.Timeout).toBeLessThan(30); // API Gateway's integration limit
  });

  it("gives accounts a whole vCPU for password hashing", () => {
    expect(t.serviceFunction("accounts").resource.Properties!.MemorySize).toBe(1024);
  });

  it.each(SERVICES)("%s is given the runtime configuration core reads", (service) => {
    const env = t.serviceFunction(service).resource.Properties!.Environment as { Variables: Record<string, unknown> };
    const rendered = Object.fromEntries(Object.entries(env.Variables).map(([key, value]) => [key, t.render(value, "Services")]));
    expect(rendered).toMatchObject({
      STAGE: "test",
      TABLE_NAME: "table",
      BUS_NAME: "bus",
      BUS_ARN: "bus.Arn",
      SCHEDULE_GROUP: props("Events", "AWS::Scheduler::ScheduleGroup").Name,
      SCHEDULER_ROLE_ARN: "schedulerRole.Arn",
      BUCKET_NAME: "files",
      MAIL_FROM: "Master Aesthetics <hello@masteraesthetics.co.uk>",
      SITE_URL,
    });
    const secrets = Object.keys(rendered).filter((key) => key.startsWith("SST_Secret_")).sort();
    expect(secrets).toEqual(service === "payments" ? ["SST_Secret_value_STRIPE_SECRET_KEY", "SST_Secret_value_STRIPE_WEBHOOK_SECRET"] : []);
  });

  it.each(SERVICES)("%s holds exactly its own grants", (service) => {
    const subscribes = subscriptions.some((s) => s.service === service);
    const expected = [...EVERY_SERVICE, ...OWN_GRANTS[service], ...(subscribes ? ["sqs:SendMessage deadLetters.Arn"] : [])];
    const fn = t.serviceFunction(service);
    expect(t.grants(fn.stack, t.roleOf(fn))).toEqual(expected.sort());
  });

  it("gives the Stripe secrets to payments alone, SES to messaging alone, files to documents/booking/learning alone", () => {
    const holders = (pattern: RegExp) =>
      SERVICES.filter((service) => {
        const fn = t.serviceFunction(service);
        return t.grants(fn.stack, t.roleOf(fn)).some((line) => pattern.test(line));
      });
    expect(holders(/^ssm:/)).toEqual(["payments"]);
    expect(holders(/^ses:/)).toEqual(["messaging"]);
    expect(holders(/^s3:/)).toEqual(["booking", "learning", "documents"]);
    expect(holders(/^s3:(Put|Delete)Object/)).toEqual(["booking", "documents"]);
    expect(holders(/^(scheduler:|iam:PassRole)/)).toEqual(["booking", "learning", "documents", "messaging"]);
  });

  it("lets no service read, write or list the whole files bucket: every grant is under a prefix", () => {
    for (const service of SERVICES) {
      const fn = t.serviceFunction(service);
      for (const line of t.grants(fn.stack, t.roleOf(fn)).filter((l) => l.startsWith("s3:"))) {
        expect(line, service).not.toMatch(/ files\.Arn\/\*$/);
        if (line.startsWith("s3:ListBucket")) expect(line, service).toContain('"s3:prefix"');
      }
    }
  });

  it("grants no wildcard actions to any service", () => {
    for (const service of SERVICES) {
      const fn = t.serviceFunction(service);
      for (const line of t.grants(fn.stack, t.roleOf(fn))) expect(line, service).not.toMatch(/^[a-z0-9-]*:?\*\s|^\*\s/);
    }
  });

  it("sends mail only as the configured domain identity", () => {
    expect(props("Services", "AWS::SES::EmailIdentity").EmailIdentity).toBe("masteraesthetics.co.uk");
  });

  it.each(SERVICES)("%s is bundled minified, with the AWS SDK left to the runtime", (service) => {
    const fn = t.serviceFunction(service);
    const construct = synth.stacks.Services!.node
      .findAll()
      .find((c): c is SstFunction => c instanceof SstFunction && c.node.id === service)!;
    // The build settings as given to SST (private on the construct, hence the cast).
    const { nodejs } = (construct as unknown as { props: FunctionProps }).props;
    expect(nodejs?.minify).toBe(true);
    expect(nodejs?.esbuild?.external).toContain("@aws-sdk/*");

    // ...and their effect on the artefact that would be uploaded.
    const { code } = t.bundle(fn);
    // (booleans, not `expect(code)`, so a failure does not print half a megabyte)
    const lines = code.split("\n");
    expect(code.length / lines.length, "average line length of a minified bundle").toBeGreaterThan(300);
    expect(/^\s*\/\/ /m.test(code.slice(400)), "no comment lines after the banner").toBe(false);
    // SDK internals are absent (they would be inlined if @aws-sdk were bundled)...
    expect(code.includes("x-amz-user-agent"), "x-amz-user-agent inlined").toBe(false);
    expect(code.includes("aws-sdk-js"), "aws-sdk-js user agent inlined").toBe(false);
    // ...and every mention of an @aws-sdk package is an import left for the runtime: an ESM
    // `from`/`import(...)`, or a require call (esbuild's minified __require shim for CJS deps).
    for (const match of code.matchAll(/["']@aws-sdk\/[^"']+["']/g)) {
      const before = code.slice(Math.max(0, match.index - 12), match.index);
      expect(before, match[0]).toMatch(/(from\s*|import\s*\(\s*|import\s*|[\w$]+\(\s*)$/);
    }
  });
});

describe("Api", () => {
  it("routes /api/<service> and /api/<service>/{proxy+} to that service's function (payload v2)", () => {
    const routes = t.resources("Api", "AWS::ApiGatewayV2::Route");
    expect(routes).toHaveLength(SERVICES.length * 2);
    for (const service of SERVICES) {
      for (const key of [`ANY /api/${service}`, `ANY /api/${service}/{proxy+}`]) {
        const [, route] = t.only("Api", "AWS::ApiGatewayV2::Route", (r) => r.Properties!.RouteKey === key);
        const integrationId = t.render(route.Properties!.Target, "Api").replace("integrations/Api:", "");
        const integration = t.json.Api!.Resources![integrationId]!.Properties!;
        expect(integration.IntegrationType).toBe("AWS_PROXY");
        expect(integration.PayloadFormatVersion).toBe("2.0");
        expect(t.render(integration.IntegrationUri, "Api")).toBe(`fn:${service}.Arn`);
      }
    }
  });

  it("is reached same-origin through CloudFront, so it answers no CORS", () => {
    expect(props("Api", "AWS::ApiGatewayV2::Api").CorsConfiguration).toBeUndefined();
  });
});

describe("Web", () => {
  const distribution = () => props("Web", "AWS::CloudFront::Distribution").DistributionConfig as Record<string, unknown>;

  it("serves the Astro site from CloudFront (S3 assets, SSR function on nodejs22.x)", () => {
    const config = distribution();
    expect((config.DefaultCacheBehavior as { TargetOriginId: string }).TargetOriginId).toBeTruthy();
    // Synthesized from the stub build (stacks/synth.ts); deploys build and use web/.
    expect(sitePath({})).toBe("web");
    const server = props("Web", "AWS::Lambda::Function", (r) => String(r.Properties!.Handler).endsWith("/dist/server/entry.handler"));
    expect(server.Runtime).toBe("nodejs22.x");
    const env = (server.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(t.render(env.API_URL, "Web")).toBe("api.ApiEndpoint");
    expect(env.SITE_URL).toBe(SITE_URL);
    // The payment page's key, from the SST Config.Parameter of that name.
    expect(env.STRIPE_PUBLISHABLE_KEY).toBe(STRIPE_PUBLISHABLE_KEY);
  });

  it("renders every page (any method: the site posts forms) on the server function; client files from S3", () => {
    const config = distribution();
    const origins = config.Origins as { Id: string; DomainName: unknown; S3OriginConfig?: unknown }[];
    const originOf = (behaviour: Record<string, unknown>) => origins.find((o) => o.Id === behaviour.TargetOriginId)!;

    const pages = config.DefaultCacheBehavior as Record<string, unknown>;
    expect(pages.AllowedMethods).toEqual(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]);
    expect(t.render(originOf(pages).DomainName, "Web")).toContain("FunctionUrl");
    expect(config.OriginGroups).toBeUndefined(); // origin groups would refuse POST
    // Astro answers its own 404 page; a distribution-wide error page would turn the API's
    // JSON 404s under /api/* into HTML.
    expect(config.CustomErrorResponses).toBeUndefined();

    const behaviours = config.CacheBehaviors as Record<string, unknown>[];
    for (const pattern of ["_astro/*", "favicon.svg", "fonts/*"]) {
      const statics = behaviours.find((b) => b.PathPattern === pattern);
      expect(statics, pattern).toBeDefined();
      expect(originOf(statics!).S3OriginConfig, pattern).toBeDefined();
    }
  });

  it("writes CloudFront standard logs (no cookies) to the logs bucket under cloudfront/, which expires them", () => {
    const logging = distribution().Logging as { Bucket: unknown; Prefix: string; IncludeCookies: boolean };
    expect({ ...logging, Bucket: t.render(logging.Bucket, "Web") }).toEqual({ Bucket: "logs.RegionalDomainName", Prefix: "cloudfront/", IncludeCookies: false });
  });

  it("has no web firewall unless WEB_ACL_ARN names one (prod.test.ts, firewall.test.ts)", () => {
    expect(distribution().WebACLId).toBeUndefined();
  });

  it("sends /api/* to the HTTP API, uncached, all methods, with the viewer's headers but the API's host", () => {
    const config = distribution();
    const behaviours = config.CacheBehaviors as Record<string, unknown>[];
    const api = behaviours.find((b) => b.PathPattern === "/api/*");
    expect(api).toBeDefined();
    expect(api!.AllowedMethods).toEqual(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]);
    expect(api!.CachePolicyId).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"); // Managed-CachingDisabled
    expect(api!.OriginRequestPolicyId).toBe("b689b0a8-53d0-40ab-baf2-68738e2966ac"); // Managed-AllViewerExceptHostHeader
    expect(api!.ViewerProtocolPolicy).toBe("https-only");
    const origin = (config.Origins as Record<string, unknown>[]).find((o) => o.Id === api!.TargetOriginId)!;
    expect(t.render(origin.DomainName, "Web")).toBe("select(0, split(/, select(1, split(//, api.ApiEndpoint))))");
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: "https-only" });
  });
});

describe("real client IP and the origin secret (issue 20)", () => {
  const distribution = () => props("Web", "AWS::CloudFront::Distribution").DistributionConfig as Record<string, unknown>;
  /** The code of each viewer-request CloudFront Function a behaviour runs. */
  const viewerFunctions = (behaviour: Record<string, unknown>) =>
    ((behaviour.FunctionAssociations as { EventType: string; FunctionARN: { "Fn::GetAtt": [string, string] } }[] | undefined) ?? [])
      .filter((association) => association.EventType === "viewer-request")
      .map((association) => t.json.Web!.Resources![association.FunctionARN["Fn::GetAtt"][0]]!.Properties!.FunctionCode as string);
  const secretRef = () => `{{resolve:secretsmanager:Services:${t.only("Services", "AWS::SecretsManager::Secret")[0]}:SecretString:::}}`;

  it("sets the viewer IP header from event.viewer.ip at the edge on the API and on every server-rendered behaviour", () => {
    const config = distribution();
    const behaviours = [config.DefaultCacheBehavior as Record<string, unknown>, ...(config.CacheBehaviors as Record<string, unknown>[])];
    const api = behaviours.find((b) => b.PathPattern === "/api/*")!;
    const origins = config.Origins as { Id: string; S3OriginConfig?: unknown }[];
    const dynamic = behaviours.filter((b) => !origins.find((o) => o.Id === b.TargetOriginId)!.S3OriginConfig);
    expect(dynamic).toContain(api);
    expect(dynamic).toContain(config.DefaultCacheBehavior);
    for (const behaviour of dynamic) {
      const code = viewerFunctions(behaviour);
      expect(code, String(behaviour.PathPattern ?? "default")).toHaveLength(1);
      // Run the function as CloudFront would, on a request with forged headers.
      const handler = new Function(`${code[0]}; return handler;`)() as (event: unknown) => { headers: Record<string, { value: string }> };
      const request = { uri: "/signin", method: "POST", querystring: {}, cookies: {}, headers: { host: { value: "masteraesthetics.example" }, "x-mas-viewer-ip": { value: "6.6.6.6" }, "x-forwarded-for": { value: "7.7.7.7" } } };
      const out = handler({ version: "1.0", viewer: { ip: "203.0.113.10" }, request, context: { eventType: "viewer-request" } });
      expect(out.headers["x-mas-viewer-ip"], String(behaviour.PathPattern ?? "default")).toEqual({ value: "203.0.113.10" });
    }
  });

  it("adds the origin secret to every request CloudFront sends to the API and the site server", () => {
    const origins = distribution().Origins as { Id: string; CustomOriginConfig?: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[];
    const custom = origins.filter((o) => o.CustomOriginConfig);
    expect(custom.length).toBeGreaterThanOrEqual(2); // the server function URL and the HTTP API
    for (const origin of custom) {
      expect(origin.OriginCustomHeaders, origin.Id).toHaveLength(1);
      expect(origin.OriginCustomHeaders![0]!.HeaderName).toBe("x-mas-origin-secret");
      expect(t.render(origin.OriginCustomHeaders![0]!.HeaderValue, "Web")).toBe(secretRef());
    }
  });

  it("gives the same generated secret to every service function and the site server, which refuse requests without it", () => {
    const secret = props("Services", "AWS::SecretsManager::Secret");
    expect(secret.GenerateSecretString).toMatchObject({ ExcludePunctuation: true, PasswordLength: 48 });
    for (const service of SERVICES) {
      const env = (t.serviceFunction(service).resource.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(t.render(env.ORIGIN_SECRET, "Services"), service).toBe(secretRef());
    }
    const server = props("Web", "AWS::Lambda::Function", (r) => String(r.Properties!.Handler).endsWith("/dist/server/entry.handler"));
    expect(t.render((server.Environment as { Variables: Record<string, unknown> }).Variables.ORIGIN_SECRET, "Web")).toBe(secretRef());
  });
});

describe("security headers (issue 20)", () => {
  it("puts one response-headers policy, matching what the local gateway sends, on every behaviour", async () => {
    const { DEFAULT_CSP, SECURITY_HEADERS, HSTS_MAX_AGE_SECONDS } = await import("../packages/core/src/http/security-headers");
    const [policyId, policy] = t.only("Web", "AWS::CloudFront::ResponseHeadersPolicy");
    const config = policy.Properties!.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig: { Items: { Header: string; Value: string; Override: boolean }[] };
    };
    const sent: Record<string, string> = {};
    const security = config.SecurityHeadersConfig;
    const hsts = security.StrictTransportSecurity!;
    sent["strict-transport-security"] = `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? "; includeSubDomains" : ""}${hsts.Preload ? "; preload" : ""}`;
    sent["x-content-type-options"] = "nosniff";
    sent["x-frame-options"] = String(security.FrameOptions!.FrameOption);
    sent["referrer-policy"] = String(security.ReferrerPolicy!.ReferrerPolicy);
    for (const item of config.CustomHeadersConfig.Items) sent[item.Header] = item.Value;
    expect(sent).toEqual({ ...SECURITY_HEADERS });
    expect(hsts.AccessControlMaxAgeSec).toBe(HSTS_MAX_AGE_SECONDS);
    // Everything replaces the origin's value except the CSP, which pages set per response.
    for (const header of ["StrictTransportSecurity", "ContentTypeOptions", "FrameOptions", "ReferrerPolicy"]) expect(security[header]!.Override, header).toBe(true);
    for (const item of config.CustomHeadersConfig.Items) expect(item.Override, item.Header).toBe(true);
    expect(security.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: DEFAULT_CSP, Override: false });
    expect(DEFAULT_CSP).toContain("frame-ancestors 'none'");

    const distribution = props("Web", "AWS::CloudFront::Distribution").DistributionConfig as Record<string, unknown>;
    const behaviours = [distribution.DefaultCacheBehavior as Record<string, unknown>, ...(distribution.CacheBehaviors as Record<string, unknown>[])];
    for (const behaviour of behaviours) expect(t.render(behaviour.ResponseHeadersPolicyId, "Web"), String(behaviour.PathPattern ?? "default")).toBe(`Web:${policyId}`);
  });
});

describe("outputs", () => {
  it("publishes the site URL, API URL and table name", () => {
    synth.templates.Web!.hasOutput("SiteUrl", {});
    synth.templates.Api!.hasOutput("ApiUrl", {});
    expect(t.render(t.json.Data!.Outputs!.TableName!.Value, "Data")).toBe("table");
  });
});
