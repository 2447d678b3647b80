import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";
import { normaliseRoles } from "@mas/core/http/roles";
import { getActiveUser, setRoles } from "./domain/users";

export const handlers: EventHandlers = {
  /**
   * One account, both roles: a client whose course place is confirmed becomes a student too
   * (so the site shows them their courses beside their appointments). Re-reads the user; a
   * redelivery, or someone already a student, changes nothing.
   */
  "enrollment.activated": async (data) => {
    const user = await getActiveUser(data.userId);
    if (!user || user.roles.includes("student")) return;
    await setRoles(data.userId, normaliseRoles([...user.roles, "student"]));
  },
  /** End-to-end probe of the bus wiring: proves a published event reaches a service. */
  "system.ping": async (data, envelope) => {
    pings.push({ id: envelope.id, message: data.message });
  },
};

export const pings: { id: string; message: string }[] = [];

export const consume = createEventConsumer("accounts", handlers);
