import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dynamo, tableName } from "@mas/core/db/table";

// The document client's commands live in core's dependencies, not this package's.
const fromCore = createRequire(fileURLToPath(new URL("../../../core/package.json", import.meta.url)));
const { ScanCommand } = fromCore("@aws-sdk/lib-dynamodb") as typeof import("../../../core/node_modules/@aws-sdk/lib-dynamodb");

/** Every item in this test file's table, whatever entity wrote it. */
export async function scanWholeTable(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey, ConsistentRead: true }));
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Items of one ElectroDB entity (its `__edb_e__` identifier). */
export async function itemsOf(entity: string): Promise<Record<string, unknown>[]> {
  return (await scanWholeTable()).filter((item) => item.__edb_e__ === entity);
}
