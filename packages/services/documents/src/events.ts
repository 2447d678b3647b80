import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";

export const handlers: EventHandlers = {};

export const consume = createEventConsumer("documents", handlers);
