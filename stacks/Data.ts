import { Bucket, Table, type StackContext } from "sst/constructs";
import { BillingMode } from "aws-cdk-lib/aws-dynamodb";
import { BlockPublicAccess, BucketEncryption } from "aws-cdk-lib/aws-s3";
import { Duration } from "aws-cdk-lib";
import { tableSchema } from "../packages/core/src/db/schema";
import { stageConfig } from "./stage";

/** The single table (key design shared with the local platform) and the private files bucket. */
export function Data({ stack, app }: StackContext) {
  const stage = stageConfig(app.stage);

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
        lifecycleRules: [
          // Uploads that were started but never completed (large photos over a bad connection).
          { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ],
      },
    },
  });

  stack.addOutputs({ TableName: table.tableName });
  return { table, bucket };
}
