/**
 * The PDFs documents renders: consent forms (with, once signed, an audit page) and course
 * certificates. The renderer (@react-pdf/renderer with React, fontkit, yoga-layout, pdfkit:
 * ~1.6 MB minified) lives in ./pdf-render.ts and is imported on the first render, so a
 * cold start of the documents function that renders nothing does not load it.
 */
import type { CertificatePdfInput, ConsentPdfInput } from "./pdf-render";

export type { CertificatePdfInput, Clinic, ConsentPdfInput, SignedBlock } from "./pdf-render";

export async function renderConsentPdf(input: ConsentPdfInput): Promise<Uint8Array> {
  return (await import("./pdf-render")).renderConsentPdf(input);
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  return (await import("./pdf-render")).renderCertificatePdf(input);
}
