import { TIME_ZONE } from "@mas/core/config";
import { siteLinks } from "@mas/core/links";
import type { MergeData } from "./fields";
import { emailLayout, textFooter, type PracticeDetails } from "./layout";
import { renderContent, type TemplateContent } from "./render";
import type { TemplateDefinition } from "./templates";

export interface ComposedEmail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

export interface UnsubscribeLink {
  /** HTTPS endpoint answering RFC 8058 one-click POSTs (and a confirmation page on GET). */
  url: string;
  mailto: string;
}

/**
 * Renders a template (the owner's override if any, else the default) for one recipient and
 * wraps it in the branded layout. Marketing mail must carry an unsubscribe: the link in
 * the footer and the RFC 8058 headers that give mail clients a one-click button.
 */
export function composeEmail(input: {
  definition: TemplateDefinition;
  override?: TemplateContent;
  data: MergeData;
  practice: PracticeDetails;
  unsubscribe?: UnsubscribeLink;
  timeZone?: string;
}): ComposedEmail {
  const { definition, practice, unsubscribe } = input;
  if (definition.purpose === "marketing" && !unsubscribe) throw new Error(`${definition.key} is marketing mail and needs an unsubscribe link`);
  const data: MergeData = {
    ...input.data,
    practice: { name: practice.name, email: practice.email, phone: practice.phone, address: practice.address },
    links: { site: siteLinks(practice.siteUrl).site(), account: siteLinks(practice.siteUrl).account(), ...input.data.links, ...(unsubscribe ? { unsubscribe: unsubscribe.url } : {}) },
  };
  const timeZone = input.timeZone ?? TIME_ZONE;
  const rendered = renderContent(input.override ?? definition.content, data, timeZone);
  const preheader = renderContent({ subject: definition.preheader, html: "", text: "" }, data, timeZone).subject;
  const headers: Record<string, string> = {};
  if (unsubscribe) {
    headers["List-Unsubscribe"] = `<${unsubscribe.url}>, <${unsubscribe.mailto}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return {
    subject: rendered.subject,
    html: emailLayout({ bodyHtml: rendered.html, subject: rendered.subject, preheader, practice, unsubscribeUrl: unsubscribe?.url }),
    text: `${rendered.text.trim()}\n\n${textFooter(practice, unsubscribe?.url)}\n`,
    headers,
  };
}

/** Ids the preview's links carry (they open nothing real: the preview shows where links go). */
const SAMPLE_IDS = { appointment: "01SAMPLEAPPOINTMENT", enrollment: "01SAMPLEENROLMENT", waitlist: "01SAMPLEWAITLIST", document: "01SAMPLEDOCUMENT" };

/** Data for the owner's preview: every field filled with something plausible. */
export function sampleMergeData(siteUrl: string, now: Date): MergeData {
  const links = siteLinks(siteUrl);
  const start = new Date(now.getTime() + 3 * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  const end = new Date(start.getTime() + 45 * 60_000);
  return {
    client: { firstName: "Amelia", email: "amelia@example.com" },
    appointment: {
      start: start.toISOString(),
      end: end.toISOString(),
      previousStart: new Date(start.getTime() - 86_400_000).toISOString(),
      cancellationReason: "",
      fee: "£0.00",
      deposit: "£50.00",
    },
    service: { name: "Anti-wrinkle, three areas", category: "anti-wrinkle", preparation: "Avoid alcohol for 24 hours before." },
    course: { title: "Foundation Botulinum Toxin Training", progressPercent: 40 },
    payment: { amount: "£250.00", refunded: "£250.00", purpose: "your deposit", reason: "Your bank declined the payment." },
    reset: { expiresAt: new Date(now.getTime() + 3_600_000).toISOString() },
    signIn: { failures: "10", since: new Date(now.getTime() - 600_000).toISOString() },
    waitlist: { start: start.toISOString(), offerExpiresAt: new Date(now.getTime() + 2 * 3_600_000).toISOString() },
    document: { title: "consent form" },
    certificate: { verificationCode: "MAS-7F3K-29QX" },
    booking: { clientName: "Amelia Hart" },
    campaign: { headline: "Spring skin evenings", body: "Join us for an evening of skin consultations.\nLimited places." },
    links: {
      manageBooking: links.appointment(SAMPLE_IDS.appointment),
      adminAppointment: links.adminAppointment(SAMPLE_IDS.appointment),
      rebook: links.book("anti-wrinkle-three-areas"),
      review: links.review(SAMPLE_IDS.appointment),
      course: links.enrollment(SAMPLE_IDS.enrollment),
      payment: links.payments(),
      resetPassword: links.resetPassword("sample"),
      forgotPassword: links.forgotPassword(),
      claimOffer: links.waitlistOffer(SAMPLE_IDS.waitlist),
      document: links.document(SAMPLE_IDS.document),
      certificate: links.certificate("MAS-7F3K-29QX"),
      campaign: links.site(),
    },
  };
}
