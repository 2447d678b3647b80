import { serviceDb } from "@mas/core/db/service";
import { Payment } from "./payment";
import { StripeEvent } from "./stripe-event";
import { StripeCustomer } from "./stripe-customer";
import { Refund } from "./refund";

/** payments's entities: the only items this service writes (with the kernel's outbox and audit log). */
export const paymentsEntities = {
  payment: Payment,
  stripeEvent: StripeEvent,
  stripeCustomer: StripeCustomer,
  refund: Refund,
};

/** The ElectroDB Service payments reads and writes through (one per table name; tests give each file its own). */
export const db = serviceDb(paymentsEntities);
