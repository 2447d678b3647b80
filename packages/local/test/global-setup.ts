import type { TestProject } from "vitest/node";
import { startDynamo } from "../src/dynamodb";
import { startS3, startSes } from "../src/mail-and-files";
import { BUCKET_NAME } from "../src/platform";

/**
 * Starts the out-of-process pieces once for the whole integration run (DynamoDB Local's
 * JVM, the SES and S3 emulators); every test file then starts its own in-process bus,
 * scheduler, fake Stripe and gateway over a fresh table (setup-file.ts).
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamo();
  const ses = await startSes();
  const s3 = await startS3({ buckets: [BUCKET_NAME] });
  project.provide("external", { dynamodb: dynamo.endpoint, ses: ses.endpoint, s3: s3.endpoint });
  return async () => {
    await Promise.all([dynamo.stop(), ses.stop(), s3.stop()]);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    external: { dynamodb: string; ses: string; s3: string };
  }
}
