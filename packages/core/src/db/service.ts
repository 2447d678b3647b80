import { Service, type Entity } from "electrodb";
import { dynamo, tableName } from "./table";
import { Probe } from "./entities/probe";
import { RateLimit } from "./entities/rate-limit";
import { AuditLog } from "../audit/audit-log";
import { OutboxEvent } from "../outbox/outbox-event";
import { ProcessedEvent } from "../outbox/processed-event";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEntity = Entity<any, any, any, any>;

/** Items every service writes besides its own: the outbox, processed-event marks, the audit trail, rate-limit counters. */
export const kernelEntities = { probe: Probe, auditLog: AuditLog, outboxEvent: OutboxEvent, processedEvent: ProcessedEvent, rateLimit: RateLimit };

/**
 * One ElectroDB Service over the single table per service: its own entities plus the
 * kernel's, so a service's transactions can carry its outbox events, and nothing else's
 * items can be written through it. Built once per table name (tests give each file its own table).
 */
export function serviceDb<E extends Record<string, AnyEntity>>(entities: E) {
  const all = { ...kernelEntities, ...entities };
  const create = (table: string) => new Service(all, { client: dynamo(), table });
  let cached: { table: string; service: ReturnType<typeof create> } | undefined;
  return () => {
    const table = tableName();
    if (cached?.table !== table) cached = { table, service: create(table) };
    return cached.service;
  };
}

/** The kernel's own items (outbox drainer, audit trail, health probe). */
export const kernelDb = serviceDb({});
