import type { SchedulerClient } from "@aws-sdk/client-scheduler";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { ulid } from "ulid";
import type * as z from "zod";
import { config, TIME_ZONE } from "../config";
import type { EventDefinition, Envelope } from "../events/define";

/** Imported on first use, not at import (a cold start's module init is the budget, see ./bus.ts). */
let loaded: Promise<{ sdk: typeof import("@aws-sdk/client-scheduler"); client: SchedulerClient }> | undefined;
const scheduler = () =>
  (loaded ??= import("@aws-sdk/client-scheduler").then((sdk) => ({ sdk, client: new sdk.SchedulerClient({ region: config.region() }) })));

/** `at(...)` wants local wall time without offset, read in ScheduleExpressionTimezone. */
export function atExpression(instant: Date, timeZone = TIME_ZONE): string {
  return `at(${format(new TZDate(instant, timeZone), "yyyy-MM-dd'T'HH:mm:ss")})`;
}

/**
 * Schedules one event onto the bus at an instant, under a deterministic name (e.g.
 * `appt-<id>-24h`) so that rescheduling replaces it and cancelling deletes it. The
 * schedule deletes itself after firing.
 */
export async function scheduleEvent<S extends z.ZodType>(input: {
  name: string;
  at: Date;
  event: EventDefinition<string, S>;
  data: z.input<S>;
}): Promise<void> {
  const envelope: Envelope<z.output<S>> = {
    id: ulid(),
    occurredAt: input.at.toISOString(),
    version: input.event.version,
    data: input.event.schema.parse(input.data),
  };
  const request = {
    Name: input.name,
    GroupName: config.scheduleGroup(),
    ScheduleExpression: atExpression(input.at),
    ScheduleExpressionTimezone: TIME_ZONE,
    FlexibleTimeWindow: { Mode: "OFF" as const },
    ActionAfterCompletion: "DELETE" as const,
    Target: {
      Arn: config.busArn(),
      RoleArn: config.schedulerRoleArn(),
      Input: JSON.stringify(envelope),
      EventBridgeParameters: { DetailType: input.event.name, Source: input.event.source },
    },
  };
  const { sdk, client } = await scheduler();
  try {
    await client.send(new sdk.CreateScheduleCommand(request));
  } catch (error) {
    if (!(error instanceof sdk.ConflictException)) throw error;
    await client.send(new sdk.UpdateScheduleCommand(request));
  }
}

/** Deletes a schedule; a schedule that already fired (and deleted itself) is not an error. */
export async function cancelSchedule(name: string): Promise<void> {
  const { sdk, client } = await scheduler();
  try {
    await client.send(new sdk.DeleteScheduleCommand({ Name: name, GroupName: config.scheduleGroup() }));
  } catch (error) {
    if (!(error instanceof sdk.ResourceNotFoundException)) throw error;
  }
}

export async function listSchedules(namePrefix: string): Promise<string[]> {
  const { sdk, client } = await scheduler();
  const names: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new sdk.ListSchedulesCommand({ GroupName: config.scheduleGroup(), NamePrefix: namePrefix, NextToken }),
    );
    for (const schedule of page.Schedules ?? []) if (schedule.Name) names.push(schedule.Name);
    NextToken = page.NextToken;
  } while (NextToken);
  return names;
}

/** Scheduler `at()` expressions have whole seconds: a deadline rounded up to one, so its schedule never fires early. */
export function wholeSecondAfter(instant: Date): Date {
  return new Date(Math.ceil(instant.getTime() / 1000) * 1000);
}
