import type { MergeField } from "../fields";
import { template, type TemplateDefinition } from "./define";

/** Templates of the booking workflow: confirmation now, then the scheduled steps. */
const APPOINTMENT: readonly MergeField[] = ["appointment.start", "appointment.end", "service.name", "service.category", "links.manageBooking"];
const PREPARATION: readonly MergeField[] = [...APPOINTMENT, "service.preparation"];

const hello = { p: "Hello {{client.firstName}}," };
const when = { list: ["Treatment: {{service.name}}", "Date: {{appointment.start|date}}", "Time: {{appointment.start|time}}", "Where: {{practice.address}}"] };
const manage = { button: { label: "Manage your booking", href: "{{links.manageBooking}}" } };

export const bookingTemplates: TemplateDefinition[] = [
  template({
    key: "appointment.confirmation",
    name: "Booking confirmation",
    fields: [...APPOINTMENT, "appointment.deposit"],
    subject: "Booked: {{service.name}} on {{appointment.start|date}}",
    preheader: "Your appointment is confirmed. The calendar invite is attached.",
    blocks: [
      { heading: "Your appointment is confirmed" },
      hello,
      { p: "Thank you for booking with {{practice.name}}. Here are the details:" },
      when,
      { p: "Deposit paid: {{appointment.deposit}}. A calendar invite is attached to this email." },
      manage,
      { note: "Need to change or cancel? Please let us know at least 48 hours before, as set out in our cancellation policy." },
    ],
  }),
  template({
    key: "appointment.prep",
    name: "Preparation advice (48 hours before)",
    fields: PREPARATION,
    subject: "Getting ready for your {{service.name}}",
    preheader: "A few things to do before your appointment.",
    blocks: [
      { heading: "Getting ready for your appointment" },
      hello,
      { p: "Your {{service.name}} is on {{appointment.start|date}} at {{appointment.start|time}}. To get the best result:" },
      { p: "{{service.preparation}}" },
      { p: "Please arrive make-up free and a few minutes early. If anything about your health or medication has changed since you booked, tell us before the appointment." },
      manage,
    ],
  }),
  template({
    key: "appointment.reminder",
    name: "Reminder (24 hours before)",
    fields: APPOINTMENT,
    subject: "See you tomorrow at {{appointment.start|time}}",
    preheader: "A reminder of your appointment tomorrow.",
    blocks: [{ heading: "See you tomorrow" }, hello, { p: "This is a reminder of your appointment:" }, when, manage],
  }),
  template({
    key: "appointment.checkin",
    name: "Check-in (2 hours before)",
    fields: APPOINTMENT,
    subject: "Today at {{appointment.start|time}}: {{service.name}}",
    preheader: "Your appointment is in a couple of hours.",
    blocks: [
      { heading: "See you soon" },
      hello,
      { p: "Your {{service.name}} is today at {{appointment.start|time}} at {{practice.address}}." },
      { p: "Running late or unwell? Call us on {{practice.phone}}." },
    ],
  }),
  template({
    key: "appointment.rescheduled",
    name: "Booking moved",
    fields: [...APPOINTMENT, "appointment.previousStart"],
    subject: "Moved: {{service.name}} is now on {{appointment.start|date}}",
    preheader: "Your appointment has a new time.",
    blocks: [
      { heading: "Your appointment has moved" },
      hello,
      { p: "Your {{service.name}} has moved from {{appointment.previousStart}} to the new time below." },
      when,
      manage,
    ],
  }),
  template({
    key: "appointment.cancelled",
    name: "Booking cancelled",
    fields: [...APPOINTMENT, "appointment.cancellationReason", "appointment.fee"],
    subject: "Cancelled: {{service.name}} on {{appointment.start|date}}",
    preheader: "Your appointment has been cancelled.",
    blocks: [
      { heading: "Your appointment is cancelled" },
      hello,
      { p: "Your {{service.name}} on {{appointment.start|date}} at {{appointment.start|time}} has been cancelled. {{appointment.cancellationReason}}" },
      { p: "Cancellation fee: {{appointment.fee}}. Any refund due goes back to your card within 5–10 working days." },
      { button: { label: "Book another time", href: "{{links.site}}" } },
    ],
  }),
];

/** Per-treatment aftercare: what the practitioner would tell the client at the door. */
const AFTERCARE: Record<string, { name: string; advice: string[] }> = {
  "anti-wrinkle": {
    name: "anti-wrinkle treatment",
    advice: [
      "Stay upright for 4 hours and do not rub or massage the treated areas.",
      "Avoid strenuous exercise, saunas and alcohol for 24 hours.",
      "Results appear over 3–14 days; we review at two weeks if you need a top-up.",
    ],
  },
  "dermal-filler": {
    name: "dermal filler",
    advice: [
      "Swelling and tenderness are normal for a few days; a cold compress helps.",
      "Avoid make-up for 12 hours, and exercise, heat and alcohol for 48 hours.",
      "Call us at once if you notice pale or mottled skin, severe pain or changes in vision.",
    ],
  },
  "skin-booster": {
    name: "skin booster",
    advice: [
      "Small bumps at the injection points settle within 24–48 hours.",
      "Avoid make-up for 12 hours, and saunas, sun beds and strong sun for 48 hours.",
      "Drink plenty of water: results build over the following weeks.",
    ],
  },
  "chemical-peel": {
    name: "chemical peel",
    advice: [
      "Do not pick peeling skin; let it shed on its own.",
      "Use a gentle cleanser and SPF 50 every day, and stay out of strong sun.",
      "No retinol, acids or scrubs for 7 days.",
    ],
  },
  microneedling: {
    name: "microneedling",
    advice: [
      "Redness like mild sunburn is normal for 24–48 hours.",
      "No make-up for 24 hours, no exercise or swimming for 24 hours, SPF 50 daily.",
      "No retinol or acids for 5 days.",
    ],
  },
  general: {
    name: "treatment",
    advice: ["Keep the area clean and avoid heat and strenuous exercise for 24 hours.", "Contact us if anything worries you."],
  },
};

export function aftercareTemplateKey(category: string): string {
  return `appointment.aftercare.${Object.hasOwn(AFTERCARE, category) ? category : "general"}`;
}

export const aftercareTemplates: TemplateDefinition[] = Object.entries(AFTERCARE).map(([category, care]) =>
  template({
    key: `appointment.aftercare.${category}`,
    name: `Aftercare: ${care.name} (24 hours after)`,
    fields: APPOINTMENT,
    subject: "Looking after your skin after your {{service.name}}",
    preheader: "Aftercare for the next few days.",
    blocks: [
      { heading: "Your aftercare" },
      hello,
      { p: "Thank you for coming in yesterday. To get the best from your {{service.name}}:" },
      { list: care.advice },
      { note: "Any concerns? Reply to this email or call {{practice.phone}}. In an emergency call 999." },
    ],
  }),
);

/** Pre-visit advice by treatment category, merged as `service.preparation`. */
const PREPARATION_ADVICE: Record<string, string> = {
  "anti-wrinkle": "Avoid alcohol and, unless prescribed, aspirin or ibuprofen for 24 hours before, to reduce bruising.",
  "dermal-filler": "Avoid alcohol, aspirin, ibuprofen and fish oil for 48 hours before, and dental work for two weeks either side.",
  "skin-booster": "Avoid alcohol and blood-thinning supplements for 24 hours before.",
  "chemical-peel": "Stop retinol and exfoliating acids 7 days before, and avoid waxing and strong sun for a week.",
  microneedling: "Stop retinol and acids 5 days before, and avoid sunburn: we cannot treat burnt skin.",
  consultation: "Bring a list of any medication you take and photos of past treatments if you have them.",
};

export function preparationAdvice(category: string): string {
  return PREPARATION_ADVICE[category] ?? "Please avoid alcohol for 24 hours before.";
}
