import type { App, Stack } from "aws-cdk-lib";
import { NagSuppressions, type NagPackSuppression } from "cdk-nag";

/**
 * Every cdk-nag finding (AwsSolutions, HIPAA.Security) we accept on the prod stage, with
 * its reason. stacks/nag.test.ts fails on anything not listed here. Findings about one
 * resource are suppressed on that resource only (PER_RESOURCE), so the same rule still
 * guards the rest of its stack.
 */
const EVERYWHERE: NagPackSuppression[] = [
  { id: "AwsSolutions-IAM4", reason: "AWSLambdaBasicExecutionRole (logs only) on function roles, as SST and CDK attach it, and AWS Backup's own service-role policies (backup/restore, S3 backup/restore) on the backup role, which AWS maintains as the services change; neither grants anything beyond what the service needs." },
  { id: "AwsSolutions-IAM5", reason: "Wildcards are object keys under one bucket prefix (files bucket photos/*, courses/*, …), one table's indexes (table/index/*), the reminder schedule group's schedules, scheduler:ListSchedules (no resource-level permissions in IAM) and SST/CDK custom resources' log and asset grants; stacks.test.ts lists each service's grants exactly." },
  { id: "AwsSolutions-L1", reason: "nodejs22.x is a supported LTS runtime chosen for every function; SST/CDK custom-resource handlers pick their own runtime." },
  { id: "HIPAA.Security-IAMNoInlinePolicy", reason: "Each function's least-privilege statements are inline on its own role (one role per function, nothing shared), checked grant by grant in stacks.test.ts; managed policies would add shared blast radius, not remove it." },
  { id: "HIPAA.Security-LambdaInsideVPC", reason: "The functions reach only AWS APIs (DynamoDB, EventBridge, S3, SES, Scheduler) and Stripe over TLS with IAM auth; a VPC adds NAT cost (~£30/month) and no data path that needs isolating." },
  { id: "HIPAA.Security-LambdaDLQ", reason: "Event-driven invocations have a dead-letter queue (EventBridge rule DLQ + async on-failure destination to DeadLetters, Subscriptions stack); HTTP invocations are synchronous (API Gateway) and cron/custom-resource ones are retried by their caller." },
  { id: "HIPAA.Security-LambdaConcurrency", reason: "Reserved concurrency would cap a one-clinic product below API Gateway's throttle (200 rps) and take from the account pool; the API stage throttle and per-route rate limits bound load instead." },
];

const PER_STACK: Record<string, NagPackSuppression[]> = {
  Data: [
    { id: "HIPAA.Security-S3BucketReplicationEnabled", reason: "The files bucket is versioned and backed up by AWS Backup into a locked vault (≥ 1 year, optionally copied to a second account: Data.ts backUp), which is the disaster copy; live replication would also replicate deletions and doubles storage. The logs bucket holds only logs that expire." },
    { id: "HIPAA.Security-S3DefaultEncryptionKMS", reason: "SSE-S3 (AES-256) encrypts every object in the files and logs buckets; a customer-managed KMS key adds $1/month and per-request charges with no access-control gain here (bucket policy + IAM already scope access)." },
  ],
  Events: [{ id: "HIPAA.Security-SNSEncryptedKMS", reason: "The alarms topic carries alarm names and states only, never personal data; SSE-KMS would need a key policy for CloudWatch for no gain." }],
  Services: [
    { id: "AwsSolutions-SMG4", reason: "The origin secret is read by CloudFormation at deploy time (CloudFront, functions); rotation is a value change plus a deploy (docs/runbook.md), which Secrets Manager's rotation Lambda cannot do." },
    { id: "HIPAA.Security-SecretsManagerRotationEnabled", reason: "As AwsSolutions-SMG4: rotated by put-secret-value and a deploy (docs/runbook.md)." },
    { id: "HIPAA.Security-SecretsManagerUsingKMSKey", reason: "The origin secret is an anti-forgery header value, not personal data; the AWS-managed key suffices." },
  ],
  Sms: [{ id: "HIPAA.Security-SNSEncryptedKMS", reason: "The SMS topic carries delivery receipts and STOP replies (a phone number and a keyword); End User Messaging cannot publish to a topic under the AWS-managed SNS key, and a customer-managed key adds cost for data that is already in the message history." }],
  Subscriptions: [{ id: "AwsSolutions-SQS3", reason: "DeadLetters is itself the dead-letter queue (with its own alarm); a queue behind it would never be read." }],
  Api: [
    { id: "AwsSolutions-APIG4", reason: "Authorisation is in each service (session cookie → roles, owner-or-self checks, route tests for every role); API Gateway authorizers cannot see object ownership and would add a call per request." },
    { id: "HIPAA.Security-CloudWatchLogGroupEncrypted", reason: "CloudWatch Logs encrypts at rest by default; a customer-managed key adds cost and no access-control gain." },
  ],
  Firewall: [{ id: "HIPAA.Security-CloudWatchLogGroupEncrypted", reason: "The web firewall's log group holds only blocked/counted requests with cookies redacted; CloudWatch Logs encrypts at rest by default and a customer-managed key adds cost, no access-control gain." }],
  Web: [
    { id: "AwsSolutions-S1", reason: "The site's assets bucket holds only public build output (JS, CSS, fonts) and is read only by CloudFront, whose standard logs (logs bucket, cloudfront/) already record every viewer request." },
    { id: "HIPAA.Security-S3BucketLoggingEnabled", reason: "As AwsSolutions-S1: public build assets only." },
    { id: "HIPAA.Security-S3BucketReplicationEnabled", reason: "Build output is reproducible from git; nothing to replicate." },
    { id: "HIPAA.Security-S3BucketVersioningEnabled", reason: "Build output is reproducible from git; SST replaces it on every deploy." },
    { id: "HIPAA.Security-S3DefaultEncryptionKMS", reason: "Public build assets only (JS, CSS, fonts); SSE-S3 encryption is enough." },
    { id: "AwsSolutions-CFR7", reason: "The S3 origin is SST's (origin access identity, bucket private); moving it to OAC needs SST's construct to support it (SST 2.49.8 does not)." },
    { id: "HIPAA.Security-LambdaFunctionPublicAccessProhibited", reason: "The site server's function URL is public by construction (CloudFront's origin) and refuses every request without the origin secret CloudFront adds (web/src/middleware.ts); the warmer/image functions are SST's." },
  ],
};

/** By construct path under the stack (`<Stack>/<path>`): suppressed on that construct and its children only. */
const PER_RESOURCE: Record<string, NagPackSuppression[]> = {
  "Data/Logs": [
    { id: "AwsSolutions-S1", reason: "This is the logs bucket: logging its own access would write a log about every log delivery, without end." },
    { id: "HIPAA.Security-S3BucketLoggingEnabled", reason: "As AwsSolutions-S1: the logs bucket is the access-log destination itself." },
    { id: "HIPAA.Security-S3BucketVersioningEnabled", reason: "Log files are written once by S3 and CloudFront and only expire; nobody in the product writes or deletes them, so versions would only keep expired logs longer." },
  ],
};

/**
 * The rule packs' errors left on the constructs during synthesis, as `<Stack> <path> <rule>`
 * (the app cannot be synthesized twice — SST's own aspects refuse — so Annotations.fromStack is out).
 */
export function nagErrors(stacks: Record<string, Stack>): string[] {
  return Object.entries(stacks).flatMap(([name, stack]) =>
    stack.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === "aws:cdk:error").map((entry) => ({ construct, data: String(entry.data) })))
      .filter(({ data }) => /^(AwsSolutions|HIPAA\.Security)-/.test(data))
      .map(({ construct, data }) => `${name} ${construct.node.path.split("/").slice(1).join("/")} ${data.split(":")[0]}`),
  );
}

/** Adds the suppressions above to the app's stacks (call before synthesis). */
export function applyNagSuppressions(app: App): void {
  for (const child of app.node.children) {
    if (!("templateOptions" in child)) continue;
    const stack = child as Stack;
    const name = stack.node.id.replace(/^[^-]+-mas-/, "");
    NagSuppressions.addStackSuppressions(stack, [...EVERYWHERE, ...(PER_STACK[name] ?? [])], true);
    for (const [path, suppressions] of Object.entries(PER_RESOURCE)) {
      const [stackName, ...rest] = path.split("/");
      if (stackName !== name) continue;
      const construct = stack.node.tryFindChild(rest[0]!);
      if (!construct) throw new Error(`stacks/nag.ts: no construct ${path} to suppress findings on`);
      NagSuppressions.addResourceSuppressions(construct, suppressions, true);
    }
  }
}
