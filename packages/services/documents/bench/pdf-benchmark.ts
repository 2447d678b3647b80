import { performance } from "node:perf_hooks";
import QRCode from "qrcode";
import { CONSENT_STATEMENT } from "../src/domain/consent-rules";
import { CATEGORY_CONSENTS, DEFAULT_CERTIFICATE } from "../src/domain/default-templates";
import { mergeTemplate, sampleValues, type TemplateText } from "../src/domain/merge-fields";
import { renderCertificatePdf, renderConsentPdf } from "../src/domain/pdf";
import { pngOf } from "../src/domain/png";

/**
 * `npm run bench` rows for documents: render time of a consent form (unsigned and signed,
 * with the signature image and the audit page) and of a certificate with its QR code.
 * Median of 15 warm renders each (the first render loads the built-in fonts).
 */
const clinic = { name: "Master Aesthetics", address: "12 Harley Mews, Bath BA1 2AB", phone: "01225 000 000" };
const TARGET_MS = 500;

async function medianMs(render: () => Promise<unknown>, runs = 15): Promise<number> {
  await render();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await render();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function benchRows() {
  const template = CATEGORY_CONSENTS[0]!;
  const text: TemplateText = { kind: "consent", title: template.title, sections: template.sections, mergeFields: template.mergeFields };
  const content = mergeTemplate(text, sampleValues("consent", { risks: template.risks!, aftercare: template.aftercare! }));
  const base = { clinic, documentId: "consent-bench", templateId: "consent-dermal-filler", templateVersion: 1, content, generatedAt: "1 June 2026" };
  const image = new Uint8Array(pngOf(600, 200));
  const trail = [1, 2].map((seq) => ({ seq, action: seq === 1 ? "generated" : "signed", at: "2026-06-01T09:00:00.000Z", actor: "user", hash: "0".repeat(64) }));
  const signed = { typedName: "Sample Client", image, signedAt: "2026-06-01T09:00:00.000Z", ip: "203.0.113.7", userAgent: "Mozilla/5.0", consentStatement: CONSENT_STATEMENT, inputsSha256: "0".repeat(64), trail };
  const certText: TemplateText = { kind: "certificate", title: DEFAULT_CERTIFICATE.title, sections: DEFAULT_CERTIFICATE.sections, mergeFields: DEFAULT_CERTIFICATE.mergeFields };
  const values = sampleValues("certificate");
  const qrPng = new Uint8Array(await QRCode.toBuffer(values.verificationUrl!, { type: "png" }));
  const rows = [
    ["consent PDF render (unsigned, median)", () => renderConsentPdf(base)],
    ["consent PDF render (signed + audit page)", () => renderConsentPdf({ ...base, signed })],
    ["certificate PDF render (with QR)", () => renderCertificatePdf({ clinic, content: mergeTemplate(certText, values), certificateNumber: values.certificateNumber!, verificationUrl: values.verificationUrl!, qrPng })],
  ] as const;
  const out = [];
  for (const [name, render] of rows) {
    const ms = await medianMs(render);
    out.push({ name, value: `${ms.toFixed(0)} ms`, target: `< ${TARGET_MS} ms`, ok: ms < TARGET_MS });
  }
  return out;
}
