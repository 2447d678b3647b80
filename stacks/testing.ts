import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Synthesized } from "./synth";

/**
 * Readers over synthesized templates for the CDK assertion tests: they turn CloudFormation
 * references (Ref, GetAtt, cross-stack ImportValue) into names a test can compare, e.g.
 * `table.Arn/index/*`, so least-privilege checks can be written as exact lists.
 */
type Json = unknown;
type Resource = { Type: string; Properties?: Record<string, Json>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type TemplateJson = { Resources?: Record<string, Resource>; Outputs?: Record<string, { Value: Json; Export?: { Name: string } }> };

export class Inspector {
  readonly json: Record<string, TemplateJson>;
  /** `<Stack>:<LogicalId>` → readable name, filled with `name()`. */
  private readonly names = new Map<string, string>();

  constructor(readonly synth: Synthesized) {
    this.json = Object.fromEntries(Object.entries(synth.templates).map(([name, t]) => [name, t.toJSON() as TemplateJson]));
  }

  resources(stack: string, type?: string): [string, Resource][] {
    return Object.entries(this.json[stack]?.Resources ?? {}).filter(([, r]) => !type || r.Type === type);
  }

  /** The one resource of a type in a stack that matches `where` (throws unless exactly one). */
  only(stack: string, type: string, where: (r: Resource) => boolean = () => true): [string, Resource] {
    const found = this.resources(stack, type).filter(([, r]) => where(r));
    if (found.length !== 1) throw new Error(`expected one ${type} in ${stack}, found ${found.length}`);
    return found[0]!;
  }

  /** Gives a resource a readable name in rendered references. */
  name(stack: string, logicalId: string, name: string): void {
    this.names.set(`${stack}:${logicalId}`, name);
  }

  /** Renders a CloudFormation value with references replaced by names (or `<Stack>:<LogicalId>`). */
  render(value: Json, stack: string): string {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (Array.isArray(value)) return value.map((v) => this.render(v, stack)).join(",");
    const obj = value as Record<string, Json>;
    if ("Ref" in obj) {
      const ref = obj.Ref as string;
      if (ref === "AWS::Partition") return "aws";
      if (ref === "AWS::Region") return this.synth.stacks[stack]!.region;
      if (ref === "AWS::AccountId") return this.synth.stacks[stack]!.account;
      if (ref === "AWS::URLSuffix") return "amazonaws.com";
      return this.ref(stack, ref);
    }
    if ("Fn::GetAtt" in obj) {
      const [id, attribute] = obj["Fn::GetAtt"] as [string, string];
      return `${this.ref(stack, id)}.${attribute}`;
    }
    if ("Fn::Join" in obj) {
      const [separator, parts] = obj["Fn::Join"] as [string, Json[]];
      return parts.map((p) => this.render(p, stack)).join(separator);
    }
    if ("Fn::ImportValue" in obj) {
      const exportName = obj["Fn::ImportValue"] as string;
      for (const [name, template] of Object.entries(this.json)) {
        for (const output of Object.values(template.Outputs ?? {})) {
          if (output.Export?.Name === exportName) return this.render(output.Value, name);
        }
      }
      throw new Error(`no export ${exportName}`);
    }
    if ("Fn::Select" in obj) {
      const [index, list] = obj["Fn::Select"] as [number, Json];
      return `select(${index}, ${this.render(list, stack)})`;
    }
    if ("Fn::Split" in obj) {
      const [separator, source] = obj["Fn::Split"] as [string, Json];
      return `split(${separator}, ${this.render(source, stack)})`;
    }
    return JSON.stringify(obj);
  }

  private ref(stack: string, logicalId: string): string {
    return this.names.get(`${stack}:${logicalId}`) ?? `${stack}:${logicalId}`;
  }

  /** The service functions, found by their handler path. */
  serviceFunction(service: string): { stack: string; id: string; resource: Resource } {
    return this.functionWithHandler(`packages/services/${service}/src/handler.handler`);
  }

  /** The one function whose handler is this path, in whichever stack declares it. */
  functionWithHandler(handler: string): { stack: string; id: string; resource: Resource } {
    for (const stack of Object.keys(this.json)) {
      const found = this.resources(stack, "AWS::Lambda::Function").filter(([, r]) => r.Properties?.Handler === handler);
      if (found.length === 1) return { stack, id: found[0]![0], resource: found[0]![1] };
    }
    throw new Error(`no function with handler ${handler}`);
  }

  /**
   * Every permission a role holds, from every stack, as sorted `action resource [condition]`
   * lines: inline policies, attached AWS::IAM::Policy resources and managed policies.
   */
  grants(roleStack: string, roleId: string): string[] {
    const roleRef = this.render({ Ref: roleId }, roleStack);
    const lines: string[] = [];
    const role = this.json[roleStack]!.Resources![roleId]!;
    for (const arn of (role.Properties?.ManagedPolicyArns as Json[] | undefined) ?? []) {
      lines.push(`managed ${this.render(arn, roleStack)}`);
    }
    const documents: [string, Json][] = ((role.Properties?.Policies as { PolicyDocument: Json }[] | undefined) ?? []).map((p) => [
      roleStack,
      p.PolicyDocument,
    ]);
    for (const stack of Object.keys(this.json)) {
      for (const [, policy] of this.resources(stack, "AWS::IAM::Policy")) {
        const roles = (policy.Properties!.Roles as Json[] | undefined) ?? [];
        if (roles.some((r) => this.render(r, stack) === roleRef)) {
          documents.push([stack, policy.Properties!.PolicyDocument]);
        }
      }
    }
    for (const [stack, document] of documents) {
      for (const statement of (document as { Statement: Record<string, Json>[] }).Statement) {
        if (statement.Effect !== "Allow") throw new Error("only Allow statements are expected on function roles");
        const actions = ([] as Json[]).concat(statement.Action as Json);
        const resources = ([] as Json[]).concat(statement.Resource as Json);
        const condition = statement.Condition ? ` if ${JSON.stringify(statement.Condition)}` : "";
        for (const action of actions) {
          for (const resource of resources) lines.push(`${action} ${this.render(resource, stack)}${condition}`);
        }
      }
    }
    return lines.sort();
  }

  /** The role a function runs as. */
  roleOf(fn: { stack: string; resource: Resource }): string {
    const role = fn.resource.Properties!.Role as { "Fn::GetAtt": [string, string] };
    return role["Fn::GetAtt"][0];
  }

  /** The bundled handler file of a Lambda function, read from the synthesized asset. */
  bundle(fn: { resource: Resource }): { path: string; code: string } {
    const code = fn.resource.Properties!.Code as { S3Key: string };
    const hash = code.S3Key.replace(/\.zip$/, "");
    const handler = fn.resource.Properties!.Handler as string;
    const path = join(this.synth.outdir, `asset.${hash}`, handler.replace(/\.[^.]+$/, ".mjs"));
    return { path, code: readFileSync(path, "utf8") };
  }
}
