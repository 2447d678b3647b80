import { getActiveUser } from "@mas/accounts/read";
import { loadOwnerAlerts, type OwnerAlert } from "@mas/booking/read";
import type { EventData } from "@mas/core/events/catalogue";
import type { Envelope } from "@mas/core/events/define";
import { siteLinks } from "@mas/core/links";
import { practiceDetails } from "@mas/core/practice";
import { appointmentMergeData } from "./booking-flow";
import { deliver, type DeliveryOutcome } from "./delivery";
import { textOwner, type SmsSettings, type TextOutcome } from "./sms/sending";
import type { TextKind } from "./sms/texts";
import { OWNER_ALERT_TEMPLATES } from "./templates/owner";

/**
 * The owner hears of a new booking (confirmed), a cancellation (not one she made herself)
 * and a booking waiting for her review, by mail or by text as she chose in the clinic
 * settings (booking's owner alerts, read when the event arrives). Each alert's message id
 * derives from the event id, so a redelivered event finds its message already sent and
 * sends nothing more.
 */
type AppointmentEvent = EventData<"appointment.confirmed">;
export type OwnerAlertOutcome = { status: "off" | "no_owner" } | DeliveryOutcome | TextOutcome;

const TEXT_KIND: Record<OwnerAlert, TextKind> = { newBooking: "owner.newBooking", cancellation: "owner.cancellation", reviewNeeded: "owner.reviewNeeded" };

async function clientNameOf(clientId: string): Promise<string> {
  const client = await getActiveUser(clientId);
  return client ? `${client.firstName} ${client.lastName ?? ""}`.trim() : "A client";
}

export async function alertOwner(alert: OwnerAlert, data: AppointmentEvent & { reason?: string }, envelope: Envelope, settings: SmsSettings): Promise<OwnerAlertOutcome> {
  const choice = await loadOwnerAlerts();
  const channel = choice.channels[alert];
  if (channel === "off") return { status: "off" };
  const owner = choice.ownerId ? await getActiveUser(choice.ownerId) : undefined;
  if (!owner || (channel === "sms" && !choice.mobile)) return { status: "no_owner" };
  const clientName = await clientNameOf(data.clientId);
  const link = siteLinks(practiceDetails().siteUrl).adminAppointment(data.appointmentId);
  const related = { type: "appointment", id: data.appointmentId };
  if (channel === "sms") {
    return textOwner(
      {
        messageId: `${envelope.id}.sms.owner.${alert}`,
        kind: TEXT_KIND[alert],
        userId: owner.userId,
        email: owner.email,
        firstName: owner.firstName,
        phone: choice.mobile!,
        data: { serviceName: data.serviceName, start: data.start, link, clientName },
        related,
      },
      settings,
    );
  }
  const merge = appointmentMergeData(data, { cancellationReason: data.reason ?? "" });
  return deliver({
    messageId: `${envelope.id}.owner.${alert}`,
    template: OWNER_ALERT_TEMPLATES[alert],
    recipient: { userId: owner.userId, email: owner.email, firstName: owner.firstName },
    data: { ...merge, booking: { clientName }, links: { ...merge.links, adminAppointment: link } },
    related,
  });
}

export const alertNewBooking = (data: AppointmentEvent, envelope: Envelope, settings: SmsSettings) => alertOwner("newBooking", data, envelope, settings);

/** A cancellation she made herself needs no alert. */
export async function alertCancellation(data: EventData<"appointment.cancelled">, envelope: Envelope, settings: SmsSettings): Promise<OwnerAlertOutcome> {
  if (data.cancelledBy === "owner") return { status: "off" };
  return alertOwner("cancellation", data, envelope, settings);
}

/** Held for her review (not a deposit hold: that is the client's to pay). */
export async function alertReviewNeeded(data: EventData<"appointment.requested">, envelope: Envelope, settings: SmsSettings): Promise<OwnerAlertOutcome> {
  if (data.status !== "pending_review") return { status: "off" };
  return alertOwner("reviewNeeded", data, envelope, settings);
}
