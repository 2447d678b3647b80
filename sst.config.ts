import type { SSTConfig } from "sst";
import { Api } from "./stacks/Api";
import { Data } from "./stacks/Data";
import { Events } from "./stacks/Events";
import { Firewall } from "./stacks/Firewall";
import { Outbox } from "./stacks/Outbox";
import { Services } from "./stacks/Services";
import { Sms } from "./stacks/Sms";
import { Subscriptions } from "./stacks/Subscriptions";
import { Web } from "./stacks/Web";

export default {
  config() {
    return { name: "mas", region: "eu-west-2" };
  },
  stacks(app) {
    // S3 server access logs are let in by the logs bucket's policy, not the legacy
    // log-delivery ACL (stacks/Data.ts).
    app.node.setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
    app.setDefaultFunctionProps({ runtime: "nodejs22.x", architecture: "arm_64" });
    // The CloudFront web firewall must live in us-east-1, and SST v2 deploys an app to one
    // region: `sst deploy --region us-east-1` deploys it alone (stacks/Firewall.ts).
    if (app.region === "us-east-1") {
      app.stack(Firewall);
      return;
    }
    app.stack(Data).stack(Events).stack(Sms).stack(Services).stack(Subscriptions).stack(Outbox).stack(Api).stack(Web);
  },
} satisfies SSTConfig;
