import type { SSTConfig } from "sst";
import { Api } from "./stacks/Api";
import { Data } from "./stacks/Data";
import { Events, Subscriptions } from "./stacks/Events";
import { Services } from "./stacks/Services";
import { Web } from "./stacks/Web";

export default {
  config() {
    return { name: "mas", region: "eu-west-2" };
  },
  stacks(app) {
    app.setDefaultFunctionProps({ runtime: "nodejs22.x", architecture: "arm_64" });
    app.stack(Data).stack(Events).stack(Services).stack(Subscriptions).stack(Api).stack(Web);
  },
} satisfies SSTConfig;
