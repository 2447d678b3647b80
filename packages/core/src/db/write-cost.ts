import { GetItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tableSchema } from "./schema";

/**
 * What a piece of code writes to the table, priced by AWS's rules (issue 20). DynamoDB Local
 * under-reports transactional capacity (PLATFORM.md), so tests record every write the client
 * sends and price it themselves:
 *
 * - an item's size is the sum of its attribute names and values ("Item sizes and formats");
 * - a table write costs 1 WCU per started KB of the larger of the item before and after it
 *   (read just before the request, and back once the code has run), twice that inside
 *   TransactWriteItems;
 * - every GSI whose key attributes the item carries costs 1 WCU per started KB of its index
 *   entry — with an `ALL` projection, the whole item (a write that moves an index key costs a
 *   delete and a put there; the captures priced here never move one).
 *
 * Test support only: no service imports it at run time.
 */

type Item = Record<string, AttributeValue>;

export interface CapturedWrite {
  command: string;
  /** Which recorded request it was part of (one TransactWriteItems is one request). */
  request: number;
  op: "Put" | "Update" | "Delete" | "ConditionCheck";
  transactional: boolean;
  key: Item;
  /** The item sent (puts only). */
  item?: Item;
  /** The item as it was just before the request (absent if it did not exist). */
  before?: Item;
  /** What the emulator reported (`ReturnConsumedCapacity: INDEXES`), for comparison. */
  reported?: unknown;
}

export interface PricedWrite {
  /** The ElectroDB entity written (`__edb_e__`). */
  entity: string;
  op: string;
  bytes: number;
  table: number;
  gsi1: number;
  gsi2: number;
  gsi3: number;
}

/** AWS's size of one attribute value, in bytes. */
export function attributeValueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, "utf8");
  if (value.N !== undefined) {
    const digits = value.N.replace(/^-/, "").replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
    return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
  }
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((n, s) => n + Buffer.byteLength(s, "utf8"), 0);
  if (value.NS) return value.NS.reduce((n, s) => n + attributeValueSize({ N: s }), 0);
  if (value.BS) return value.BS.reduce((n, b) => n + b.length, 0);
  // Lists and maps: 3 bytes of overhead plus 1 per element (and maps' element names).
  if (value.L) return 3 + value.L.reduce((n, v) => n + 1 + attributeValueSize(v), 0);
  if (value.M) return 3 + Object.entries(value.M).reduce((n, [k, v]) => n + 1 + Buffer.byteLength(k, "utf8") + attributeValueSize(v), 0);
  return 0;
}

/** AWS's size of an item: its attribute names plus their values. */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((n, [name, value]) => n + Buffer.byteLength(name, "utf8") + attributeValueSize(value), 0);
}

/** Started kilobytes: the write units of one item write. */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

function keyOf(item: Item): Item {
  return { [tableSchema.partitionKey]: item[tableSchema.partitionKey]!, [tableSchema.sortKey]: item[tableSchema.sortKey]! };
}

/**
 * Records every write `client` sends while `recording` is on (marshalled, as DynamoDB sizes
 * them) and asks DynamoDB for `INDEXES` capacity. `stop()` removes the middleware.
 */
export function recordWrites(client: DynamoDBDocumentClient): { writes: CapturedWrite[]; recording: boolean; stop(): void } {
  const name = `writeCost-${Math.random().toString(36).slice(2)}`;
  let requests = 0;
  const recorder = {
    writes: [] as CapturedWrite[],
    recording: false,
    stop: () => {
      client.middlewareStack.remove(name);
      client.middlewareStack.remove(`${name}-ask`);
    },
  };
  // Before serialisation: ask for capacity per table and index.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (recorder.recording && /Put|Update|Delete|Write/.test(context.commandName ?? "")) (args.input as Record<string, unknown>).ReturnConsumedCapacity = "INDEXES";
      return next(args);
    },
    { step: "initialize", name: `${name}-ask` },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? "";
      if (!recorder.recording || !/Put|Update|Delete|Write/.test(command)) return next(args);
      const input = args.input as Record<string, any>;
      type Pending = Omit<CapturedWrite, "request" | "reported"> & { table: string };
      const pending: Pending[] = [];
      if (command === "TransactWriteItemsCommand") {
        for (const entry of input.TransactItems as Record<string, any>[]) {
          const [op, request] = Object.entries(entry)[0]! as [CapturedWrite["op"], Record<string, any>];
          pending.push({ command, op, transactional: true, table: request.TableName, key: request.Key ?? keyOf(request.Item), item: request.Item });
        }
      } else if (command === "BatchWriteItemCommand") {
        for (const [table, requests] of Object.entries(input.RequestItems as Record<string, Record<string, any>[]>)) {
          for (const request of requests) {
            if (request.PutRequest) pending.push({ command, op: "Put", transactional: false, table, key: keyOf(request.PutRequest.Item), item: request.PutRequest.Item });
            else pending.push({ command, op: "Delete", transactional: false, table, key: request.DeleteRequest.Key });
          }
        }
      } else if (command === "PutItemCommand") pending.push({ command, op: "Put", transactional: false, table: input.TableName, key: keyOf(input.Item), item: input.Item });
      else pending.push({ command, op: command === "DeleteItemCommand" ? "Delete" : "Update", transactional: false, table: input.TableName, key: input.Key });
      // The items as they were: a write is billed on the larger of before and after.
      for (const write of pending) {
        if (write.op === "ConditionCheck") continue;
        const { Item } = await client.send(new GetItemCommand({ TableName: write.table, Key: write.key, ConsistentRead: true }));
        if (Item) write.before = Item;
      }
      const result = await next(args);
      const reported = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const sequence = ++requests;
      for (const { table: _table, ...write } of pending) recorder.writes.push({ ...write, request: sequence, reported });
      return result;
    },
    // After lib-dynamodb has marshalled the input.
    { step: "build", name },
  );
  return recorder;
}

/**
 * Prices recorded writes on the larger of the item before the request and after it: puts
 * from the item sent, updates from the item as it is now (read back, consistent), deletes
 * from the item as it was.
 */
export async function priceWrites(client: DynamoDBDocumentClient, table: string, writes: readonly CapturedWrite[]): Promise<PricedWrite[]> {
  const rows: PricedWrite[] = [];
  for (const w of writes) {
    if (w.op === "ConditionCheck") continue;
    const after = w.op === "Delete" ? undefined : (w.item ?? (await client.send(new GetItemCommand({ TableName: table, Key: w.key, ConsistentRead: true }))).Item);
    const images = [w.before, after].filter((i): i is Item => i !== undefined);
    if (images.length === 0) throw new Error(`Nothing to price for ${w.op} ${JSON.stringify(w.key)}`);
    const bytes = Math.max(...images.map(itemSize));
    const onIndex = (n: 1 | 2 | 3) => (images.some((i) => i[`gsi${n}pk`] !== undefined) ? writeUnits(bytes) : 0);
    rows.push({
      entity: images[0]!.__edb_e__?.S ?? "(not ElectroDB)",
      op: `${w.transactional ? "Tx" : ""}${w.op}`,
      bytes,
      table: writeUnits(bytes) * (w.transactional ? 2 : 1),
      gsi1: onIndex(1),
      gsi2: onIndex(2),
      gsi3: onIndex(3),
    });
  }
  return rows;
}

/** Write units of priced writes, per table and index and in all. */
export function totalUnits(rows: readonly PricedWrite[]): { table: number; gsi1: number; gsi2: number; gsi3: number; total: number } {
  const sum = (pick: (r: PricedWrite) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const totals = { table: sum((r) => r.table), gsi1: sum((r) => r.gsi1), gsi2: sum((r) => r.gsi2), gsi3: sum((r) => r.gsi3) };
  return { ...totals, total: totals.table + totals.gsi1 + totals.gsi2 + totals.gsi3 };
}
