/**
 * Local twin of Amazon EventBridge Scheduler.
 *
 * Emulates the REST-JSON API exactly as `@aws-sdk/client-scheduler` calls it:
 * CreateSchedule `POST /schedules/{Name}`, GetSchedule `GET /schedules/{Name}?groupName=`,
 * UpdateSchedule `PUT /schedules/{Name}` (full replacement, as AWS), DeleteSchedule
 * `DELETE /schedules/{Name}?groupName=`, ListSchedules
 * `GET /schedules?ScheduleGroup=&NamePrefix=&State=&MaxResults=&NextToken=`, and minimal
 * Create/Get/Delete/ListScheduleGroups (`/schedule-groups[/{Name}]`). Errors come back
 * with `x-amzn-errortype` so the SDK throws ConflictException (409),
 * ResourceNotFoundException (404) or ValidationException (400) with AWS-like messages.
 *
 * One-time `at(yyyy-mm-ddThh:mm:ss)` schedules fire once, at the wall time in
 * `ScheduleExpressionTimezone` (default UTC; DST handled as ./zoned-time.ts explains:
 * repeated times mean the first occurrence, skipped times move forward by the gap).
 * An `at()` in the past is accepted and fires at the next check (real clock: at once;
 * manual clock: on the next advanceTo/advanceBy, `advanceBy(0)` included). After firing,
 * `ActionAfterCompletion: "DELETE"` removes the schedule; `"NONE"` keeps it, completed.
 * A DISABLED schedule does not fire; enabling it later (UpdateSchedule) fires it if due.
 *
 * Known gaps: `rate()` and `cron()` are refused with ValidationException (only at() is
 * supported locally); schedule groups are implicit (any group name is accepted without
 * CreateScheduleGroup); FLEXIBLE time windows fire at the start of the window; StartDate /
 * EndDate are stored but (as for at() on AWS) do not affect firing; a target that throws
 * is not retried — the failure is recorded in `fired[].error`; UpdateSchedule re-arms a
 * completed schedule (its new definition may fire once); no tags, KMS, ClientToken
 * idempotency or SigV4 check.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { AwsError, BodyTooLargeError, close, listen, readBody, sendJson } from "../eventbridge/aws-http";
import { isValidTimeZone, zonedTimeToUtc, type WallTime } from "./zoned-time";

export interface ScheduleTarget {
  Arn: string;
  RoleArn: string;
  Input?: string;
  EventBridgeParameters?: { DetailType: string; Source: string };
  /** Other target settings (RetryPolicy, DeadLetterConfig, SqsParameters, ...) kept as sent. */
  [setting: string]: unknown;
}

export interface FlexibleTimeWindow {
  Mode: "OFF" | "FLEXIBLE";
  MaximumWindowInMinutes?: number;
}

export interface ScheduleRecord {
  Arn: string;
  Name: string;
  GroupName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  Description?: string;
  State: "ENABLED" | "DISABLED";
  ActionAfterCompletion: "NONE" | "DELETE";
  FlexibleTimeWindow: FlexibleTimeWindow;
  Target: ScheduleTarget;
  StartDate?: Date;
  EndDate?: Date;
  KmsKeyArn?: string;
  CreationDate: Date;
  LastModificationDate: Date;
  /** The UTC instant the at() expression denotes. */
  fireAt: Date;
  /** Set once fired: a one-time schedule never fires twice. */
  completed: boolean;
}

export interface FiredSchedule {
  name: string;
  group: string;
  /** The scheduler's clock when it fired (manual clock: the scheduled instant). */
  at: Date;
  /** Set when the fire callback threw. */
  error?: string;
}

export interface LocalSchedulerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  clock: "real" | "manual";
  /** Manual clock start; default the current time. */
  startAt?: Date;
  fire: (target: ScheduleTarget, schedule: ScheduleRecord) => Promise<void>;
  region?: string;
  account?: string;
  /** Real clock: how often due schedules are looked for; default 250 ms. */
  tickMs?: number;
}

export interface LocalScheduler {
  /** http://127.0.0.1:port — pass as `endpoint` to SchedulerClient. */
  endpoint: string;
  now(): Date;
  /** Manual clock: fires every due schedule in time order (ties by name), awaiting each, then sets now. */
  advanceTo(date: Date): Promise<void>;
  advanceBy(ms: number): Promise<void>;
  /** Copies of the stored schedules, all groups unless one is named, sorted by group and name. */
  schedules(group?: string): ScheduleRecord[];
  fired: FiredSchedule[];
  stop(): Promise<void>;
}

const DEFAULT_GROUP = "default";
const NAME_PATTERN = /^[0-9a-zA-Z\-_.]{1,64}$/;
const AT_PATTERN = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const JSON_CONTENT_TYPE = "application/json";
const MAX_BODY_BYTES = 1024 * 1024;

const validation = (message: string) => new AwsError("ValidationException", 400, message);
const notFound = (message: string) => new AwsError("ResourceNotFoundException", 404, message);
const conflict = (message: string) => new AwsError("ConflictException", 409, message);

export async function startLocalScheduler(opts: LocalSchedulerOptions): Promise<LocalScheduler> {
  const region = opts.region ?? "eu-west-2";
  const account = opts.account ?? "123456789012";
  const store = new ScheduleStore(region, account);
  const fired: FiredSchedule[] = [];
  let manualNow = opts.startAt ? new Date(opts.startAt) : new Date();
  const now = () => (opts.clock === "manual" ? new Date(manualNow) : new Date());

  // Firing runs one batch at a time, so a schedule is never picked up by two batches.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  const fireOne = async (record: ScheduleRecord, at: Date): Promise<void> => {
    record.completed = true;
    const entry: FiredSchedule = { name: record.Name, group: record.GroupName, at };
    try {
      await opts.fire(structuredClone(record.Target), structuredClone(record));
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error);
    }
    fired.push(entry);
    // Only delete the definition that fired: the callback may have replaced or deleted it.
    if (record.ActionAfterCompletion === "DELETE") store.deleteIfSame(record);
  };

  /** Fires what is due by `until`, earliest first; the manual clock steps to each fire time. */
  const fireDue = async (until: Date): Promise<void> => {
    for (let next = store.due(until)[0]; next; next = store.due(until)[0]) {
      if (opts.clock === "manual" && next.fireAt > manualNow) manualNow = new Date(next.fireAt);
      await fireOne(next, now());
    }
  };

  const poke = () => {
    if (opts.clock === "real") setImmediate(() => void serially(() => fireDue(new Date())));
  };

  const server = createServer((req, res) => void handleHttp(req, res, { store, now, afterChange: poke }));
  const endpoint = await listen(server, opts.port ?? 0);
  const timer = opts.clock === "real" ? setInterval(poke, opts.tickMs ?? 250) : undefined;
  timer?.unref();

  const advanceTo = (date: Date): Promise<void> =>
    serially(async () => {
      if (opts.clock !== "manual") throw new Error("advanceTo/advanceBy need a scheduler started with clock: \"manual\"");
      if (date.getTime() < manualNow.getTime()) throw new Error(`Cannot move the clock back from ${manualNow.toISOString()} to ${date.toISOString()}`);
      await fireDue(date);
      manualNow = new Date(date);
    });

  return {
    endpoint,
    now,
    advanceTo,
    advanceBy: (ms) => advanceTo(new Date(now().getTime() + ms)),
    schedules: (group) => store.list({ group }).map((record) => structuredClone(record)),
    fired,
    stop: async () => {
      if (timer) clearInterval(timer);
      await close(server);
      await queue;
    },
  };
}

// ---------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------

interface GroupRecord {
  Arn: string;
  Name: string;
  CreationDate: Date;
  LastModificationDate: Date;
}

class ScheduleStore {
  private readonly schedules = new Map<string, ScheduleRecord>();
  private readonly groups = new Map<string, GroupRecord>();

  constructor(
    private readonly region: string,
    private readonly account: string,
  ) {}

  scheduleArn(group: string, name: string): string {
    return `arn:aws:scheduler:${this.region}:${this.account}:schedule/${group}/${name}`;
  }

  groupArn(name: string): string {
    return `arn:aws:scheduler:${this.region}:${this.account}:schedule-group/${name}`;
  }

  get(group: string, name: string): ScheduleRecord | undefined {
    return this.schedules.get(key(group, name));
  }

  put(record: ScheduleRecord, at: Date): void {
    this.schedules.set(key(record.GroupName, record.Name), record);
    this.ensureGroup(record.GroupName, at);
  }

  delete(group: string, name: string): boolean {
    return this.schedules.delete(key(group, name));
  }

  deleteIfSame(record: ScheduleRecord): void {
    if (this.get(record.GroupName, record.Name) === record) this.delete(record.GroupName, record.Name);
  }

  list(filter: { group?: string; prefix?: string; state?: string }): ScheduleRecord[] {
    return [...this.schedules.values()]
      .filter((s) => (filter.group === undefined || s.GroupName === filter.group) && s.Name.startsWith(filter.prefix ?? ""))
      .filter((s) => filter.state === undefined || s.State === filter.state)
      .sort((a, b) => compare(a.GroupName, b.GroupName) || compare(a.Name, b.Name));
  }

  /** Enabled, not yet fired, due by `until`: in time order, ties by name (then group). */
  due(until: Date): ScheduleRecord[] {
    return [...this.schedules.values()]
      .filter((s) => s.State === "ENABLED" && !s.completed && s.fireAt.getTime() <= until.getTime())
      .sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime() || compare(a.Name, b.Name) || compare(a.GroupName, b.GroupName));
  }

  /** Groups are implicit: "default" always exists, others once created or used. */
  getGroup(name: string, at: Date): GroupRecord | undefined {
    if (name === DEFAULT_GROUP) this.ensureGroup(name, at);
    return this.groups.get(name);
  }

  createGroup(name: string, at: Date): GroupRecord {
    if (this.getGroup(name, at)) throw conflict(`Schedule group ${name} already exists.`);
    return this.ensureGroup(name, at);
  }

  deleteGroup(name: string): void {
    this.groups.delete(name);
    for (const s of this.list({ group: name })) this.delete(s.GroupName, s.Name);
  }

  listGroups(at: Date): GroupRecord[] {
    this.ensureGroup(DEFAULT_GROUP, at);
    return [...this.groups.values()].sort((a, b) => compare(a.Name, b.Name));
  }

  private ensureGroup(name: string, at: Date): GroupRecord {
    let group = this.groups.get(name);
    if (!group) {
      group = { Arn: this.groupArn(name), Name: name, CreationDate: at, LastModificationDate: at };
      this.groups.set(name, group);
    }
    return group;
  }
}

function key(group: string, name: string): string {
  return `${group}\u0000${name}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------
// Input validation
// ---------------------------------------------------------------------------------------

type Body = Record<string, unknown>;

/** The parts of a Create/UpdateSchedule request that define a schedule. */
type ScheduleDefinition = Omit<ScheduleRecord, "Arn" | "Name" | "GroupName" | "CreationDate" | "LastModificationDate" | "completed">;

function checkName(value: unknown, field: string): string {
  if (typeof value !== "string" || !NAME_PATTERN.test(value)) {
    throw validation(
      `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$ and have length between 1 and 64`,
    );
  }
  return value;
}

function optionalString(body: Body, field: string, max: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length > max) {
    throw validation(`Invalid ${field}: must be a string of at most ${max} characters.`);
  }
  return value;
}

/** An enum field; without a fallback it is required. */
function oneOf<T extends string>(body: Body, field: string, allowed: readonly T[], fallback?: T): T {
  const value = body[field] ?? fallback;
  if (value === undefined) {
    throw validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  if (!allowed.includes(value as T)) {
    throw validation(
      `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
    );
  }
  return value as T;
}

function optionalDate(body: Body, field: string): Date | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const date = typeof value === "number" ? new Date(value * 1000) : typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw validation(`Invalid ${field}.`);
  return date;
}

/** at(yyyy-mm-ddThh:mm:ss) → wall time; refuses rate()/cron() explicitly. */
function parseAt(expression: unknown): WallTime {
  if (typeof expression !== "string" || expression.length === 0) {
    throw validation("1 validation error detected: Value null at 'scheduleExpression' failed to satisfy constraint: Member must not be null");
  }
  if (/^(rate|cron)\(/.test(expression)) {
    throw validation(`Unsupported Schedule Expression ${expression}: the local scheduler supports only one-time at() schedules.`);
  }
  const match = AT_PATTERN.exec(expression);
  if (!match) throw validation(`Invalid Schedule Expression ${expression}.`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw validation(`Invalid Schedule Expression ${expression}.`);
  }
  return { year, month, day, hour, minute, second };
}

function parseTimeZone(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length === 0 || value.length > 50 || !isValidTimeZone(value)) {
    throw validation(`Invalid time zone: ${String(value)}.`);
  }
  return value;
}

function parseWindow(value: unknown): FlexibleTimeWindow {
  if (typeof value !== "object" || value === null) {
    throw validation("1 validation error detected: Value null at 'flexibleTimeWindow' failed to satisfy constraint: Member must not be null");
  }
  const window = value as Body;
  const mode = oneOf(window, "Mode", ["OFF", "FLEXIBLE"] as const);
  const minutes = window.MaximumWindowInMinutes;
  if (mode === "OFF") {
    if (minutes !== undefined && minutes !== null) throw validation("MaximumWindowInMinutes must not be set when FlexibleTimeWindow Mode is OFF.");
    return { Mode: mode };
  }
  if (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    throw validation("MaximumWindowInMinutes must be between 1 and 1440 when FlexibleTimeWindow Mode is FLEXIBLE.");
  }
  return { Mode: mode, MaximumWindowInMinutes: minutes };
}

function parseTarget(value: unknown): ScheduleTarget {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw validation("1 validation error detected: Value null at 'target' failed to satisfy constraint: Member must not be null");
  }
  const target = value as Body;
  for (const field of ["Arn", "RoleArn"] as const) {
    const v = target[field];
    if (typeof v !== "string" || v.length === 0 || v.length > 1600) {
      throw validation(`1 validation error detected: Value at 'target.${field[0]?.toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must not be null`);
    }
  }
  if (target.Input !== undefined && (typeof target.Input !== "string" || target.Input.length === 0 || target.Input.length > 8192)) {
    throw validation("Invalid Target Input: must be a string of 1 to 8192 characters.");
  }
  const eb = target.EventBridgeParameters as Body | undefined;
  if (eb !== undefined && (typeof eb?.DetailType !== "string" || typeof eb.Source !== "string" || !eb.DetailType || !eb.Source)) {
    throw validation("EventBridgeParameters needs DetailType and Source.");
  }
  return target as ScheduleTarget;
}

function parseDefinition(body: Body): ScheduleDefinition {
  const wall = parseAt(body.ScheduleExpression);
  const timeZone = parseTimeZone(body.ScheduleExpressionTimezone);
  const startDate = optionalDate(body, "StartDate");
  const endDate = optionalDate(body, "EndDate");
  if (startDate && endDate && endDate <= startDate) throw validation("The EndDate must be after the StartDate.");
  return {
    ScheduleExpression: body.ScheduleExpression as string,
    ScheduleExpressionTimezone: timeZone,
    Description: optionalString(body, "Description", 512),
    State: oneOf(body, "State", ["ENABLED", "DISABLED"] as const, "ENABLED"),
    ActionAfterCompletion: oneOf(body, "ActionAfterCompletion", ["NONE", "DELETE"] as const, "NONE"),
    FlexibleTimeWindow: parseWindow(body.FlexibleTimeWindow),
    Target: parseTarget(body.Target),
    StartDate: startDate,
    EndDate: endDate,
    KmsKeyArn: optionalString(body, "KmsKeyArn", 2048),
    fireAt: zonedTimeToUtc(wall, timeZone ?? "UTC"),
  };
}

// ---------------------------------------------------------------------------------------
// Wire shapes (timestamps are epoch seconds in REST-JSON bodies)
// ---------------------------------------------------------------------------------------

const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

function scheduleOutput(s: ScheduleRecord): Body {
  return {
    Arn: s.Arn,
    GroupName: s.GroupName,
    Name: s.Name,
    ScheduleExpression: s.ScheduleExpression,
    ScheduleExpressionTimezone: s.ScheduleExpressionTimezone,
    StartDate: epochSeconds(s.StartDate),
    EndDate: epochSeconds(s.EndDate),
    Description: s.Description,
    State: s.State,
    CreationDate: epochSeconds(s.CreationDate),
    LastModificationDate: epochSeconds(s.LastModificationDate),
    KmsKeyArn: s.KmsKeyArn,
    Target: s.Target,
    FlexibleTimeWindow: s.FlexibleTimeWindow,
    ActionAfterCompletion: s.ActionAfterCompletion,
  };
}

function scheduleSummary(s: ScheduleRecord): Body {
  return {
    Arn: s.Arn,
    Name: s.Name,
    GroupName: s.GroupName,
    State: s.State,
    CreationDate: epochSeconds(s.CreationDate),
    LastModificationDate: epochSeconds(s.LastModificationDate),
    Target: { Arn: s.Target.Arn },
  };
}

function groupOutput(g: GroupRecord): Body {
  return {
    Arn: g.Arn,
    Name: g.Name,
    State: "ACTIVE",
    CreationDate: epochSeconds(g.CreationDate),
    LastModificationDate: epochSeconds(g.LastModificationDate),
  };
}

// ---------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------

interface Context {
  store: ScheduleStore;
  now: () => Date;
  /** Called after a schedule is created or changed, so a due one fires promptly. */
  afterChange: () => void;
}

interface Request {
  method: string;
  segments: string[];
  query: URLSearchParams;
  body: Body;
}

type Operation = (ctx: Context, req: Request) => Body;

const groupOf = (value: string | null | undefined) => checkName(value ?? DEFAULT_GROUP, "groupName");

const createSchedule: Operation = (ctx, req) => {
  const name = checkName(req.segments[1], "name");
  const group = groupOf(req.body.GroupName as string | undefined);
  const definition = parseDefinition(req.body);
  if (ctx.store.get(group, name)) throw conflict(`Schedule ${name} already exists.`);
  const at = ctx.now();
  const record: ScheduleRecord = {
    ...definition,
    Arn: ctx.store.scheduleArn(group, name),
    Name: name,
    GroupName: group,
    CreationDate: at,
    LastModificationDate: at,
    completed: false,
  };
  ctx.store.put(record, at);
  ctx.afterChange();
  return { ScheduleArn: record.Arn };
};

const updateSchedule: Operation = (ctx, req) => {
  const name = checkName(req.segments[1], "name");
  const group = groupOf(req.body.GroupName as string | undefined);
  const definition = parseDefinition(req.body);
  const existing = ctx.store.get(group, name);
  if (!existing) throw notFound(`Schedule ${name} does not exist.`);
  const at = ctx.now();
  // A fresh record (not a mutation), so a fire in progress on the old one cannot delete it.
  const record: ScheduleRecord = { ...existing, ...definition, LastModificationDate: at, completed: false };
  ctx.store.put(record, at);
  ctx.afterChange();
  return { ScheduleArn: record.Arn };
};

const getSchedule: Operation = (ctx, req) => {
  const name = checkName(req.segments[1], "name");
  const record = ctx.store.get(groupOf(req.query.get("groupName")), name);
  if (!record) throw notFound(`Schedule ${name} does not exist.`);
  return scheduleOutput(record);
};

const deleteSchedule: Operation = (ctx, req) => {
  const name = checkName(req.segments[1], "name");
  if (!ctx.store.delete(groupOf(req.query.get("groupName")), name)) throw notFound(`Schedule ${name} does not exist.`);
  return {};
};

const listSchedules: Operation = (ctx, req) => {
  const group = req.query.get("ScheduleGroup");
  const state = req.query.get("State");
  if (group !== null) checkName(group, "groupName");
  if (state !== null && state !== "ENABLED" && state !== "DISABLED") throw validation(`Invalid State ${state}.`);
  const all = ctx.store.list({ group: group ?? undefined, prefix: req.query.get("NamePrefix") ?? undefined, state: state ?? undefined });
  const page = paginate(all, req.query);
  return { Schedules: page.items.map(scheduleSummary), NextToken: page.nextToken };
};

const createGroup: Operation = (ctx, req) => ({
  ScheduleGroupArn: ctx.store.createGroup(checkName(req.segments[1], "name"), ctx.now()).Arn,
});

const getGroup: Operation = (ctx, req) => {
  const name = checkName(req.segments[1], "name");
  const group = ctx.store.getGroup(name, ctx.now());
  if (!group) throw notFound(`Schedule group ${name} does not exist.`);
  return groupOutput(group);
};

const deleteGroup: Operation = (ctx, req) => {
  const name = checkName(req.segments[1], "name");
  if (name === DEFAULT_GROUP) throw validation("The default schedule group cannot be deleted.");
  if (!ctx.store.getGroup(name, ctx.now())) throw notFound(`Schedule group ${name} does not exist.`);
  ctx.store.deleteGroup(name);
  return {};
};

const listGroups: Operation = (ctx, req) => {
  const prefix = req.query.get("NamePrefix") ?? "";
  const page = paginate(ctx.store.listGroups(ctx.now()).filter((g) => g.Name.startsWith(prefix)), req.query);
  return { ScheduleGroups: page.items.map(groupOutput), NextToken: page.nextToken };
};

/** NextToken is an opaque offset into the sorted list; MaxResults is 1–100 as on AWS. */
function paginate<T>(items: T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const maxParam = query.get("MaxResults");
  const max = maxParam === null ? 100 : Number(maxParam);
  if (!Number.isInteger(max) || max < 1 || max > 100) throw validation(`Invalid MaxResults ${maxParam}: must be between 1 and 100.`);
  const token = query.get("NextToken");
  const offset = token === null ? 0 : Number(Buffer.from(token, "base64url").toString("utf8").replace(/^offset:/, ""));
  if (!Number.isInteger(offset) || offset < 0) throw validation("Invalid NextToken.");
  const end = offset + max;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? Buffer.from(`offset:${end}`).toString("base64url") : undefined,
  };
}

/** Route table: [method, first path segment, whether a {Name} segment follows]. */
const ROUTES: [string, string, boolean, Operation][] = [
  ["POST", "schedules", true, createSchedule],
  ["PUT", "schedules", true, updateSchedule],
  ["GET", "schedules", true, getSchedule],
  ["DELETE", "schedules", true, deleteSchedule],
  ["GET", "schedules", false, listSchedules],
  ["POST", "schedule-groups", true, createGroup],
  ["GET", "schedule-groups", true, getGroup],
  ["DELETE", "schedule-groups", true, deleteGroup],
  ["GET", "schedule-groups", false, listGroups],
];

// ---------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------

async function handleHttp(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  try {
    const request = await parseRequest(req);
    const route = ROUTES.find(
      ([method, resource, named]) => method === request.method && resource === request.segments[0] && named === (request.segments.length === 2),
    );
    if (!route) throw new AwsError("UnknownOperationException", 404, `No operation at ${req.method} ${req.url}`);
    sendJson(res, 200, route[3](ctx, request), JSON_CONTENT_TYPE);
  } catch (error) {
    const aws =
      error instanceof AwsError ? error
      : error instanceof BodyTooLargeError ? validation(error.message)
      : new AwsError("InternalServerException", 500, String(error));
    sendJson(res, aws.status, { Message: aws.message, message: aws.message }, JSON_CONTENT_TYPE, aws.type);
  }
}

async function parseRequest(req: IncomingMessage): Promise<Request> {
  const url = new URL(req.url ?? "/", "http://localhost");
  let segments: string[];
  try {
    segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    throw validation(`Malformed path ${url.pathname}.`);
  }
  const text = await readBody(req, MAX_BODY_BYTES);
  let body: unknown = {};
  if (text.trim().length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new AwsError("SerializationException", 400, "Request body is not valid JSON.");
    }
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AwsError("SerializationException", 400, "Request body must be a JSON object.");
  }
  return { method: req.method ?? "GET", segments, query: url.searchParams, body: body as Body };
}
