import { beforeAll, describe, expect, it } from "vitest";
import { stageConfig } from "./stage";
import { synthesize, type Synthesized } from "./synth";
import { Inspector } from "./testing";

/**
 * Text messages (stacks/Sms.ts), synthesized offline for stage `test`: the UK sender ID,
 * opt-out list and configuration set the stack declares when none is given, delivery
 * events and STOP replies to one SNS topic that only End User Messaging may publish to,
 * the function reading it, and what messaging may do — send from that identity through
 * that configuration set, and change that opt-out list, nothing else.
 */
let synth: Synthesized;
let t: Inspector;
const ACCOUNT = "123456789012";
const REGION = "eu-west-2";

beforeAll(async () => {
  Object.assign(process.env, { SITE_URL: "https://test.masteraesthetics.example", STRIPE_PUBLISHABLE_KEY: "pk_test_stacks" });
  for (const name of ["SMS_SENDER_ID", "SMS_ORIGINATION_IDENTITY", "SMS_MARKETING_ORIGINATION_IDENTITY", "SMS_OPT_OUT_LIST", "SMS_CONFIGURATION_SET", "SMS_PENCE_PER_SEGMENT"]) delete process.env[name];
  synth = await synthesize({ stage: "test", outdir: ".sst/cdk.out.test-sms" });
  t = new Inspector(synth);
  t.name("Data", t.only("Data", "AWS::DynamoDB::Table")[0], "table");
  t.name("Events", t.only("Events", "AWS::Events::EventBus")[0], "bus");
  t.name("Sms", t.only("Sms", "AWS::SMSVOICE::SenderId")[0], "senderId");
  t.name("Sms", t.only("Sms", "AWS::SMSVOICE::OptOutList")[0], "optOutList");
  t.name("Sms", t.only("Sms", "AWS::SNS::Topic")[0], "smsTopic");
});

const props = (stack: string, type: string) => t.only(stack, type)[1].Properties!;
const OPT_OUT_LIST = `arn:aws:sms-voice:${REGION}:${ACCOUNT}:opt-out-list/optOutList`;

describe("Sms", () => {
  it("reads its parameters from the deploying shell, with a UK sender ID by default", () => {
    expect(stageConfig("prod", {}).sms).toEqual({ senderId: "MasterAesth", pencePerSegment: 4 });
    const given = stageConfig("prod", {
      SMS_SENDER_ID: "MASTERAES",
      SMS_ORIGINATION_IDENTITY: "arn:aws:sms-voice:eu-west-2:1:pool/pool-1",
      SMS_MARKETING_ORIGINATION_IDENTITY: "arn:aws:sms-voice:eu-west-2:1:phone-number/phone-1",
      SMS_OPT_OUT_LIST: "clinic",
      SMS_CONFIGURATION_SET: "clinic-sms",
      SMS_PENCE_PER_SEGMENT: "3",
    }).sms;
    expect(given).toEqual({
      senderId: "MASTERAES",
      originationIdentity: "arn:aws:sms-voice:eu-west-2:1:pool/pool-1",
      marketingOriginationIdentity: "arn:aws:sms-voice:eu-west-2:1:phone-number/phone-1",
      optOutList: "clinic",
      configurationSet: "clinic-sms",
      pencePerSegment: 3,
    });
    for (const bad of ["3.5", "-1", "four", "1000"]) expect(() => stageConfig("prod", { SMS_PENCE_PER_SEGMENT: bad }), bad).toThrow(/SMS_PENCE_PER_SEGMENT must be whole pence/);
  });

  it("declares the sender ID for GB, the opt-out list, and a configuration set sending delivery events to the topic", () => {
    expect(props("Sms", "AWS::SMSVOICE::SenderId")).toMatchObject({ IsoCountryCode: "GB", SenderId: "MasterAesth" });
    expect(props("Sms", "AWS::SMSVOICE::OptOutList")).toMatchObject({ OptOutListName: "mas-test-opt-outs" });
    const configurationSet = props("Sms", "AWS::SMSVOICE::ConfigurationSet");
    expect(configurationSet.ConfigurationSetName).toBe("mas-test-sms");
    const [destination] = configurationSet.EventDestinations as { SnsDestination: { TopicArn: unknown }; MatchingEventTypes: string[]; Enabled: boolean }[];
    expect(t.render(destination!.SnsDestination.TopicArn, "Sms")).toBe("smsTopic");
    expect(destination!.Enabled).toBe(true);
    expect(destination!.MatchingEventTypes).toContain("TEXT_DELIVERED");
  });

  it("lets only End User Messaging in this account publish to the topic, over TLS", () => {
    const policy = JSON.stringify(props("Sms", "AWS::SNS::TopicPolicy"));
    expect(policy).toContain('"Service":"sms-voice.amazonaws.com"');
    expect(policy).toContain('"aws:SourceAccount"');
    expect(policy).toContain('"aws:SecureTransport":"false"');
  });

  it("subscribes the notifications function, which may read/write the table, put events and add to the opt-out list only", () => {
    const fn = t.functionWithHandler("packages/services/messaging/src/sms-notifications.handler");
    expect(fn.stack).toBe("Sms");
    const subscription = props("Sms", "AWS::SNS::Subscription");
    expect(subscription.Protocol).toBe("lambda");
    expect(t.render(subscription.TopicArn, "Sms")).toBe("smsTopic");
    const grants = t.grants(fn.stack, t.roleOf(fn)).filter((g) => !g.startsWith("dynamodb:") && !g.startsWith("managed ") && !g.startsWith("xray:"));
    expect(grants).toEqual(["events:PutEvents bus.Arn", `sms-voice:PutOptedOutNumber ${OPT_OUT_LIST}`]);
    const env = (fn.resource.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(t.render(env.SMS_OPT_OUT_LIST, "Sms")).toBe("optOutList");
  });

  it("lets messaging send only from the sender ID through the configuration set, and change only its opt-out list", () => {
    const fn = t.serviceFunction("messaging");
    const sms = t.grants(fn.stack, t.roleOf(fn)).filter((g) => g.startsWith("sms-voice:"));
    expect(sms).toEqual(
      [
        "sms-voice:SendTextMessage senderId.Arn",
        `sms-voice:SendTextMessage arn:aws:sms-voice:${REGION}:${ACCOUNT}:configuration-set/mas-test-sms`,
        `sms-voice:SendTextMessage ${OPT_OUT_LIST}`,
        `sms-voice:PutOptedOutNumber ${OPT_OUT_LIST}`,
        `sms-voice:DeleteOptedOutNumber ${OPT_OUT_LIST}`,
      ].sort(),
    );
    const env = (fn.resource.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.fromEntries(["SMS_ORIGINATION_IDENTITY", "SMS_MARKETING_ORIGINATION_IDENTITY", "SMS_OPT_OUT_LIST", "SMS_CONFIGURATION_SET", "SMS_PENCE_PER_SEGMENT"].map((k) => [k, t.render(env[k], fn.stack)]))).toEqual({
      SMS_ORIGINATION_IDENTITY: "senderId.Arn",
      SMS_MARKETING_ORIGINATION_IDENTITY: "senderId.Arn",
      SMS_OPT_OUT_LIST: "optOutList",
      SMS_CONFIGURATION_SET: "mas-test-sms",
      SMS_PENCE_PER_SEGMENT: "4", // the owner's text cost report prices segments with it
    });
    // No other service may text.
    for (const service of ["accounts", "booking", "learning", "payments", "documents"]) {
      const other = t.serviceFunction(service);
      expect(t.grants(other.stack, t.roleOf(other)).filter((g) => g.startsWith("sms-voice:")), service).toEqual([]);
    }
  });
});
