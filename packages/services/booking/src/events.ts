import { depositPaid, expireHold } from "@mas/core/booking/appointment-lifecycle";
import { clock } from "@mas/core/booking/clock";
import { expireOffer } from "@mas/core/booking/waitlist";
import { createEventConsumer, type EventHandlers } from "@mas/core/events/consumer";

/**
 * What booking reacts to: deposits paid (confirm the appointment) and its own timers
 * (an unpaid hold lapsing, a waitlist offer lapsing). `payment.failed` needs no handler:
 * the hold simply lapses. Each handler re-reads state, so redelivery is harmless.
 */
export const handlers: EventHandlers = {
  "payment.succeeded": async (data) => {
    if (data.kind !== "deposit") return;
    await depositPaid({ appointmentId: data.subjectId, paymentId: data.paymentId, amountInPence: data.amountInPence, now: clock.now() });
  },
  "reminder.due": async (data) => {
    if (data.workflow === "booking-hold") await expireHold({ appointmentId: data.subjectId, now: clock.now() });
    else if (data.workflow === "waitlist-offer") await expireOffer(data.subjectId, clock.now());
  },
};

export const consume = createEventConsumer("booking", handlers);
