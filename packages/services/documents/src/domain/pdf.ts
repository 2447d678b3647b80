import type { MergedDocument } from "./merge-fields";

/**
 * The PDFs documents renders: consent forms (with, once signed, an audit page) and course
 * certificates. The renderer (@react-pdf/renderer with React, fontkit, yoga-layout, pdfkit:
 * ~1.7 MB minified) lives in ./pdf-render.ts and is imported on the first render, so a
 * cold start of the documents function that renders nothing does not load it.
 */

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

export async function renderConsentPdf(input: ConsentPdfInput): Promise<Uint8Array> {
  return (await import("./pdf-render")).renderConsentPdf(input);
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  return (await import("./pdf-render")).renderCertificatePdf(input);
}
