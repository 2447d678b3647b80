/**
 * Local twin of one Amazon EventBridge event bus.
 *
 * Emulates: the `PutEvents` API exactly as the AWS SDK calls it (AWS JSON 1.1: `POST /`,
 * `x-amz-target: AWSEvents.PutEvents`), with AWS's per-entry validation and error codes
 * (`InvalidArgument`, `MalformedDetail`, `NotAuthorizedForSourceException`,
 * `ResourceNotFoundException`), request-level errors as the SDK expects them (HTTP 400,
 * `x-amzn-errortype` + `__type`: ValidationException for missing / more than 10 entries or
 * over 256 KB; as AWS, SerializationException for a body that is not JSON and
 * UnknownOperationException for another `x-amz-target`), and delivery of each accepted event, after the response,
 * to every rule whose event pattern matches (see ./pattern.ts), with retries and a
 * dead-letter list like a rule target's retry policy and DLQ.
 *
 * Known gaps: one bus per server, and only `PutEvents` (rules are registered in-process
 * with addRule, not with PutRule/PutTargets); `EventBusName` must name this bus (by name
 * or ARN) — an entry without it is refused rather than silently sent to a `default` bus
 * that has no rules here; no SigV4 check; no input transformers, archives or replay;
 * targets are called in-process, concurrently, in no guaranteed order (as on AWS).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { BusEvent } from "@mas/core/events/define";
import { AwsError, BodyTooLargeError, close, listen, readBody, sendJson } from "./aws-http";
import { matches, validatePattern } from "./pattern";

export interface LocalRule {
  name: string;
  pattern: Record<string, unknown>;
  target: (event: BusEvent) => Promise<void>;
}

export interface DeadLetter {
  rule: string;
  event: BusEvent;
  error: string;
  attempts: number;
}

/** One PutEvents entry as the SDK sends it (Time arrives as epoch seconds on the wire). */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: Date | number;
  TraceHeader?: string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

export interface LocalBusOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  busName: string;
  region?: string;
  account?: string;
  rules?: LocalRule[];
  /** Attempts per target before the event is dead-lettered; default 3. */
  maxAttempts?: number;
  /** Delay between attempts; default 50 ms (AWS backs off for much longer). */
  retryDelayMs?: number;
}

export interface LocalBus {
  /** http://127.0.0.1:port — pass as `endpoint` to EventBridgeClient. */
  endpoint: string;
  busName: string;
  busArn: string;
  /** Adds a rule; throws InvalidEventPatternError for a pattern PutRule would reject. */
  addRule(rule: LocalRule): void;
  removeRule(name: string): void;
  deadLetters: DeadLetter[];
  /** Every accepted event, in arrival order. */
  published: BusEvent[];
  /** Resolves once no delivery is in flight, including retries and events published by targets. */
  idle(): Promise<void>;
  /**
   * Fault injection: the next `count` PutEvents calls over HTTP fail, as AWS fails them —
   * `internal`: HTTP 500 InternalException (the SDK retries it); `entries`: HTTP 200 with
   * every entry refused (`InternalFailure`, FailedEntryCount > 0; the SDK does not retry).
   * Then the bus recovers. Tests prove that no event is lost across such failures.
   */
  failPutEvents(count: number, kind?: "internal" | "entries"): void;
  /** PutEvents calls that failed by injection so far. */
  injectedFailures(): number;
  /** Same as an HTTP PutEvents call, in-process. Throws BusValidationError where AWS answers HTTP 400. */
  publish(entries: PutEventsEntry[]): Promise<PutEventsResult>;
  stop(): Promise<void>;
}

/** A request-level error: answered as HTTP 400 with this AWS error type. */
export class BusValidationError extends AwsError {
  constructor(type: string, message: string) {
    super(type, 400, message);
  }
}

const MAX_ENTRIES = 10;
/** AWS's limit on the summed entry sizes of one PutEvents call. */
const MAX_REQUEST_ENTRY_BYTES = 256 * 1024;
/** Reading stops here: far above anything AWS would accept. */
const MAX_BODY_BYTES = 1024 * 1024;
const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

export async function startLocalBus(opts: LocalBusOptions): Promise<LocalBus> {
  const region = opts.region ?? "eu-west-2";
  const account = opts.account ?? "123456789012";
  const busName = opts.busName;
  const busArn = `arn:aws:events:${region}:${account}:event-bus/${busName}`;
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
  const retryDelayMs = opts.retryDelayMs ?? 50;

  const rules = new Map<string, LocalRule>();
  const deadLetters: DeadLetter[] = [];
  const published: BusEvent[] = [];
  const tracker = new InFlight();
  let stopped = false;

  const addRule = (rule: LocalRule): void => {
    validatePattern(rule.pattern);
    rules.set(rule.name, rule);
  };
  for (const rule of opts.rules ?? []) addRule(rule);

  const deliver = async (rule: LocalRule, event: BusEvent): Promise<void> => {
    let lastError = "";
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (stopped) return;
      try {
        // Each target gets its own copy, as each Lambda gets its own deserialized event.
        await rule.target(structuredClone(event));
        return;
      } catch (error) {
        lastError = error instanceof Error ? (error.stack ?? error.message) : String(error);
        if (attempt < maxAttempts) await sleep(retryDelayMs);
      }
    }
    deadLetters.push({ rule: rule.name, event, error: lastError, attempts: maxAttempts });
  };

  /** Counts deliveries as in flight now, so idle() called right after publishing waits for them. */
  const dispatch = (event: BusEvent): void => {
    published.push(event);
    for (const rule of rules.values()) {
      if (!matches(rule.pattern, event)) continue;
      tracker.start();
      // setImmediate: targets run after the caller (or the HTTP response) has moved on.
      setImmediate(() => void deliver(rule, event).finally(() => tracker.finish()));
    }
  };

  const publish = async (entries: PutEventsEntry[]): Promise<PutEventsResult> => {
    checkRequest(entries);
    const results = entries.map((entry) => acceptEntry(entry, { busName, busArn, region, account }));
    for (const result of results) if ("event" in result) dispatch(result.event);
    const Entries = results.map((r) => ("event" in r ? { EventId: r.event.id } : r));
    return { FailedEntryCount: Entries.filter((e) => "ErrorCode" in e).length, Entries };
  };

  const faults = { remaining: 0, kind: "internal" as "internal" | "entries", injected: 0 };
  const publishOverHttp = async (entries: PutEventsEntry[]): Promise<PutEventsResult> => {
    if (faults.remaining > 0) {
      faults.remaining--;
      faults.injected++;
      if (faults.kind === "internal") throw new Error("Injected fault: InternalException");
      checkRequest(entries);
      const Entries = entries.map(() => ({ ErrorCode: "InternalFailure", ErrorMessage: "Injected fault: internal failure" }));
      return { FailedEntryCount: Entries.length, Entries };
    }
    return publish(entries);
  };
  const server = createServer((req, res) => void handleHttp(req, res, publishOverHttp));
  const endpoint = await listen(server, opts.port ?? 0);

  return {
    endpoint,
    busName,
    busArn,
    addRule,
    removeRule: (name) => void rules.delete(name),
    deadLetters,
    published,
    idle: () => tracker.idle(),
    failPutEvents: (count, kind = "internal") => {
      faults.remaining = count;
      faults.kind = kind;
    },
    injectedFailures: () => faults.injected,
    publish,
    stop: async () => {
      stopped = true;
      await close(server);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Validation and event construction
// ---------------------------------------------------------------------------------------

interface BusIdentity {
  busName: string;
  busArn: string;
  region: string;
  account: string;
}

type Failure = { ErrorCode: string; ErrorMessage: string };

function invalidArgument(parameter: string, reason: string): Failure {
  return { ErrorCode: "InvalidArgument", ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${reason}` };
}

/** Whole-request checks: AWS rejects the call itself for these. */
function checkRequest(entries: unknown): asserts entries is PutEventsEntry[] {
  if (!Array.isArray(entries)) {
    throw new BusValidationError(
      "ValidationException",
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (entries.length < 1 || entries.length > MAX_ENTRIES) {
    throw new BusValidationError(
      "ValidationException",
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${
        entries.length < 1 ? "greater than or equal to 1" : `less than or equal to ${MAX_ENTRIES}`
      }`,
    );
  }
  if (entries.some((entry) => typeof entry !== "object" || entry === null || Array.isArray(entry))) {
    throw new BusValidationError("SerializationException", "Each entry must be an object");
  }
  const total = entries.reduce((sum: number, entry: PutEventsEntry) => sum + entrySize(entry), 0);
  if (total > MAX_REQUEST_ENTRY_BYTES) {
    throw new BusValidationError("ValidationException", "Total size of the entries in the request is over the limit.");
  }
}

/** AWS's documented PutEvents entry-size calculation. */
function entrySize(entry: PutEventsEntry): number {
  const bytes = (value: unknown) => (typeof value === "string" ? Buffer.byteLength(value, "utf8") : 0);
  return (
    (entry.Time !== undefined ? 14 : 0) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (Array.isArray(entry.Resources) ? entry.Resources.reduce((sum, r) => sum + bytes(r), 0) : 0)
  );
}

function acceptEntry(entry: PutEventsEntry, bus: BusIdentity): { event: BusEvent } | Failure {
  if (entry.EventBusName !== bus.busName && entry.EventBusName !== bus.busArn) {
    return {
      ErrorCode: "ResourceNotFoundException",
      ErrorMessage: `Event bus ${entry.EventBusName ?? "default"} does not exist. (The local bus only serves "${bus.busName}": set EventBusName.)`,
    };
  }
  for (const field of ["Source", "DetailType", "Detail"] as const) {
    const value = entry[field];
    if (value === undefined || value === null || value === "") return invalidArgument(field, `${field} is a required argument.`);
    if (typeof value !== "string") return invalidArgument(field, `${field} must be a string.`);
  }
  const source = entry.Source as string;
  // AWS reserves the aws.* namespace for its own services.
  if (source.toLowerCase().startsWith("aws.")) {
    return { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: "Not authorized for the source." };
  }
  const detail = parseDetail(entry.Detail as string);
  if (detail === undefined) return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  if (entry.Resources !== undefined && !(Array.isArray(entry.Resources) && entry.Resources.every((r) => typeof r === "string"))) {
    return invalidArgument("Resources", "Resources must be a list of strings.");
  }
  const time = eventTime(entry.Time);
  if (time === undefined) return invalidArgument("Time", "Time is not a valid timestamp.");
  return {
    event: {
      version: "0",
      id: randomUUID(),
      "detail-type": entry.DetailType as string,
      source,
      account: bus.account,
      time,
      region: bus.region,
      resources: entry.Resources ?? [],
      detail,
    },
  };
}

/** Detail must be a JSON object: AWS refuses arrays, scalars and invalid JSON alike. */
function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** EventBridge's `time`: ISO 8601 to the second, like 2026-01-31T09:00:00Z. */
function eventTime(time: Date | number | undefined): string | undefined {
  const date = time === undefined ? new Date() : time instanceof Date ? time : typeof time === "number" ? new Date(time * 1000) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// ---------------------------------------------------------------------------------------
// HTTP (AWS JSON 1.1)
// ---------------------------------------------------------------------------------------

async function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  publish: (entries: PutEventsEntry[]) => Promise<PutEventsResult>,
): Promise<void> {
  try {
    const request = parseRequest(req, await readBody(req, MAX_BODY_BYTES));
    sendJson(res, 200, await publish(request.Entries as PutEventsEntry[]), JSON_CONTENT_TYPE);
  } catch (error) {
    if (error instanceof BusValidationError) {
      sendJson(res, 400, { __type: error.type, message: error.message }, JSON_CONTENT_TYPE, error.type);
    } else if (error instanceof BodyTooLargeError) {
      const type = "ValidationException";
      sendJson(res, 400, { __type: type, message: "Total size of the entries in the request is over the limit." }, JSON_CONTENT_TYPE, type);
    } else {
      sendJson(res, 500, { __type: "InternalException", message: String(error) }, JSON_CONTENT_TYPE, "InternalException");
    }
  }
}

function parseRequest(req: IncomingMessage, body: string): { Entries?: unknown } {
  const target = req.headers["x-amz-target"];
  if (req.method !== "POST" || req.url?.split("?")[0] !== "/") {
    throw new BusValidationError("UnknownOperationException", `No operation at ${req.method} ${req.url}`);
  }
  if (target !== "AWSEvents.PutEvents") {
    throw new BusValidationError("UnknownOperationException", `Operation ${String(target)} is not supported by the local bus`);
  }
  let request: unknown;
  try {
    request = JSON.parse(body.length ? body : "{}");
  } catch {
    throw new BusValidationError("SerializationException", "Request body is not valid JSON");
  }
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    throw new BusValidationError("SerializationException", "Request body must be a JSON object");
  }
  return request;
}

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Counts work in flight and wakes idle() waiters when it drops to zero. */
class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  start(): void {
    this.count++;
  }

  finish(): void {
    this.count--;
    if (this.count > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
