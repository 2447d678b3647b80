import type { MergeField } from "../fields";
import { template, type TemplateDefinition } from "./define";

/** Mail sent only with marketing consent, each with a one-click unsubscribe. */
const AFTER_VISIT: readonly MergeField[] = ["appointment.start", "service.name", "service.category"];

export const CAMPAIGN_TEMPLATE_KEY = "campaign.standard";

export const marketingTemplates: TemplateDefinition[] = [
  template({
    key: "appointment.review",
    name: "Review request (7 days after)",
    purpose: "marketing",
    fields: [...AFTER_VISIT, "links.review"],
    subject: "How was your {{service.name}}, {{client.firstName}}?",
    preheader: "Two minutes to tell us how it went.",
    blocks: [
      { heading: "How did we do?" },
      { p: "Hello {{client.firstName}}," },
      { p: "It has been a week since your {{service.name}}. We would love to know how you feel about the result and your visit." },
      { button: { label: "Leave a review", href: "{{links.review}}" } },
    ],
  }),
  template({
    key: "appointment.rebook",
    name: "Rebooking offer (recall interval after)",
    purpose: "marketing",
    fields: [...AFTER_VISIT, "links.rebook"],
    subject: "Time for your next {{service.name}}?",
    preheader: "Keep your results going.",
    blocks: [
      { heading: "Ready for your next visit?" },
      { p: "Hello {{client.firstName}}," },
      { p: "Your last {{service.name}} was on {{appointment.start|date}}. Now is a good time to book your next one to keep your results at their best." },
      { button: { label: "Book now", href: "{{links.rebook}}" } },
    ],
  }),
  template({
    key: CAMPAIGN_TEMPLATE_KEY,
    name: "Campaign wrapper",
    purpose: "marketing",
    fields: ["campaign.headline", "campaign.body", "links.campaign"],
    subject: "{{campaign.headline}}",
    preheader: "News from {{practice.name}}",
    blocks: [
      { heading: "{{campaign.headline}}" },
      { p: "Hello {{client.firstName}}," },
      { p: "{{campaign.body}}" },
      { button: { label: "Find out more", href: "{{links.campaign}}" } },
    ],
  }),
];
