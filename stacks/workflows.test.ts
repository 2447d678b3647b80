import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "./synth";

/** The GitHub workflows cannot run here, so what they reference is checked instead. */
type Step = { uses?: string; run?: string; with?: Record<string, unknown>; name?: string };
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};

const directory = join(ROOT, ".github/workflows");
const workflows = readdirSync(directory)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => [file, readFileSync(join(directory, file), "utf8")] as const);
const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** Every shell command line a workflow runs, split on `&&`, `||`, `;` and newlines. */
function commands(workflow: Workflow): string[] {
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .flatMap((step) => (step.run ? step.run.split(/\n|&&|\|\||;/) : []))
    .map((line) => line.trim())
    .filter(Boolean);
}

describe("workflows", () => {
  it("include ci.yml and deploy.yml", () => {
    expect(workflows.map(([file]) => file)).toEqual(expect.arrayContaining(["ci.yml", "deploy.yml"]));
  });

  it.each(workflows)("%s is valid YAML whose npm commands exist in package.json", (_file, text) => {
    const workflow = parse(text) as Workflow;
    expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
    for (const command of commands(workflow).filter((c) => /^(npm|npx|pnpm)\b/.test(c))) {
      const run = /^npm run ([\w:-]+)/.exec(command)?.[1];
      const lifecycle = /^npm (test|start)\b/.exec(command)?.[1];
      const script = run ?? lifecycle;
      expect(script, `${command}: only package.json scripts may be run`).toBeDefined();
      expect(scripts, command).toHaveProperty(script!);
    }
  });

  it("deploy.yml tests, then deploys prod from main with an OIDC role", () => {
    const workflow = parse(workflows.find(([file]) => file === "deploy.yml")![1]) as Workflow;
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    expect(workflow.permissions).toMatchObject({ "id-token": "write", contents: "read" });
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const node = steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(node?.with?.["node-version"]).toBe(20);
    const credentials = steps.findIndex((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(steps[credentials]!.with).toMatchObject({ "aws-region": "eu-west-2" });
    expect(String(steps[credentials]!.with!["role-to-assume"])).toMatch(/^\$\{\{ (secrets|vars)\.\w+ \}\}$/);
    const test = steps.findIndex((s) => s.run === "npm test");
    const deploy = steps.findIndex((s) => s.run === "npm run deploy");
    expect(test).toBeGreaterThan(-1);
    expect(credentials).toBeGreaterThan(test); // no AWS credentials while tests run
    expect(deploy).toBeGreaterThan(credentials);
    expect(scripts.deploy).toBe("sst deploy --stage prod");
  });
});
