import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";

export const handlers: EventHandlers = {
  /** End-to-end probe of the bus wiring: proves a published event reaches a service. */
  "system.ping": async (data, envelope) => {
    pings.push({ id: envelope.id, message: data.message });
  },
};

export const pings: { id: string; message: string }[] = [];

export const consume = createEventConsumer("accounts", handlers);
