import type { NewTemplate } from "./templates";

/**
 * Built-in wording used until the owner writes their own: the general consent form (for a
 * treatment category without a template of its own) and the course certificate. Stored as
 * version 1 the first time they are needed, so documents always point at a stored version.
 */
const consentSections = [
  { heading: "About you", body: "Client: {{clientName}}\nDate of birth: {{clientDateOfBirth}}" },
  { heading: "Your treatment", body: "{{treatment}} with {{practitioner}} at {{clinicName}} on {{appointmentDate}}." },
  { heading: "Risks and side effects", body: "{{risks}}" },
  { heading: "Aftercare", body: "{{aftercare}}" },
  {
    heading: "Your consent",
    body: "I confirm that the information I have given about my health is true and complete, that the treatment, its alternatives, risks and expected results have been explained to me, and that I may withdraw my consent at any time before the treatment.",
  },
];

export const CONSENT_FIELDS = ["clientName", "clientDateOfBirth", "treatment", "practitioner", "clinicName", "appointmentDate", "risks", "aftercare"];

export const GENERAL_CONSENT: NewTemplate = {
  kind: "consent",
  category: "general",
  title: "Consent to treatment: {{treatment}}",
  sections: consentSections,
  mergeFields: CONSENT_FIELDS,
  risks: "Redness, swelling, tenderness or bruising at the treatment site, usually settling within days. Rarely: infection, an allergic reaction, or a result that differs from what was hoped for.",
  aftercare: "Keep the area clean, avoid make-up, strenuous exercise, saunas and alcohol for 24 hours, and contact the clinic if anything worries you.",
};

/** Category-specific consent wording for the demo menu (seeded; the owner edits them as new versions). */
export const CATEGORY_CONSENTS: NewTemplate[] = [
  {
    ...GENERAL_CONSENT,
    category: "dermal-filler",
    title: "Consent to dermal filler treatment: {{treatment}}",
    risks: "Swelling, bruising, tenderness and lumps that usually settle within two weeks; asymmetry; rarely infection, a delayed inflammatory reaction, or vascular occlusion (a blocked blood vessel), which needs urgent treatment with hyaluronidase.",
    aftercare: "Do not massage the area unless told to; avoid make-up for 12 hours, and heat, exercise and alcohol for 24 hours. Call the clinic at once if you notice blanching, severe pain or colour change.",
  },
  {
    ...GENERAL_CONSENT,
    category: "anti-wrinkle",
    title: "Consent to anti-wrinkle injections: {{treatment}}",
    risks: "Headache, bruising and tenderness at injection sites; rarely a drooping eyelid or brow for a few weeks; results take 10–14 days and last around three to four months.",
    aftercare: "Stay upright for four hours, do not rub the area, avoid exercise, heat and alcohol for 24 hours. Your review is at two weeks.",
  },
  {
    ...GENERAL_CONSENT,
    category: "skin-booster",
    title: "Consent to skin booster treatment: {{treatment}}",
    risks: "Small bumps at injection points for up to 48 hours, redness, swelling and bruising; rarely infection or an allergic reaction.",
    aftercare: "Avoid make-up for 12 hours and heat, exercise and alcohol for 24 hours. The second session is four weeks after the first.",
  },
  {
    ...GENERAL_CONSENT,
    category: "chemical-peel",
    title: "Consent to a chemical peel: {{treatment}}",
    risks: "Stinging, redness, peeling and sensitivity for several days; rarely pigment changes, blistering or scarring. A patch test is required at least 48 hours before.",
    aftercare: "Use SPF 50 daily, do not pick peeling skin, avoid active skincare (retinoids, acids) for a week.",
  },
  {
    ...GENERAL_CONSENT,
    category: "microneedling",
    title: "Consent to microneedling: {{treatment}}",
    risks: "Redness like sunburn for up to 72 hours, pinpoint bleeding, dryness and flaking; rarely infection or pigment change.",
    aftercare: "No make-up for 24 hours, gentle cleansing only, SPF 50 daily, avoid exercise, saunas and swimming for 48 hours.",
  },
];

export const DEFAULT_CERTIFICATE: NewTemplate = {
  kind: "certificate",
  category: "course",
  title: "Certificate of completion",
  sections: [
    { heading: "{{holderName}}", body: "has successfully completed" },
    { heading: "{{courseTitle}}", body: "Issued on {{issuedDate}} by {{clinicName}}." },
  ],
  mergeFields: ["holderName", "courseTitle", "issuedDate", "clinicName"],
};
