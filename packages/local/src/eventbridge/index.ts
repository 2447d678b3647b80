/** Local EventBridge twin: event-pattern matcher and an in-process bus answering the SDK's PutEvents. */
export { InvalidEventPatternError, matches, validatePattern } from "./pattern";
export {
  BusValidationError,
  startLocalBus,
  type DeadLetter,
  type LocalBus,
  type LocalBusOptions,
  type LocalRule,
  type PutEventsEntry,
  type PutEventsResult,
  type PutEventsResultEntry,
} from "./bus";
