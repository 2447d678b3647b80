import { template, type TemplateDefinition } from "./define";

/** Transactional mail about accounts, payments, the waitlist and documents. */
const hello = { p: "Hello {{client.firstName}}," };

export const accountTemplates: TemplateDefinition[] = [
  template({
    key: "account.welcome",
    name: "Welcome",
    fields: ["links.forgotPassword"],
    subject: "Welcome to {{practice.name}}",
    preheader: "Your account is ready: appointments, records and receipts in one place.",
    blocks: [
      hello,
      { p: "Thank you for joining {{practice.name}}. Your account is ready: in it you can book and manage appointments, keep your medical history up to date, follow your courses, and find your receipts and aftercare advice." },
      { p: "You sign in with this email address, {{client.email}}." },
      { button: { label: "Go to your account", href: "{{links.account}}" } },
      { note: "Did we set up your account for you at the clinic? Choose your password first: {{links.forgotPassword}}" },
      { note: "Questions before your visit? Call us on {{practice.phone}} or reply to this email." },
    ],
  }),
  template({
    key: "account.password-reset",
    name: "Password reset",
    fields: ["reset.expiresAt", "links.resetPassword"],
    subject: "Reset your {{practice.name}} password",
    preheader: "Use this link to choose a new password.",
    blocks: [
      hello,
      { p: "Someone (hopefully you) asked to reset your password. The link works once and expires at {{reset.expiresAt|time}} on {{reset.expiresAt|date}}." },
      { button: { label: "Choose a new password", href: "{{links.resetPassword}}" } },
      { note: "If you did not ask for this, ignore this email: your password stays as it is." },
    ],
  }),
  template({
    key: "account.sign-in-attempts",
    name: "Sign-in attempts",
    fields: ["signIn.failures", "signIn.since", "links.forgotPassword"],
    subject: "Someone is trying to sign in to your {{practice.name}} account",
    preheader: "If it was not you, your account is still safe.",
    blocks: [
      hello,
      { p: "There have been {{signIn.failures}} unsuccessful attempts to sign in to your account since {{signIn.since|time}} on {{signIn.since|date}}." },
      { p: "If that was you, you can choose a new password now. If it was not, you need do nothing: whoever it is has been slowed down, and you can still sign in as usual." },
      { button: { label: "Reset my password", href: "{{links.forgotPassword}}" } },
      { note: "We never ask for your password by email or phone." },
    ],
  }),
  template({
    key: "payment.receipt",
    name: "Payment receipt",
    fields: ["payment.amount", "payment.purpose", "links.payment"],
    subject: "Receipt: {{payment.amount}} paid to {{practice.name}}",
    preheader: "Thank you for your payment.",
    blocks: [hello, { p: "We have received your payment of {{payment.amount}} for {{payment.purpose}}. Thank you." }, { button: { label: "View in your account", href: "{{links.payment}}" } }],
  }),
  template({
    key: "payment.failed",
    name: "Payment failed",
    fields: ["payment.amount", "payment.purpose", "payment.reason", "links.payment"],
    subject: "Your payment of {{payment.amount}} did not go through",
    preheader: "Please try again to keep your booking.",
    blocks: [
      hello,
      { p: "Your payment of {{payment.amount}} for {{payment.purpose}} did not go through. {{payment.reason}}" },
      { p: "No money has been taken. Please try again, or use another card." },
      { button: { label: "Try again", href: "{{links.payment}}" } },
    ],
  }),
  template({
    key: "payment.refunded",
    name: "Refund issued",
    fields: ["payment.amount", "payment.refunded", "payment.purpose", "links.payment"],
    subject: "Refund of {{payment.refunded}} on its way",
    preheader: "Your refund has been issued.",
    blocks: [hello, { p: "We have refunded {{payment.refunded}} of your {{payment.amount}} payment for {{payment.purpose}}. It reaches your card within 5–10 working days." }],
  }),
  template({
    key: "waitlist.offer",
    name: "Waitlist offer",
    fields: ["service.name", "waitlist.start", "waitlist.offerExpiresAt", "links.claimOffer"],
    subject: "A slot opened up: {{service.name}} on {{waitlist.start|date}}",
    preheader: "First come, first served.",
    blocks: [
      hello,
      { p: "Good news: a {{service.name}} appointment opened up on {{waitlist.start|date}} at {{waitlist.start|time}}." },
      { p: "It is yours if you claim it before {{waitlist.offerExpiresAt|time}} on {{waitlist.offerExpiresAt|date}}." },
      { button: { label: "Claim this slot", href: "{{links.claimOffer}}" } },
    ],
  }),
  template({
    key: "document.to-sign",
    name: "Document to sign",
    fields: ["document.title", "links.document"],
    subject: "Please sign: {{document.title}}",
    preheader: "A document is waiting for your signature.",
    blocks: [
      hello,
      { p: "Your {{document.title}} is ready. Please read and sign it before your appointment; it takes a couple of minutes." },
      { button: { label: "Read and sign", href: "{{links.document}}" } },
    ],
  }),
  template({
    key: "document.signed",
    name: "Document signed",
    fields: ["document.title", "links.document"],
    subject: "Signed: {{document.title}}",
    preheader: "A copy is in your account.",
    blocks: [hello, { p: "Thank you for signing your {{document.title}}. A copy is kept in your account." }, { button: { label: "View the document", href: "{{links.document}}" } }],
  }),
];
