import type { TestProject } from "vitest/node";
import { startLocalPlatform } from "../../packages/local/src/platform";
import { buildWeb, loadWebHandler } from "../../packages/local/src/web";
import { seedDemoData } from "../../packages/local/src/seed";
import { ensureDemoClinic } from "./demo-booking";

/** The whole product as `npm start` runs it (in memory, real clock), for the browser tests. */
export default async function setup(project: TestProject) {
  buildWeb();
  const web = await loadWebHandler();
  const platform = await startLocalPlatform({ clock: "real", web, persist: undefined, tableName: "mas-e2e" });
  const logins = await seedDemoData();
  await ensureDemoClinic();
  project.provide("site", { url: platform.url, ses: platform.endpoints.ses, stripe: { url: platform.stripe.url, publishableKey: platform.stripe.publishableKey }, logins });
  return () => platform.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    site: { url: string; ses: string; stripe: { url: string; publishableKey: string }; logins: { role: string; email: string; password: string }[] };
  }
}
