/**
 * Runtime configuration, read from the environment at call time (never at import), so the
 * same code runs in Lambda (values set by the stacks) and locally (values set by
 * packages/local). AWS endpoints are not configured here: the SDK reads the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables, which only the local platform sets.
 */
/** The clinic's zone: one constant, declared with the time helpers. */
export { TIME_ZONE } from "./shared/time";
export const EVENT_SOURCE_PREFIX = "mas";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const config = {
  region: () => process.env.AWS_REGION ?? "eu-west-2",
  tableName: () => required("TABLE_NAME"),
  busName: () => required("BUS_NAME"),
  busArn: () => required("BUS_ARN"),
  scheduleGroup: () => required("SCHEDULE_GROUP"),
  schedulerRoleArn: () => required("SCHEDULER_ROLE_ARN"),
  bucketName: () => required("BUCKET_NAME"),
  mailFrom: () => process.env.MAIL_FROM ?? "Master Aesthetics <hello@masteraesthetics.co.uk>",
  siteUrl: () => process.env.SITE_URL ?? "http://localhost:3000",
  s3ForcePathStyle: () => process.env.S3_FORCE_PATH_STYLE === "true",
  stage: () => process.env.STAGE ?? "local",
  /**
   * AWS End User Messaging SMS: the origination identity texts go from (a sender ID, phone
   * number or pool, by id or ARN), the one marketing texts go from when it differs (a
   * two-way number people can reply STOP to), the opt-out list and the configuration set
   * whose event destination reports delivery.
   */
  smsOriginationIdentity: () => process.env.SMS_ORIGINATION_IDENTITY || "MasterAesth",
  smsMarketingOriginationIdentity: () => process.env.SMS_MARKETING_ORIGINATION_IDENTITY || process.env.SMS_ORIGINATION_IDENTITY || "MasterAesth",
  smsOptOutList: () => process.env.SMS_OPT_OUT_LIST || "Default",
  smsConfigurationSet: () => process.env.SMS_CONFIGURATION_SET || undefined,
};
