import * as z from "zod";
import { conflict, notFound, unprocessable } from "@mas/core/errors";
import { Events } from "@mas/core/events/catalogue";
import { publishStaged, stageEvent } from "@mas/core/outbox/outbox";
import { deleteObject, getObject, putObject } from "@mas/core/ports/storage";
import { db } from "../entities";
import type { DocumentItem } from "../entities/document";
import { CONSENT_STATEMENT, signingRefusal } from "./consent-rules";
import { cancelExpiry } from "./consent-forms";
import { newObjectKey, requireDocument, trailOf } from "./document-store";
import { inputsHash, nextTrailEntry, sha256Hex, verdict, verifyTrail, type SigningInputs, type Verification } from "./integrity";
import { parseSignaturePng, SIGNATURE_PROBLEMS } from "./images";
import type { MergedDocument } from "./merge-fields";
import { renderConsentPdf, type Clinic } from "./pdf";

/**
 * Signing a consent form, and checking later that nothing about it changed.
 *
 * Signing: the signer's typed name, the drawn PNG (checked: PNG, size-limited), explicit
 * agreement to CONSENT_STATEMENT, the time, IP and user agent are hashed with the exact
 * text shown (`inputsSha256`); the signed PDF embeds the signature and an audit page, and
 * its bytes are hashed too (`pdfSha256`). One transaction then moves the document from
 * `awaiting_signature` to `signed` (conditional on that status and on the trail length),
 * creates the Signature (conditional: once), appends the `signed` trail entry (conditional
 * on its seq) and stages `document.signed`. A second signature, a concurrent one, or one
 * after the deadline is a 409; the loser's uploaded objects are deleted.
 */
export const SignBody = z.strictObject({
  typedName: z.string().trim().min(2, "Type your full name").max(120),
  // The size limit is checked on the decoded bytes too; this bound stops a huge string early.
  signaturePng: z.string().max(140_000, "The signature image is too large"),
  consent: z.literal(true, { error: "Tick the box to agree to the consent statement" }),
});
export type SignBody = z.infer<typeof SignBody>;

export interface Signer {
  userId: string;
  ip: string;
  userAgent: string;
}

export async function signDocument(documentId: string, body: SignBody, signer: Signer, ctx: { now: Date; clinic: Clinic }): Promise<DocumentItem> {
  const image = parseSignaturePng(body.signaturePng);
  if ("problem" in image) throw unprocessable(`documents.signature_${image.problem}`, SIGNATURE_PROBLEMS[image.problem], { signaturePng: SIGNATURE_PROBLEMS[image.problem] });
  const document = await requireDocument(documentId);
  if (document.userId !== signer.userId) throw notFound("documents.document_not_found", "No such document");
  assertSignable(document, ctx.now);

  const signedAt = ctx.now.toISOString();
  const imageSha256 = sha256Hex(image.bytes);
  const content = JSON.parse(document.content) as MergedDocument;
  const inputs: SigningInputs = {
    documentId,
    templateId: document.templateId,
    templateVersion: document.templateVersion,
    content,
    signerUserId: signer.userId,
    typedName: body.typedName,
    signaturePngSha256: imageSha256,
    consentStatement: CONSENT_STATEMENT,
    signedAt,
    ip: signer.ip,
    userAgent: signer.userAgent,
  };
  const inputsSha256 = inputsHash(inputs);
  const existingTrail = await trailOf(documentId);
  const entry = nextTrailEntry(existingTrail.at(-1), { documentId, action: "signed", at: signedAt, actor: signer.userId, ip: signer.ip, userAgent: signer.userAgent, detail: { inputsSha256, typedName: body.typedName } });
  const trail = [...existingTrail, entry];

  const pdf = await renderConsentPdf({
    clinic: ctx.clinic,
    documentId,
    templateId: document.templateId,
    templateVersion: document.templateVersion,
    content,
    generatedAt: document.createdAt,
    signed: { typedName: body.typedName, image: image.bytes, signedAt, ip: signer.ip, userAgent: signer.userAgent, consentStatement: CONSENT_STATEMENT, inputsSha256, trail },
  });
  const pdfSha256 = sha256Hex(pdf);
  const imageKey = newObjectKey("signatures", signer.userId, "png");
  const pdfKey = newObjectKey("documents", signer.userId, "pdf");
  await Promise.all([putObject(imageKey, image.bytes, "image/png"), putObject(pdfKey, pdf, "application/pdf")]);

  const event = stageEvent(Events.DocumentSigned, { documentId, userId: signer.userId, kind: document.kind, subjectId: document.subjectId }, { occurredAt: ctx.now });
  const result = await db()
    .transaction.write(({ document: doc, signature, trailEntry, outboxEvent }) => [
      doc
        .patch({ documentId })
        .set({ status: "signed", signedAt, pdfKey, pdfSha256, inputsSha256, trailHead: entry.hash, trailLength: entry.seq, updatedAt: signedAt })
        .where((a, op) => `${op.eq(a.status, "awaiting_signature")} AND ${op.eq(a.trailLength, entry.seq - 1)}`)
        .commit(),
      signature
        .create({ documentId, userId: signer.userId, typedName: body.typedName, imageKey, imageSha256, consentStatement: CONSENT_STATEMENT, signedAt, ip: signer.ip, userAgent: signer.userAgent })
        .commit(),
      trailEntry.create(entry).commit(),
      outboxEvent.put(event.item).commit(),
    ])
    .go();
  if (result.canceled) {
    await Promise.all([deleteObject(imageKey), deleteObject(pdfKey)]);
    throw conflict("documents.already_signed", "This document has just been signed or changed: reload it");
  }
  await publishStaged([event]);
  await cancelExpiry(documentId).catch((error) => console.warn(`documents: expiry schedule for ${documentId} not cancelled (the handler re-checks): ${error}`));
  return requireDocument(documentId);
}

function assertSignable(document: DocumentItem, now: Date): void {
  const refusal = signingRefusal(document, now);
  if (refusal === "already_signed") throw conflict("documents.already_signed", "This document is already signed and can no longer change");
  if (refusal === "expired") throw conflict("documents.expired", "This consent form has expired; the clinic will send a new one");
  if (refusal) throw conflict("documents.not_signable", "This document is not for signing");
}

async function objectDigest(key: string): Promise<string | undefined> {
  try {
    return sha256Hex(await getObject(key));
  } catch (error) {
    if ((error as { name?: string }).name === "NoSuchKey" || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw error;
  }
}

/**
 * Re-hashes what is stored: the signed PDF's bytes, the signing inputs (rebuilt from the
 * document, the Signature and the signature image's bytes) and the trail chain.
 */
export async function verifyDocument(document: DocumentItem): Promise<Verification> {
  if (document.status !== "signed" || !document.inputsSha256) throw conflict("documents.not_signed", "Only a signed document can be verified");
  const { data: signature } = await db().entities.signature.get({ documentId: document.documentId }).go({ consistent: true });
  const trail = await trailOf(document.documentId);
  const actualPdfSha256 = await objectDigest(document.pdfKey);
  const imageSha256 = signature ? await objectDigest(signature.imageKey) : undefined;
  const actualInputsSha256 =
    signature && imageSha256
      ? inputsHash({
          documentId: document.documentId,
          templateId: document.templateId,
          templateVersion: document.templateVersion,
          content: JSON.parse(document.content),
          signerUserId: signature.userId,
          typedName: signature.typedName,
          signaturePngSha256: imageSha256,
          consentStatement: signature.consentStatement,
          signedAt: signature.signedAt,
          ip: signature.ip,
          userAgent: signature.userAgent,
        })
      : undefined;
  return verdict({
    storedPdfSha256: document.pdfSha256,
    actualPdfSha256,
    storedInputsSha256: document.inputsSha256,
    actualInputsSha256,
    trail: verifyTrail(trail),
    trailHead: trail.at(-1)?.hash,
    storedTrailHead: document.trailHead,
  });
}
