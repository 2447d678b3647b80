import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListSchedulesCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from "@aws-sdk/client-scheduler";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalScheduler, type LocalScheduler, type ScheduleRecord, type ScheduleTarget } from "./scheduler";
import { zonedTimeToUtc } from "./zoned-time";

const TARGET = {
  Arn: "arn:aws:events:eu-west-2:123456789012:event-bus/mas",
  RoleArn: "arn:aws:iam::123456789012:role/scheduler",
  Input: JSON.stringify({ appointmentId: "a1" }),
  EventBridgeParameters: { DetailType: "ReminderDue", Source: "mas.scheduler" },
};

type Fired = { target: ScheduleTarget; schedule: ScheduleRecord; now: Date };

let scheduler: LocalScheduler | undefined;
let client: SchedulerClient | undefined;

async function start(opts: { clock?: "real" | "manual"; startAt?: string; fail?: boolean } = {}) {
  const fired: Fired[] = [];
  const s = await startLocalScheduler({
    clock: opts.clock ?? "manual",
    startAt: new Date(opts.startAt ?? "2026-01-01T00:00:00Z"),
    tickMs: 20,
    fire: async (target, schedule) => {
      fired.push({ target, schedule, now: s.now() });
      if (opts.fail) throw new Error("target unavailable");
    },
  });
  scheduler = s;
  client = new SchedulerClient({
    endpoint: s.endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  return { s, c: client, fired };
}

function input(overrides: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput {
  return {
    Name: "reminder-1",
    ScheduleExpression: "at(2026-06-01T09:00:00)",
    ScheduleExpressionTimezone: "Europe/London",
    FlexibleTimeWindow: { Mode: "OFF" },
    Target: TARGET,
    ActionAfterCompletion: "DELETE",
    ...overrides,
  };
}

afterEach(async () => {
  client?.destroy();
  await scheduler?.stop();
  scheduler = undefined;
  client = undefined;
});

describe("zonedTimeToUtc", () => {
  const wall = (text: string) => {
    const [y, mo, d, h, mi, s] = text.split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
    return { year: y, month: mo, day: d, hour: h, minute: mi, second: s };
  };

  it.each([
    ["2026-01-15T09:00:00", "Europe/London", "2026-01-15T09:00:00.000Z"],
    ["2026-06-01T09:00:00", "Europe/London", "2026-06-01T08:00:00.000Z"],
    ["2026-10-25T01:30:00", "Europe/London", "2026-10-25T00:30:00.000Z"], // repeated hour: first occurrence (BST)
    ["2026-10-25T02:30:00", "Europe/London", "2026-10-25T02:30:00.000Z"],
    ["2026-03-29T01:30:00", "Europe/London", "2026-03-29T01:30:00.000Z"], // skipped hour: moved forward by the gap
    ["2026-03-29T00:59:59", "Europe/London", "2026-03-29T00:59:59.000Z"],
    ["2026-03-29T02:00:00", "Europe/London", "2026-03-29T01:00:00.000Z"],
    ["2026-03-08T02:30:00", "America/New_York", "2026-03-08T07:30:00.000Z"], // skipped 02:00-03:00 EST→EDT
    ["2026-11-01T01:30:00", "America/New_York", "2026-11-01T05:30:00.000Z"], // repeated: first (EDT)
    ["2026-07-01T12:00:00", "Asia/Kolkata", "2026-07-01T06:30:00.000Z"],
    ["2026-07-01T12:00:00", "UTC", "2026-07-01T12:00:00.000Z"],
  ])("%s in %s is %s", (local, zone, utc) => {
    expect(zonedTimeToUtc(wall(local), zone).toISOString()).toBe(utc);
  });
});

describe("local EventBridge Scheduler", () => {
  it("creates an at() schedule in Europe/London and fires it once at the first occurrence of a repeated time", async () => {
    const { s, c, fired } = await start({ startAt: "2026-10-24T12:00:00Z" });
    const out = await c.send(new CreateScheduleCommand(input({ ScheduleExpression: "at(2026-10-25T01:30:00)" })));
    expect(out.ScheduleArn).toBe("arn:aws:scheduler:eu-west-2:123456789012:schedule/default/reminder-1");

    await s.advanceTo(new Date("2026-10-25T00:29:59Z"));
    expect(fired).toHaveLength(0);

    await s.advanceTo(new Date("2026-10-25T00:30:00Z"));
    expect(fired).toHaveLength(1);
    expect(fired[0]?.now.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(fired[0]?.target).toEqual(TARGET);
    expect(fired[0]?.schedule.Name).toBe("reminder-1");
    expect(s.fired).toEqual([{ name: "reminder-1", group: "default", at: new Date("2026-10-25T00:30:00Z") }]);

    // The second 01:30 (GMT) passes without a second fire; DELETE removed the schedule.
    await s.advanceTo(new Date("2026-10-26T00:00:00Z"));
    expect(fired).toHaveLength(1);
    expect(s.schedules()).toHaveLength(0);
    await expect(c.send(new GetScheduleCommand({ Name: "reminder-1" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("fires a wall time skipped by the spring-forward gap one gap later (01:30 → 02:30 BST)", async () => {
    const { s, c, fired } = await start({ startAt: "2026-03-28T12:00:00Z" });
    await c.send(new CreateScheduleCommand(input({ ScheduleExpression: "at(2026-03-29T01:30:00)" })));
    await s.advanceTo(new Date("2026-03-29T01:29:59Z"));
    expect(fired).toHaveLength(0);
    await s.advanceBy(1000);
    expect(fired.map((f) => f.now.toISOString())).toEqual(["2026-03-29T01:30:00.000Z"]);
  });

  it("fires due schedules in time order, ties by name, stepping the clock to each", async () => {
    const { s, c, fired } = await start();
    await c.send(new CreateScheduleCommand(input({ Name: "b", ScheduleExpression: "at(2026-01-01T10:00:00)", ScheduleExpressionTimezone: undefined })));
    await c.send(new CreateScheduleCommand(input({ Name: "a", ScheduleExpression: "at(2026-01-01T10:00:00)", ScheduleExpressionTimezone: "UTC" })));
    await c.send(new CreateScheduleCommand(input({ Name: "c", ScheduleExpression: "at(2026-01-01T09:00:00)" })));
    await s.advanceTo(new Date("2026-01-02T00:00:00Z"));
    expect(fired.map((f) => [f.schedule.Name, f.now.toISOString()])).toEqual([
      ["c", "2026-01-01T09:00:00.000Z"],
      ["a", "2026-01-01T10:00:00.000Z"],
      ["b", "2026-01-01T10:00:00.000Z"],
    ]);
    expect(s.now().toISOString()).toBe("2026-01-02T00:00:00.000Z");
  });

  it("keeps a fired NONE schedule, completed, and never fires it again", async () => {
    const { s, c, fired } = await start();
    await c.send(new CreateScheduleCommand(input({ ActionAfterCompletion: "NONE", ScheduleExpression: "at(2026-01-01T08:00:00)" })));
    await s.advanceBy(24 * 3600_000);
    await s.advanceBy(24 * 3600_000);
    expect(fired).toHaveLength(1);
    const [kept] = s.schedules();
    expect(kept).toMatchObject({ Name: "reminder-1", completed: true, fireAt: new Date("2026-01-01T08:00:00Z") });
    const got = await c.send(new GetScheduleCommand({ Name: "reminder-1" }));
    expect(got.ActionAfterCompletion).toBe("NONE");
  });

  it("accepts an at() in the past and fires it at the next advance", async () => {
    const { s, c, fired } = await start({ startAt: "2026-05-01T00:00:00Z" });
    await c.send(new CreateScheduleCommand(input({ ScheduleExpression: "at(2026-04-01T00:00:00)" })));
    await s.advanceBy(0);
    expect(fired).toHaveLength(1);
    expect(s.now().toISOString()).toBe("2026-05-01T00:00:00.000Z");
  });

  it("does not fire a DISABLED schedule until it is enabled", async () => {
    const { s, c, fired } = await start();
    await c.send(new CreateScheduleCommand(input({ State: "DISABLED", ScheduleExpression: "at(2026-01-01T08:00:00)" })));
    await s.advanceTo(new Date("2026-02-01T00:00:00Z"));
    expect(fired).toHaveLength(0);
    await c.send(new UpdateScheduleCommand({ ...input({ ScheduleExpression: "at(2026-01-01T08:00:00)" }), State: "ENABLED" }));
    await s.advanceBy(0);
    expect(fired).toHaveLength(1);
  });

  it("records a target failure without retrying or firing twice", async () => {
    const { s, c, fired } = await start({ fail: true });
    await c.send(new CreateScheduleCommand(input({ ScheduleExpression: "at(2026-01-01T08:00:00)" })));
    await s.advanceBy(24 * 3600_000);
    await s.advanceBy(24 * 3600_000);
    expect(fired).toHaveLength(1);
    expect(s.fired[0]?.error).toBe("target unavailable");
  });

  it("gets, updates, lists and deletes through the real SDK", async () => {
    const { s, c } = await start();
    await c.send(new CreateScheduleCommand(input({ Description: "first", StartDate: new Date("2026-01-01T00:00:00Z") })));

    const got = await c.send(new GetScheduleCommand({ Name: "reminder-1", GroupName: "default" }));
    expect(got).toMatchObject({
      Arn: "arn:aws:scheduler:eu-west-2:123456789012:schedule/default/reminder-1",
      Name: "reminder-1",
      GroupName: "default",
      ScheduleExpression: "at(2026-06-01T09:00:00)",
      ScheduleExpressionTimezone: "Europe/London",
      Description: "first",
      State: "ENABLED",
      Target: TARGET,
      FlexibleTimeWindow: { Mode: "OFF" },
      ActionAfterCompletion: "DELETE",
    });
    expect(got.CreationDate).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(got.StartDate).toEqual(new Date("2026-01-01T00:00:00Z"));

    await s.advanceTo(new Date("2026-01-02T00:00:00Z"));
    await c.send(
      new UpdateScheduleCommand({
        Name: "reminder-1",
        ScheduleExpression: "at(2026-07-01T10:00:00)",
        ScheduleExpressionTimezone: "Europe/London",
        FlexibleTimeWindow: { Mode: "FLEXIBLE", MaximumWindowInMinutes: 15 },
        Target: { ...TARGET, Input: "{}" },
      }),
    );
    const updated = await c.send(new GetScheduleCommand({ Name: "reminder-1" }));
    expect(updated).toMatchObject({ ScheduleExpression: "at(2026-07-01T10:00:00)", Target: { Input: "{}" }, ActionAfterCompletion: "NONE" });
    expect(updated.Description).toBeUndefined(); // UpdateSchedule replaces the whole definition
    expect(updated.LastModificationDate).toEqual(new Date("2026-01-02T00:00:00Z"));
    expect(updated.CreationDate).toEqual(new Date("2026-01-01T00:00:00Z"));
    expect(s.schedules()[0]?.fireAt).toEqual(new Date("2026-07-01T09:00:00Z"));

    for (const name of ["rem-2", "rem-3", "other"]) await c.send(new CreateScheduleCommand(input({ Name: name })));
    const all = await c.send(new ListSchedulesCommand({}));
    expect(all.Schedules?.map((x) => x.Name)).toEqual(["other", "rem-2", "rem-3", "reminder-1"]);
    expect(all.Schedules?.[0]).toMatchObject({ GroupName: "default", State: "ENABLED", Target: { Arn: TARGET.Arn } });

    const prefixed = await c.send(new ListSchedulesCommand({ NamePrefix: "rem" }));
    expect(prefixed.Schedules?.map((x) => x.Name)).toEqual(["rem-2", "rem-3", "reminder-1"]);

    const page1 = await c.send(new ListSchedulesCommand({ MaxResults: 3 }));
    expect(page1.Schedules).toHaveLength(3);
    const page2 = await c.send(new ListSchedulesCommand({ MaxResults: 3, NextToken: page1.NextToken }));
    expect(page2.Schedules?.map((x) => x.Name)).toEqual(["reminder-1"]);
    expect(page2.NextToken).toBeUndefined();

    await c.send(new DeleteScheduleCommand({ Name: "rem-2" }));
    await expect(c.send(new GetScheduleCommand({ Name: "rem-2" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    expect(s.schedules().map((x) => x.Name)).toEqual(["other", "rem-3", "reminder-1"]);
  });

  it("keeps groups apart", async () => {
    const { s, c, fired } = await start();
    await c.send(new CreateScheduleCommand(input({ GroupName: "reminders", ScheduleExpression: "at(2026-01-01T08:00:00)" })));
    await c.send(new CreateScheduleCommand(input({ GroupName: "default", Description: "same name, other group" })));

    await expect(c.send(new GetScheduleCommand({ Name: "reminder-1", GroupName: "reminders" }))).resolves.toMatchObject({
      Arn: "arn:aws:scheduler:eu-west-2:123456789012:schedule/reminders/reminder-1",
    });
    const inGroup = await c.send(new ListSchedulesCommand({ GroupName: "reminders" }));
    expect(inGroup.Schedules?.map((x) => x.GroupName)).toEqual(["reminders"]);
    expect(s.schedules("reminders")).toHaveLength(1);
    expect(s.schedules()).toHaveLength(2);
    await expect(c.send(new GetScheduleCommand({ Name: "reminder-1", GroupName: "elsewhere" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });

    await c.send(new DeleteScheduleCommand({ Name: "reminder-1", GroupName: "reminders" }));
    await s.advanceTo(new Date("2026-01-02T00:00:00Z"));
    expect(fired).toHaveLength(0);
    expect(s.schedules("default")).toHaveLength(1);

    await expect(c.send(new GetScheduleGroupCommand({ Name: "reminders" }))).resolves.toMatchObject({ Name: "reminders", State: "ACTIVE" });
    await c.send(new CreateScheduleGroupCommand({ Name: "new-group" }));
    await expect(c.send(new CreateScheduleGroupCommand({ Name: "new-group" }))).rejects.toMatchObject({ name: "ConflictException" });
  });

  it("answers duplicates with ConflictException and unknown schedules with ResourceNotFoundException", async () => {
    const { c } = await start();
    await c.send(new CreateScheduleCommand(input()));
    await expect(c.send(new CreateScheduleCommand(input()))).rejects.toMatchObject({
      name: "ConflictException",
      $metadata: { httpStatusCode: 409 },
    });
    await expect(c.send(new GetScheduleCommand({ Name: "nope" }))).rejects.toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } });
    await expect(c.send(new DeleteScheduleCommand({ Name: "nope" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(c.send(new UpdateScheduleCommand(input({ Name: "nope" })))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it.each<[string, Partial<CreateScheduleCommandInput>, RegExp]>([
    ["missing Target", { Target: undefined }, /target/],
    ["Target without RoleArn", { Target: { Arn: TARGET.Arn } as never }, /roleArn/],
    ["missing FlexibleTimeWindow", { FlexibleTimeWindow: undefined }, /flexibleTimeWindow/],
    ["FLEXIBLE without a window", { FlexibleTimeWindow: { Mode: "FLEXIBLE" } }, /MaximumWindowInMinutes/],
    ["missing ScheduleExpression", { ScheduleExpression: undefined }, /scheduleExpression/],
    ["malformed at()", { ScheduleExpression: "at(2026-06-01 09:00)" }, /Invalid Schedule Expression/],
    ["impossible date", { ScheduleExpression: "at(2026-02-30T09:00:00)" }, /Invalid Schedule Expression/],
    ["rate() is not supported locally", { ScheduleExpression: "rate(5 minutes)" }, /only one-time at\(\)/],
    ["cron() is not supported locally", { ScheduleExpression: "cron(0 9 * * ? *)" }, /only one-time at\(\)/],
    ["unknown time zone", { ScheduleExpressionTimezone: "Europe/Atlantis" }, /Invalid time zone/],
    ["bad State", { State: "PAUSED" as never }, /State/],
    ["bad ActionAfterCompletion", { ActionAfterCompletion: "ARCHIVE" as never }, /ActionAfterCompletion/],
    ["bad name", { Name: "has spaces" }, /name/],
    ["EndDate before StartDate", { StartDate: new Date("2026-02-01T00:00:00Z"), EndDate: new Date("2026-01-01T00:00:00Z") }, /EndDate/],
  ])("refuses %s with ValidationException", async (_title, overrides, message) => {
    const { c, s } = await start();
    const error = await c.send(new CreateScheduleCommand(input(overrides))).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ValidationException", $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toMatch(message);
    expect(s.schedules()).toHaveLength(0);
  });

  it("refuses a bad MaxResults on ListSchedules", async () => {
    const { c } = await start();
    await expect(c.send(new ListSchedulesCommand({ MaxResults: 500 }))).rejects.toMatchObject({ name: "ValidationException" });
  });

  it("with the real clock, fires a due schedule on its own", async () => {
    const { c, fired, s } = await start({ clock: "real" });
    const soon = new Date(Date.now() + 1500);
    const at = soon.toISOString().slice(0, 19); // UTC wall time, seconds precision
    await c.send(new CreateScheduleCommand(input({ ScheduleExpression: `at(${at})`, ScheduleExpressionTimezone: "UTC" })));
    await c.send(new CreateScheduleCommand(input({ Name: "past", ScheduleExpression: "at(2020-01-01T00:00:00)" })));
    await expect.poll(() => fired.map((f) => f.schedule.Name), { timeout: 5000, interval: 20 }).toEqual(["past", "reminder-1"]);
    expect(fired[1]?.now.getTime()).toBeGreaterThanOrEqual(new Date(`${at}Z`).getTime());
    await expect(s.advanceBy(1)).rejects.toThrow(/manual/);
  });
});
