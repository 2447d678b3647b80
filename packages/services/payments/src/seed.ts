import { findUserByEmail } from "@mas/accounts/read";
import { appointmentsOfClient } from "@mas/booking/read";
import { config } from "@mas/core/config";
import { openPayment } from "./domain/intents";
import { getPayment } from "./domain/repository";
import { paymentIdFor } from "./domain/status";
import { siteLinks } from "@mas/core/links";

/**
 * Demo data for `npm start`: the deposits of the demo clients' seeded appointments, paid
 * through the fake Stripe with its test Visa (server-side confirmation), so the client
 * portal's receipts and the owner's payments list and totals have something to show.
 * Idempotent: a deposit already recorded is left alone.
 */
export async function seedPaymentsDemo(clientEmails: string[], now = new Date()): Promise<number> {
  let paid = 0;
  for (const email of clientEmails) {
    const user = await findUserByEmail(email);
    if (!user) continue;
    const appointments = await appointmentsOfClient(user.userId);
    for (const appointment of appointments) {
      const deposit = appointment.depositPaidInPence ?? 0;
      if (deposit <= 0 || (await getPayment(paymentIdFor("deposit", appointment.appointmentId)))) continue;
      await openPayment({
        kind: "deposit",
        subjectId: appointment.appointmentId,
        subject: {
          userId: user.userId,
          amountInPence: deposit,
          description: "Appointment deposit",
          returnUrl: siteLinks(config.siteUrl()).bookingConfirmation(appointment.appointmentId),
          saveCardForOffSession: true,
        },
        charge: { paymentMethodId: "pm_card_visa", offSession: false },
        now,
      });
      paid++;
    }
  }
  return paid;
}
