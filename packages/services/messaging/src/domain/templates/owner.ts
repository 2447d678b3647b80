import type { MergeField } from "../fields";
import { template, type TemplateDefinition } from "./define";

/**
 * The owner's alerts by email (her choice per alert in the clinic settings): a new booking,
 * a cancellation, a booking waiting for her review. Written to her ("client.firstName" is
 * the owner here); `booking.clientName` is whom the booking is for.
 */
const FIELDS: readonly MergeField[] = ["appointment.start", "appointment.end", "service.name", "booking.clientName", "links.adminAppointment"];
const details = { list: ["Client: {{booking.clientName}}", "Treatment: {{service.name}}", "Date: {{appointment.start|date}}", "Time: {{appointment.start|time}}"] };
const open = { button: { label: "Open in the diary", href: "{{links.adminAppointment}}" } };

export const OWNER_ALERT_TEMPLATES = { newBooking: "owner.new-booking", cancellation: "owner.cancellation", reviewNeeded: "owner.review-needed" } as const;

export const ownerTemplates: TemplateDefinition[] = [
  template({
    key: OWNER_ALERT_TEMPLATES.newBooking,
    name: "Owner alert: new booking",
    fields: FIELDS,
    subject: "New booking: {{booking.clientName}}, {{appointment.start|date}}",
    preheader: "A client booked.",
    blocks: [{ heading: "New booking" }, { p: "{{booking.clientName}} booked:" }, details, open],
  }),
  template({
    key: OWNER_ALERT_TEMPLATES.cancellation,
    name: "Owner alert: cancellation",
    fields: [...FIELDS, "appointment.cancellationReason"],
    subject: "Cancelled: {{booking.clientName}}, {{appointment.start|date}}",
    preheader: "A booking was cancelled; the time is free again.",
    blocks: [{ heading: "Booking cancelled" }, { p: "This booking was cancelled and its time is free again:" }, details, { p: "Reason given: {{appointment.cancellationReason}}" }, open],
  }),
  template({
    key: OWNER_ALERT_TEMPLATES.reviewNeeded,
    name: "Owner alert: booking to review",
    fields: FIELDS,
    subject: "To review: {{booking.clientName}}, {{appointment.start|date}}",
    preheader: "A booking waits for your review before it is confirmed.",
    blocks: [{ heading: "A booking to review" }, { p: "{{booking.clientName}} asked for this appointment; it is held until you accept or decline it:" }, details, open],
  }),
];
