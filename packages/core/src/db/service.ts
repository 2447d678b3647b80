import { Service } from "electrodb";
import { dynamo, tableName } from "./table";
import { Probe } from "./entities/probe";

const entities = { probe: Probe };

function createService(table: string) {
  return new Service(entities, { client: dynamo(), table });
}

let cached: { table: string; service: ReturnType<typeof createService> } | undefined;

/**
 * The one ElectroDB Service over the single table. Entities register in `entities` as
 * their services land. Built once per table name (tests give each file its own table).
 */
export function db() {
  const table = tableName();
  if (cached?.table !== table) cached = { table, service: createService(table) };
  return cached.service;
}
