import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";
import { clock } from "@mas/core/payments/clock";
import { chargeNoShowFee, refundOrphanedDeposit, settleCancelledAppointment } from "@mas/core/payments/refunds";
import "./subjects";

/**
 * Booking's outcomes that move money. Each handler is idempotent: Stripe calls carry keys
 * derived from the appointment, and payment changes go through the state machine, so a
 * redelivered event finds the work done.
 */
export const handlers: EventHandlers = {
  "appointment.cancelled": async (data) => {
    await settleCancelledAppointment({ appointmentId: data.appointmentId, feeInPence: data.feeInPence, refundDeposit: data.refundDeposit, now: clock.now() });
  },
  "appointment.deposit_orphaned": async (data) => {
    await refundOrphanedDeposit({ appointmentId: data.appointmentId, paymentId: data.paymentId, now: clock.now() });
  },
  "appointment.no_show": async (data) => {
    await chargeNoShowFee({ appointmentId: data.appointmentId, clientId: data.clientId, feeInPence: data.feeInPence, now: clock.now() });
  },
};

export const consume = createEventConsumer("payments", handlers);
