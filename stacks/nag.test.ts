import { beforeAll, describe, expect, it } from "vitest";
import { AwsSolutionsChecks, HIPAASecurityChecks } from "cdk-nag";
import { applyNagSuppressions, nagErrors } from "./nag";
import { synthesize, type Synthesized } from "./synth";

/**
 * AWS's own rule packs (cdk-nag 2.38: AwsSolutions and HIPAA.Security — health data is
 * special-category under UK GDPR) over the prod stage. Every suppression is in
 * stacks/nag.ts with its reason; anything else is a failure here.
 */
let synth: Synthesized;

beforeAll(async () => {
  Object.assign(process.env, { SITE_DOMAIN: "masteraesthetics.co.uk", ALARM_EMAIL: "owner@example.com" });
  for (const name of ["SITE_URL", "HOSTED_ZONE", "MAIL_DOMAIN", "WEB_ACL_ARN", "BACKUP_COPY_VAULT_ARN"]) delete process.env[name];
  synth = await synthesize({ stage: "prod", outdir: ".sst/cdk.out.prod-nag", aspects: [new AwsSolutionsChecks({ verbose: true }), new HIPAASecurityChecks({ verbose: true })], prepare: applyNagSuppressions });
});

describe("cdk-nag on prod", () => {
  it("finds no unsuppressed error in any stack", () => {
    expect(nagErrors(synth.stacks)).toEqual([]);
  });

  it("gives every suppression a reason of its own", () => {
    const reasons = Object.values(synth.stacks).flatMap((stack) => {
      const metadata = (stack.templateOptions.metadata ?? {}) as { cdk_nag?: { rules_to_suppress?: { id: string; reason: string }[] } };
      return metadata.cdk_nag?.rules_to_suppress ?? [];
    });
    expect(reasons.length).toBeGreaterThan(0);
    for (const { id, reason } of reasons) expect(reason.length, id).toBeGreaterThan(40);
  });
});
