import { RemovalPolicy } from "aws-cdk-lib";

/**
 * Every difference between stages lives here, so a reader can see at a glance what prod
 * does that dev and test do not. Values that depend on the owner's AWS setup (domains,
 * alarm e-mail) come from the deploying shell's environment, never from the code.
 */
export type StageName = "dev" | "test" | "prod" | (string & {});

export interface StageConfig {
  isProd: boolean;
  /** Prod keeps data when the stack (or a resource) is removed; other stages clean up. */
  removalPolicy: RemovalPolicy;
  /** Point-in-time recovery on the table. On in every stage: it is cheap and it is the rollback story. */
  pointInTimeRecovery: boolean;
  /** CloudWatch alarms (DLQ depth, API 5xx, function errors) — prod only. */
  alarms: boolean;
  /** Optional address notified by the alarms topic. */
  alarmEmail?: string;
  /** Custom domain for the site (CloudFront); the hosted zone is looked up by name at deploy time. */
  siteDomain?: { domainName: string; hostedZone: string };
  /**
   * The public site address handed to functions (links in e-mails, Stripe redirects) and
   * used as the bucket's CORS origin. Without a custom domain the CloudFront address only
   * exists after the first deploy: set SITE_URL for the next one (see docs/deploy.md).
   */
  siteUrl?: string;
  /** Domain verified in SES; messaging may send only as this identity. */
  mailDomain: string;
  /**
   * The clinic's name, address and phone (PRACTICE_NAME / _ADDRESS / _PHONE), given to the
   * functions and the site alike so the e-mails and the pages agree; unset, the defaults
   * in packages/core/src/practice.ts apply.
   */
  practice: Record<string, string>;
  logRetention: "one_week" | "three_months";
  /**
   * Days the logs bucket keeps S3 server access logs of the files bucket (who read or wrote
   * which clinical photo or document) and anything else without a shorter rule: over a year
   * in prod, so a question about last year's access can still be answered.
   */
  accessLogDays: number;
  /** Days CloudFront's standard logs (viewer IPs, paths) are kept: as long as the API's access logs. */
  cdnLogDays: number;
  /**
   * AWS Backup of the table and the files bucket into a locked vault (stacks/Data.ts), prod
   * only. `copyToVaultArn` (`BACKUP_COPY_VAULT_ARN`): a vault in a second account that every
   * recovery point is also copied to.
   */
  backup?: { copyToVaultArn?: string };
  /**
   * The web firewall (`WEB_ACL_ARN`): a CLOUDFRONT-scope WAFv2 web ACL, which AWS keeps in
   * us-east-1 only, so it is deployed by its own `sst deploy --region us-east-1` (the Firewall
   * stack, docs/deploy.md) and its ARN handed to this deploy for the distribution.
   */
  webAclArn?: string;
  /**
   * Text messages (stacks/Sms.ts): `SMS_SENDER_ID` (alphanumeric, ≤ 11, default MasterAesth)
   * is declared for the UK unless `SMS_ORIGINATION_IDENTITY` names a registered pool, phone
   * number or sender ID (ARN); `SMS_MARKETING_ORIGINATION_IDENTITY` a two-way number
   * marketing texts come from (STOP replies need one); `SMS_OPT_OUT_LIST` and
   * `SMS_CONFIGURATION_SET` existing ones to use instead of the stack's own;
   * `SMS_PENCE_PER_SEGMENT` what one UK segment costs, whole pence (default 4), for the
   * owner's text cost report.
   */
  sms: { senderId: string; originationIdentity?: string; marketingOriginationIdentity?: string; optOutList?: string; configurationSet?: string; pencePerSegment: number };
}

export function stageConfig(stage: StageName, env: NodeJS.ProcessEnv = process.env): StageConfig {
  const isProd = stage === "prod";
  const domainName = env.SITE_DOMAIN || undefined;
  const siteDomain = domainName ? { domainName, hostedZone: env.HOSTED_ZONE || domainName } : undefined;
  return {
    isProd,
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    pointInTimeRecovery: true,
    alarms: isProd,
    alarmEmail: isProd ? env.ALARM_EMAIL || undefined : undefined,
    siteDomain,
    siteUrl: env.SITE_URL || (siteDomain ? `https://${siteDomain.domainName}` : undefined),
    mailDomain: env.MAIL_DOMAIN ?? "masteraesthetics.co.uk",
    practice: Object.fromEntries(
      ["PRACTICE_NAME", "PRACTICE_ADDRESS", "PRACTICE_PHONE"].flatMap((name) => (env[name]?.trim() ? [[name, env[name]!.trim()]] : [])),
    ),
    logRetention: isProd ? "three_months" : "one_week",
    accessLogDays: isProd ? 400 : 30,
    cdnLogDays: isProd ? 90 : 7,
    backup: isProd ? { copyToVaultArn: arnOf("BACKUP_COPY_VAULT_ARN", env.BACKUP_COPY_VAULT_ARN, /^arn:aws:backup:[a-z0-9-]+:\d{12}:backup-vault:[\w.-]+$/, "arn:aws:backup:eu-west-2:210987654321:backup-vault:mas-copies") } : undefined,
    webAclArn: arnOf("WEB_ACL_ARN", env.WEB_ACL_ARN, /^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/, "arn:aws:wafv2:us-east-1:123456789012:global/webacl/prod-mas-firewall/<id>"),
    sms: {
      senderId: env.SMS_SENDER_ID?.trim() || "MasterAesth",
      originationIdentity: env.SMS_ORIGINATION_IDENTITY?.trim() || undefined,
      marketingOriginationIdentity: env.SMS_MARKETING_ORIGINATION_IDENTITY?.trim() || undefined,
      optOutList: env.SMS_OPT_OUT_LIST?.trim() || undefined,
      configurationSet: env.SMS_CONFIGURATION_SET?.trim() || undefined,
      pencePerSegment: pencePerSegment(env.SMS_PENCE_PER_SEGMENT),
    },
  };
}

/** An ARN the deploying shell gives, checked for its shape (or the deploy stops saying what is wrong). */
function arnOf(name: string, raw: string | undefined, shape: RegExp, example: string): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (!shape.test(value)) throw new Error(`${name} must be an ARN like ${example}, not "${value}"`);
  return value;
}

/** A segment's price as the deploying shell gives it: whole pence, or the deploy stops with why. */
function pencePerSegment(raw: string | undefined): number {
  if (!raw?.trim()) return 4;
  const pence = Number(raw.trim());
  if (!Number.isInteger(pence) || pence < 0 || pence > 100) throw new Error(`SMS_PENCE_PER_SEGMENT must be whole pence from 0 to 100 (one UK segment costs about 3-4p), not "${raw}"`);
  return pence;
}
