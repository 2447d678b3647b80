import type { Hono } from "hono";
import type { BusEvent, ServiceName } from "@mas/core/events/define";
import { app as accounts } from "@mas/accounts/app";
import { consume as accountsEvents } from "@mas/accounts/events";
import { app as booking } from "@mas/booking/app";
import { consume as bookingEvents } from "@mas/booking/events";
import { app as learning } from "@mas/learning/app";
import { consume as learningEvents } from "@mas/learning/events";
import { app as payments } from "@mas/payments/app";
import { consume as paymentsEvents } from "@mas/payments/events";
import { app as documents } from "@mas/documents/app";
import { consume as documentsEvents } from "@mas/documents/events";
import { app as messaging } from "@mas/messaging/app";
import { consume as messagingEvents } from "@mas/messaging/events";

/**
 * The same two entry points each service's Lambda handler wraps: its Hono app (HTTP API
 * routes) and its event consumer (EventBridge rule targets).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const serviceApps: Record<ServiceName, Hono<any, any, any>> = { accounts, booking, learning, payments, documents, messaging };

export const serviceConsumers: Record<ServiceName, (event: BusEvent) => Promise<void>> = {
  accounts: accountsEvents,
  booking: bookingEvents,
  learning: learningEvents,
  payments: paymentsEvents,
  documents: documentsEvents,
  messaging: messagingEvents,
};
