import { findAppointment } from "@mas/booking/read";
import { courseFeeFor } from "@mas/learning/read";
import { db } from "../entities";
import { unprocessable } from "@mas/core/errors";
import { MINIMUM_CHARGE_IN_PENCE } from "./policy";
import { getPayment } from "./repository";
import { inPersonPaymentIdFor, isPaid, paymentIdFor, type PaymentKind } from "./status";
import { siteLinks } from "@mas/core/links";

/**
 * What a payment is for, resolved on the server: who owes it, how much, and whether it can
 * be paid now. One resolver per kind, registered here:
 *
 * - `deposit` → an Appointment (booking's entity, read only): the client's own, still
 *   `pending_deposit` with its hold not lapsed; amount `depositInPence`; the card is saved
 *   for the no-show mandate.
 * - `fee` → a fee payments itself raised (no-show remainder) that could not be charged
 *   off-session: the client pays it on-session with the same intent.
 * - `balance` → an Appointment, confirmed or completed: its price less the deposit paid,
 *   taken on the day (the owner's card payment at the desk, or the client's own).
 * - `course_fee` → an Enrollment (learning's, read through `@mas/learning/read`): the
 *   student's own, still `pending_payment` with its hold not lapsed; amount the course
 *   price learning recorded at enrolment (never from the client).
 */
export interface PaymentSubject {
  /** The user who owes the payment; anyone else is told the subject does not exist. */
  userId: string;
  amountInPence: number;
  /** Shown on the card statement's receipt; keep it free of treatment or health details. */
  description: string;
  /** Where the checkout returns to. */
  returnUrl: string;
  /** Save the card with `setup_future_usage: "off_session"` under NO_SHOW_MANDATE. */
  saveCardForOffSession: boolean;
  /** Undefined when payable now, else why not (409 `payments.subject_not_payable`). */
  notPayableBecause?: string;
}

export interface PaymentSubjectResolver {
  /** `siteUrl`: where the site is, from the service edge (return URLs are built with core's link builder). */
  resolve(subjectId: string, now: Date, siteUrl: string): Promise<PaymentSubject | undefined>;
}

const resolvers = new Map<PaymentKind, PaymentSubjectResolver>();

export function registerPaymentSubject(kind: PaymentKind, resolver: PaymentSubjectResolver): void {
  const existing = resolvers.get(kind);
  if (existing && existing !== resolver) throw new Error(`A payment subject resolver for "${kind}" is registered twice`);
  resolvers.set(kind, resolver);
}

export function paymentSubjectResolver(kind: PaymentKind): PaymentSubjectResolver {
  const resolver = resolvers.get(kind);
  if (!resolver) throw unprocessable("payments.unsupported_subject", `Payments for ${kind.replace("_", " ")}s are not available yet`);
  return resolver;
}

registerPaymentSubject("deposit", {
  async resolve(appointmentId, now, siteUrl) {
    const appointment = await findAppointment(appointmentId);
    if (!appointment) return undefined;
    const holdLapsed = appointment.holdExpiresAt !== undefined && Date.parse(appointment.holdExpiresAt) <= now.getTime();
    const notPayableBecause =
      appointment.status !== "pending_deposit"
        ? `This appointment is ${appointment.status.replace("_", " ")}, not awaiting a deposit`
        : holdLapsed
          ? "This booking's hold has lapsed; please book again"
          : appointment.depositInPence < MINIMUM_CHARGE_IN_PENCE
            ? "This appointment needs no deposit"
            : undefined;
    return {
      userId: appointment.clientId,
      amountInPence: appointment.depositInPence,
      description: "Appointment deposit",
      returnUrl: siteLinks(siteUrl).bookingConfirmation(appointmentId),
      saveCardForOffSession: true,
      ...(notPayableBecause ? { notPayableBecause } : {}),
    };
  },
});

registerPaymentSubject("fee", {
  async resolve(appointmentId, _now, siteUrl) {
    const fee = await getPayment(paymentIdFor("fee", appointmentId));
    if (!fee) return undefined;
    return {
      userId: fee.userId,
      amountInPence: fee.amountInPence,
      description: fee.description,
      returnUrl: siteLinks(siteUrl).payments(),
      saveCardForOffSession: false,
    };
  },
});

/** What is left of a treatment's price on the day: payable once confirmed, until paid (online or in person). */
registerPaymentSubject("balance", {
  async resolve(appointmentId, _now, siteUrl) {
    const appointment = await findAppointment(appointmentId);
    if (!appointment) return undefined;
    const amountInPence = Math.max(0, appointment.priceInPence - (appointment.depositPaidInPence ?? 0));
    const inPerson = await getPayment(inPersonPaymentIdFor("balance", appointmentId));
    const notPayableBecause = !["confirmed", "completed"].includes(appointment.status)
      ? `This appointment is ${appointment.status.replace("_", " ")}; the balance is taken once it is confirmed`
      : inPerson && isPaid(inPerson.status)
        ? "The balance has already been paid"
        : amountInPence < MINIMUM_CHARGE_IN_PENCE
          ? "Nothing is left to pay for this appointment"
          : undefined;
    return {
      userId: appointment.clientId,
      amountInPence,
      description: "Treatment balance",
      returnUrl: siteLinks(siteUrl).payments(),
      saveCardForOffSession: false,
      ...(notPayableBecause ? { notPayableBecause } : {}),
    };
  },
});

registerPaymentSubject("course_fee", {
  async resolve(enrollmentId, now, siteUrl) {
    const fee = await courseFeeFor(enrollmentId, now);
    if (!fee) return undefined;
    const notPayableBecause = fee.notPayableBecause ?? (fee.amountInPence < MINIMUM_CHARGE_IN_PENCE ? "This course needs no payment" : undefined);
    return {
      userId: fee.userId,
      amountInPence: fee.amountInPence,
      description: "Course fee",
      returnUrl: `${siteUrl}/learn/${encodeURIComponent(enrollmentId)}`,
      saveCardForOffSession: false,
      ...(notPayableBecause ? { notPayableBecause } : {}),
    };
  },
});
