/** Local EventBridge Scheduler twin: the SDK's schedule API with one-time at() schedules and a test clock. */
export {
  startLocalScheduler,
  type FiredSchedule,
  type FlexibleTimeWindow,
  type LocalScheduler,
  type LocalSchedulerOptions,
  type ScheduleRecord,
  type ScheduleTarget,
} from "./scheduler";
export { isValidTimeZone, zonedTimeToUtc, type WallTime } from "./zoned-time";
