import { config } from "@mas/core/config";
import { audit } from "@mas/core/audit/audit";
import { eraseWith } from "@mas/core/personal-data";
import { paymentsPersonalData } from "./domain/personal-data";
import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";
import { clock } from "@mas/core/shared/clock";
import { chargeNoShowFee, refundOrphanedDeposit, settleCancelledAppointment } from "./domain/refunds";
import "./subjects";

/**
 * Booking's outcomes that move money. Each handler is idempotent: Stripe calls carry keys
 * derived from the appointment, and payment changes go through the state machine, so a
 * redelivered event finds the work done.
 */
export const handlers: EventHandlers = {
  /** Erase this service's part of the user's personal data (accounts erased its own and announced it). */
  "user.erased": async (data) => {
    const erased = await eraseWith(paymentsPersonalData, data.userId);
    await audit({ actor: "system", action: "payments.personal_data_erased", subject: data.userId, detail: { parts: erased } });
  },
  "appointment.cancelled": async (data) => {
    await settleCancelledAppointment({ appointmentId: data.appointmentId, feeInPence: data.feeInPence, refundDeposit: data.refundDeposit, now: clock.now() });
  },
  "appointment.deposit_orphaned": async (data) => {
    await refundOrphanedDeposit({ appointmentId: data.appointmentId, paymentId: data.paymentId, now: clock.now() });
  },
  "appointment.no_show": async (data) => {
    await chargeNoShowFee({ appointmentId: data.appointmentId, clientId: data.clientId, feeInPence: data.feeInPence, now: clock.now(), siteUrl: config.siteUrl() });
  },
};

export const consume = createEventConsumer("payments", handlers);
