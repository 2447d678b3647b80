import type { PersonalDataContributor } from "@mas/core/personal-data";
import { deleteObject } from "@mas/core/ports/storage";
import { db } from "../entities";
import { documentsOfUser, trailOf } from "./document-store";

/**
 * Documents' part of a user's data export and erasure.
 *
 * Export: every document (with the text they were shown), their signatures (typed name,
 * time, IP, user agent — the image stays in storage, listed by key) and their files.
 *
 * Erasure keeps what the clinic must retain: signed consent forms (with their signature,
 * trail and PDF) and clinical photos are part of the medical record, which UK guidance
 * says to keep for at least 8 years after the last treatment (until 25 for a minor); issued
 * certificates stay verifiable for the people who rely on them. Everything else goes:
 * unsigned or expired consent forms and their PDFs and trails, entry-requirement proofs,
 * and uploads that were never accepted (pending or rejected), objects first, then items.
 */
export const documentsPersonalData: PersonalDataContributor[] = [
  {
    name: "documents",
    export: async (userId) =>
      Promise.all(
        (await documentsOfUser(userId)).map(async (d) => {
          const { data: signature } = await db().entities.signature.get({ documentId: d.documentId }).go();
          return {
            documentId: d.documentId,
            kind: d.kind,
            title: d.title,
            status: d.status,
            template: `${d.templateId}@${d.templateVersion}`,
            content: JSON.parse(d.content),
            createdAt: d.createdAt,
            signedAt: d.signedAt ?? null,
            signature: signature ? { typedName: signature.typedName, signedAt: signature.signedAt, ip: signature.ip, userAgent: signature.userAgent, consentStatement: signature.consentStatement } : null,
            trail: (await trailOf(d.documentId)).map(({ seq, action, at, actor }) => ({ seq, action, at, actor })),
          };
        }),
      ),
    erase: async (userId) => {
      for (const document of await documentsOfUser(userId)) {
        if (document.status === "signed" || document.status === "issued") continue;
        await deleteObject(document.pdfKey);
        for (const entry of await trailOf(document.documentId)) await db().entities.trailEntry.delete({ documentId: document.documentId, seq: entry.seq }).go({ response: "none" });
        await db().entities.document.delete({ documentId: document.documentId }).go({ response: "none" });
      }
    },
  },
  {
    name: "files",
    export: async (userId) => {
      const { data } = await db().entities.file.query.byUser({ userId }).go({ pages: "all" });
      return data.map(({ fileId, purpose, contentType, size, status, treatmentId, label, createdAt }) => ({ fileId, purpose, contentType, size, status, treatmentId: treatmentId ?? null, label: label ?? null, createdAt }));
    },
    erase: async (userId) => {
      const { data } = await db().entities.file.query.byUser({ userId }).go({ pages: "all" });
      for (const file of data) {
        // A student's entry proof is not a clinical record: it goes with the rest.
        if (file.status === "ready" && file.purpose !== "entry_proof") continue;
        await deleteObject(file.key);
        await db().entities.file.delete({ fileId: file.fileId }).go({ response: "none" });
      }
    },
  },
];
