import { createElement as h, type ReactElement } from "react";
import { Document as PdfDocument, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { MergedDocument } from "./merge-fields";

export interface Clinic {
  name: string;
  address: string;
  phone: string;
}

export interface SignedBlock {
  typedName: string;
  image: Uint8Array;
  signedAt: string;
  ip: string;
  userAgent: string;
  consentStatement: string;
  inputsSha256: string;
  trail: { seq: number; action: string; at: string; actor: string; ip?: string; hash: string }[];
}

export interface ConsentPdfInput {
  clinic: Clinic;
  documentId: string;
  templateId: string;
  templateVersion: number;
  content: MergedDocument;
  /** Shown in the footer: "Generated 1 June 2026" etc. */
  generatedAt: string;
  signed?: SignedBlock;
}

export interface CertificatePdfInput {
  clinic: Clinic;
  content: MergedDocument;
  certificateNumber: string;
  verificationUrl: string;
  /** PNG of a QR code for `verificationUrl`. */
  qrPng: Uint8Array;
}

/**
 * PDFs with @react-pdf/renderer (built-in Helvetica: no font download). Written with
 * `createElement` rather than JSX so the service needs no JSX build step. Layout: brand
 * header, the merged sections, a signature block, page numbers in the footer; a signed
 * document adds an audit page (who, when, from where, the hashes, the trail).
 */
const styles = StyleSheet.create({
  page: { paddingTop: 40, paddingBottom: 56, paddingHorizontal: 48, fontSize: 10.5, fontFamily: "Helvetica", color: "#1f2328", lineHeight: 1.45 },
  brand: { flexDirection: "row", justifyContent: "space-between", borderBottomWidth: 1, borderBottomColor: "#7a5c61", paddingBottom: 8, marginBottom: 18 },
  brandName: { fontSize: 14, fontFamily: "Helvetica-Bold", color: "#7a5c61" },
  brandAddress: { fontSize: 8.5, color: "#57606a", textAlign: "right" },
  title: { fontSize: 17, fontFamily: "Helvetica-Bold", marginBottom: 12 },
  heading: { fontSize: 12, fontFamily: "Helvetica-Bold", marginTop: 10, marginBottom: 4 },
  small: { fontSize: 8.5, color: "#57606a" },
  signatureBox: { marginTop: 20, borderWidth: 1, borderColor: "#d0d7de", padding: 12 },
  signatureImage: { width: 200, height: 67, objectFit: "contain" },
  row: { flexDirection: "row", marginBottom: 3 },
  label: { width: 120, fontFamily: "Helvetica-Bold" },
  value: { flex: 1 },
  mono: { fontFamily: "Courier", fontSize: 8 },
  footer: { position: "absolute", bottom: 24, left: 48, right: 48, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: "#57606a" },
  certificate: { padding: 56, fontFamily: "Helvetica", textAlign: "center", color: "#1f2328" },
});

const brand = (clinic: Clinic) =>
  h(View, { style: styles.brand, fixed: true }, h(Text, { style: styles.brandName }, clinic.name), h(Text, { style: styles.brandAddress }, `${clinic.address}\n${clinic.phone}`));

const footer = (left: string) =>
  h(
    View,
    { style: styles.footer, fixed: true },
    h(Text, null, left),
    h(Text, { render: ({ pageNumber, totalPages }: { pageNumber: number; totalPages: number }) => `Page ${pageNumber} of ${totalPages}` }),
  );

const field = (label: string, value: string, mono = false) =>
  h(View, { style: styles.row }, h(Text, { style: styles.label }, label), h(Text, { style: mono ? [styles.value, styles.mono] : styles.value }, value));

function signatureBlock(signed: SignedBlock | undefined): ReactElement {
  if (!signed) {
    return h(View, { style: styles.signatureBox, wrap: false }, h(Text, { style: styles.heading }, "Signature"), h(Text, null, "Not yet signed. Sign online from your account before your appointment."));
  }
  return h(
    View,
    { style: styles.signatureBox, wrap: false },
    h(Text, { style: styles.heading }, "Signature"),
    h(Text, { style: { marginBottom: 6 } }, signed.consentStatement),
    h(Image, { style: styles.signatureImage, src: { data: Buffer.from(signed.image), format: "png" } }),
    field("Signed by (typed)", signed.typedName),
    field("Signed at", signed.signedAt),
  );
}

function auditPage(input: ConsentPdfInput, signed: SignedBlock): ReactElement {
  return h(
    Page,
    { size: "A4", style: styles.page },
    brand(input.clinic),
    h(Text, { style: styles.title }, "Signing audit record"),
    field("Document", input.documentId, true),
    field("Template", `${input.templateId} version ${input.templateVersion}`),
    field("Signer (typed name)", signed.typedName),
    field("Signed at (UTC)", signed.signedAt),
    field("IP address", signed.ip),
    field("User agent", signed.userAgent),
    field("Inputs SHA-256", signed.inputsSha256, true),
    h(Text, { style: styles.heading }, "Audit trail"),
    ...signed.trail.map((entry) => field(`${entry.seq}. ${entry.action}`, `${entry.at} by ${entry.actor}${entry.ip ? ` from ${entry.ip}` : ""}\n${entry.hash}`, false)),
    h(
      Text,
      { style: [styles.small, { marginTop: 12 }] },
      "The SHA-256 of this PDF is recorded when it is created; the clinic can re-hash the stored copy at any time to show it has not changed since signing.",
    ),
    footer(`${input.clinic.name} · ${input.documentId}`),
  );
}

export async function renderConsentPdf(input: ConsentPdfInput): Promise<Uint8Array> {
  const body = h(
    Page,
    { size: "A4", style: styles.page },
    brand(input.clinic),
    h(Text, { style: styles.title }, input.content.title),
    ...input.content.sections.flatMap((section, index) => [
      h(Text, { key: `h${index}`, style: styles.heading, minPresenceAhead: 40 }, section.heading),
      h(Text, { key: `b${index}` }, section.body),
    ]),
    signatureBlock(input.signed),
    footer(`${input.templateId} v${input.templateVersion} · ${input.signed ? `signed ${input.signed.signedAt}` : `generated ${input.generatedAt}`}`),
  );
  const pages = input.signed ? [body, auditPage(input, input.signed)] : [body];
  const doc = h(PdfDocument, { title: input.content.title, author: input.clinic.name, creator: input.clinic.name, producer: input.clinic.name }, ...pages);
  return new Uint8Array(await renderToBuffer(doc as Parameters<typeof renderToBuffer>[0]));
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const page = h(
    Page,
    { size: "A4", orientation: "landscape", style: styles.certificate },
    h(Text, { style: [styles.brandName, { fontSize: 18, marginBottom: 24 }] }, input.clinic.name),
    h(Text, { style: { fontSize: 28, fontFamily: "Helvetica-Bold", marginBottom: 18 } }, input.content.title),
    ...input.content.sections.flatMap((section, index) => [
      h(Text, { key: `h${index}`, style: { fontSize: 14, fontFamily: "Helvetica-Bold", marginTop: 8 } }, section.heading),
      h(Text, { key: `b${index}`, style: { fontSize: 12, marginTop: 4 } }, section.body),
    ]),
    h(View, { style: { marginTop: 24, alignItems: "center" } }, h(Image, { style: { width: 90, height: 90 }, src: { data: Buffer.from(input.qrPng), format: "png" } })),
    h(Text, { style: styles.small }, `Certificate ${input.certificateNumber} · verify at ${input.verificationUrl}`),
  );
  const doc = h(PdfDocument, { title: input.content.title, author: input.clinic.name }, page);
  return new Uint8Array(await renderToBuffer(doc as Parameters<typeof renderToBuffer>[0]));
}
