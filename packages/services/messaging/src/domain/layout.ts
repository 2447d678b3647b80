import { escapeHtml } from "./render";

/**
 * The branded email shell and the building blocks default templates are written in.
 * Email clients (Outlook, Gmail) ignore most CSS: layout is nested tables, styles are
 * inline, width 600px that shrinks on phones, dark text on a light background, and a
 * hidden preheader. Nothing here depends on images, so a client that blocks them still
 * shows the whole message.
 */
export type { PracticeDetails } from "@mas/core/practice";
import type { PracticeDetails } from "@mas/core/practice";
import { siteLinks } from "@mas/core/links";

import { BRAND_COLOURS } from "@mas/core/brand";

/** The site's colours (core's one definition), named for their place in the mail. */
const BRAND = { ink: BRAND_COLOURS.ink, muted: BRAND_COLOURS.inkSoft, accent: BRAND_COLOURS.accent, page: BRAND_COLOURS.paper, card: BRAND_COLOURS.surface, rule: BRAND_COLOURS.line };
const FONT = "font-family:Georgia,'Times New Roman',serif;";
const SANS = "font-family:Helvetica,Arial,sans-serif;";

export type Block =
  | { heading: string }
  | { p: string }
  | { list: string[] }
  | { button: { label: string; href: string } }
  | { note: string };

const TAG = /(\{\{[^{}]*\}\})/;

/** Escapes authored text but leaves merge tags for the renderer (which escapes their values). */
function escapeAuthored(text: string): string {
  return text
    .split(TAG)
    .map((segment) => (TAG.test(segment) ? segment : escapeHtml(segment)))
    .join("");
}

export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if ("heading" in block) return `<h1 style="margin:0 0 16px;${FONT}font-size:24px;line-height:32px;font-weight:normal;color:${BRAND.ink};">${escapeAuthored(block.heading)}</h1>`;
      if ("p" in block) return `<p style="margin:0 0 16px;${SANS}font-size:16px;line-height:24px;color:${BRAND.ink};">${escapeAuthored(block.p)}</p>`;
      if ("note" in block) return `<p style="margin:0 0 16px;${SANS}font-size:14px;line-height:20px;color:${BRAND.muted};">${escapeAuthored(block.note)}</p>`;
      if ("list" in block) {
        const items = block.list.map((item) => `<li style="margin:0 0 8px;">${escapeAuthored(item)}</li>`).join("");
        return `<ul style="margin:0 0 16px;padding-left:20px;${SANS}font-size:16px;line-height:24px;color:${BRAND.ink};">${items}</ul>`;
      }
      return [
        `<table role="presentation" cellspacing="0" cellpadding="0" border="0" style="margin:8px 0 24px;"><tr>`,
        `<td style="border-radius:6px;background-color:${BRAND.accent};">`,
        `<a href="${escapeAuthored(block.button.href)}" style="display:inline-block;padding:12px 24px;${SANS}font-size:16px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">${escapeAuthored(block.button.label)}</a>`,
        `</td></tr></table>`,
      ].join("");
    })
    .join("\n");
}

export function blocksToText(blocks: readonly Block[]): string {
  return blocks
    .map((block) => {
      if ("heading" in block) return block.heading;
      if ("p" in block) return block.p;
      if ("note" in block) return block.note;
      if ("list" in block) return block.list.map((item) => `- ${item}`).join("\n");
      return `${block.button.label}: ${block.button.href}`;
    })
    .join("\n\n");
}

export interface LayoutInput {
  /** Rendered body (already escaped). */
  bodyHtml: string;
  subject: string;
  preheader: string;
  practice: PracticeDetails;
  /** Present on marketing mail only. */
  unsubscribeUrl?: string;
}

/** Wraps a rendered body in the branded, responsive shell. */
export function emailLayout(input: LayoutInput): string {
  const { practice } = input;
  const e = escapeHtml;
  const footer = [
    `${e(practice.name)} · ${e(practice.address)}`,
    `<a href="mailto:${e(practice.email)}" style="color:${BRAND.muted};">${e(practice.email)}</a> · ${e(practice.phone)}`,
    input.unsubscribeUrl
      ? `You are receiving this because you agreed to hear from us. <a href="${e(input.unsubscribeUrl)}" style="color:${BRAND.muted};">Unsubscribe</a>`
      : `You are receiving this because of your booking, course or account with us.`,
  ];
  return `<!DOCTYPE html>
<html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${e(input.subject)}</title>
<style>@media only screen and (max-width:620px) { .card { width:100% !important; } .pad { padding:24px 20px !important; } }</style>
</head>
<body style="margin:0;padding:0;background-color:${BRAND.page};">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${e(input.preheader)}</div>
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background-color:${BRAND.page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="card" width="600" cellspacing="0" cellpadding="0" border="0" style="width:600px;max-width:600px;background-color:${BRAND.card};border:1px solid ${BRAND.rule};border-radius:8px;">
<tr><td style="padding:24px 40px;border-bottom:1px solid ${BRAND.rule};">
<a href="${e(siteLinks(practice.siteUrl).site())}" style="${FONT}font-size:22px;line-height:28px;letter-spacing:1px;color:${BRAND.accent};text-decoration:none;">${e(practice.name)}</a>
</td></tr>
<tr><td class="pad" style="padding:32px 40px;">
${input.bodyHtml}
</td></tr>
<tr><td style="padding:20px 40px;border-top:1px solid ${BRAND.rule};${SANS}font-size:12px;line-height:18px;color:${BRAND.muted};">
${footer.join("<br>\n")}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}

export function textFooter(practice: PracticeDetails, unsubscribeUrl?: string): string {
  const lines = ["--", practice.name, practice.address, `${practice.email} · ${practice.phone}`];
  if (unsubscribeUrl) lines.push(`Unsubscribe: ${unsubscribeUrl}`);
  return lines.join("\n");
}
