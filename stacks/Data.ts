import { Bucket, Table, type StackContext } from "sst/constructs";
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from "aws-cdk-lib/aws-backup";
import { BillingMode } from "aws-cdk-lib/aws-dynamodb";
import { Schedule } from "aws-cdk-lib/aws-events";
import { ManagedPolicy, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { BlockPublicAccess, Bucket as S3Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Duration, RemovalPolicy, type Stack } from "aws-cdk-lib";
import { tableSchema } from "../packages/core/src/db/schema";
import { stageConfig, type StageConfig } from "./stage";

/** Where each kind of log lands in the logs bucket. */
export const logPrefixes = {
  /** S3 server access logs of the files bucket: who (IAM principal, IP) read or wrote which key. */
  files: "s3/files/",
  /** CloudFront standard logs of the site distribution (stacks/Web.ts). */
  cdn: "cloudfront/",
} as const;

/**
 * The single table (key design shared with the local platform), the private files bucket,
 * the logs bucket that records access to both the files and the site, and (prod) the AWS
 * Backup plan for the table and the files.
 */
export function Data({ stack, app }: StackContext) {
  const stage = stageConfig(app.stage);
  const logs = logsBucket(stack, stage);

  const keys = [
    tableSchema.partitionKey,
    tableSchema.sortKey,
    ...tableSchema.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  const table = new Table(stack, "Table", {
    fields: Object.fromEntries(keys.map((key) => [key, "string" as const])),
    primaryIndex: { partitionKey: tableSchema.partitionKey, sortKey: tableSchema.sortKey },
    globalIndexes: Object.fromEntries(
      tableSchema.globalIndexes.map((index) => [
        index.name,
        { partitionKey: index.partitionKey, sortKey: index.sortKey, projection: "all" as const },
      ]),
    ),
    timeToLiveAttribute: tableSchema.ttlAttribute,
    cdk: {
      table: {
        billingMode: BillingMode.PAY_PER_REQUEST,
        // SST defaults the deprecated `pointInTimeRecovery`; CDK refuses both at once.
        pointInTimeRecovery: undefined,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: stage.pointInTimeRecovery },
        removalPolicy: stage.removalPolicy,
        deletionProtection: stage.isProd,
      },
    },
  });

  // Documents and photos are never public: the browser uploads and downloads them through
  // short-lived presigned URLs that a service issues after checking who is asking.
  const bucket = new Bucket(stack, "Files", {
    blockPublicACLs: true,
    cors: [
      {
        // Presigned PUT/GET from the site. Without a known site address the signature in the
        // URL is the gate, so any origin may attempt the request.
        allowedOrigins: stage.siteUrl ? [stage.siteUrl] : ["*"],
        allowedMethods: ["PUT", "GET", "HEAD"],
        allowedHeaders: ["content-type", "content-length", "content-disposition", "x-amz-*"],
        exposedHeaders: ["ETag"],
        maxAge: "1 hour",
      },
    ],
    cdk: {
      bucket: {
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        encryption: BucketEncryption.S3_MANAGED,
        versioned: stage.isProd,
        removalPolicy: stage.removalPolicy,
        autoDeleteObjects: !stage.isProd,
        // Every read of a clinical photo or document (the services' presigned GETs included)
        // is recorded with the principal, IP and key.
        serverAccessLogsBucket: logs,
        serverAccessLogsPrefix: logPrefixes.files,
        lifecycleRules: [
          // Uploads that were started but never completed (large photos over a bad connection).
          { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ],
      },
    },
  });

  if (stage.backup) backUp(stack, [BackupResource.fromDynamoDbTable(table.cdk.table), BackupResource.fromArn(bucket.bucketArn)], stage.backup);

  stack.addOutputs({ TableName: table.tableName, LogsBucket: logs.bucketName });
  return { table, bucket, logs };
}

/**
 * Private, encrypted, TLS-only; nothing in it is ever public or read by the product.
 * CloudFront's standard logs are delivered with an ACL grant, so ACLs stay enabled with the
 * bucket owner owning every object; S3 server access logs arrive through the bucket policy
 * (the app sets `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy`, sst.config.ts).
 * Log files are small (a few KB each), so they stay in Standard (IA and Glacier bill each
 * object as at least 128 KB) and expire instead.
 */
function logsBucket(stack: Stack, stage: StageConfig): S3Bucket {
  return new S3Bucket(stack, "Logs", {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    removalPolicy: stage.removalPolicy,
    autoDeleteObjects: !stage.isProd,
    lifecycleRules: [
      { id: "expire-logs", expiration: Duration.days(stage.accessLogDays), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      // Viewer IPs and paths: kept no longer than the API's own access logs.
      { id: "expire-cdn-logs", prefix: logPrefixes.cdn, expiration: Duration.days(stage.cdnLogDays) },
    ],
  });
}

/** Recovery points a backup rule keeps, and how often it takes them. */
export const backupRules = {
  /** Every night: the last five weeks (PITR covers the same span to the second, but in the table itself). */
  daily: { schedule: "cron(0 3 * * ? *)", keepDays: 35 },
  /** The 1st of every month: kept 400 days, so a year back is always restorable. */
  monthly: { schedule: "cron(0 4 1 * ? *)", keepDays: 400 },
} as const;

/**
 * AWS Backup of the table and the (versioned) files bucket into a vault under a compliance
 * vault lock: three days after the first deploy the lock can no longer be changed, and from
 * then on nobody — not an administrator, not the root user, not a stolen deploy role — can
 * delete a recovery point before its retention ends, or the vault while it holds any.
 * Optionally each recovery point is copied to a vault in a second account as well.
 */
function backUp(stack: Stack, resources: BackupResource[], options: { copyToVaultArn?: string }): void {
  const vault = new BackupVault(stack, "BackupVault", {
    backupVaultName: `${stack.stackName}-backups`,
    removalPolicy: RemovalPolicy.RETAIN,
    lockConfiguration: {
      minRetention: Duration.days(backupRules.daily.keepDays),
      maxRetention: Duration.days(backupRules.monthly.keepDays),
      changeableFor: Duration.days(3),
    },
  });
  const copyTo = options.copyToVaultArn ? BackupVault.fromBackupVaultArn(stack, "CopyVault", options.copyToVaultArn) : undefined;
  const plan = new BackupPlan(stack, "BackupPlan", {
    backupPlanName: `${stack.stackName}-backups`,
    backupVault: vault,
    backupPlanRules: Object.entries(backupRules).map(
      ([name, rule]) =>
        new BackupPlanRule({
          ruleName: name,
          scheduleExpression: Schedule.expression(rule.schedule),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(rule.keepDays),
          copyActions: copyTo ? [{ destinationBackupVault: copyTo, deleteAfter: Duration.days(rule.keepDays) }] : undefined,
        }),
    ),
  });
  // S3 needs its own managed policies besides the generic backup/restore ones.
  const role = new Role(stack, "BackupRole", {
    assumedBy: new ServicePrincipal("backup.amazonaws.com"),
    description: "AWS Backup: back up and restore the table and the files bucket",
    managedPolicies: [
      "service-role/AWSBackupServiceRolePolicyForBackup",
      "service-role/AWSBackupServiceRolePolicyForRestores",
      "AWSBackupServiceRolePolicyForS3Backup",
      "AWSBackupServiceRolePolicyForS3Restore",
    ].map((name) => ManagedPolicy.fromAwsManagedPolicyName(name)),
  });
  plan.addSelection("TableAndFiles", { resources, role });
}
