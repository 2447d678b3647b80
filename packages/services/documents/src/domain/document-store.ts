import { randomUUID } from "node:crypto";
import { notFound } from "@mas/core/errors";
import { db } from "../entities";
import type { DocumentItem } from "../entities/document";
import type { TrailEntryRecord } from "../entities/trail-entry";
import { effectiveStatus, type DocumentStatus } from "./consent-rules";
import type { TrailEntry } from "./integrity";
import type { MergedDocument } from "./merge-fields";

/** Reads of documents and their trails, and the views routes return. */
export async function findDocument(documentId: string): Promise<DocumentItem | undefined> {
  const { data } = await db().entities.document.get({ documentId }).go({ consistent: true });
  return data ?? undefined;
}

export async function requireDocument(documentId: string): Promise<DocumentItem> {
  const found = await findDocument(documentId);
  if (!found) throw notFound("documents.document_not_found", "No such document");
  return found;
}

export async function documentsOfUser(userId: string): Promise<DocumentItem[]> {
  const { data } = await db().entities.document.query.byUser({ userId }).go({ pages: "all" });
  return data;
}

export async function documentsOfSubject(subjectId: string): Promise<DocumentItem[]> {
  const { data } = await db().entities.document.query.bySubject({ subjectId }).go({ pages: "all" });
  return data;
}

export async function trailOf(documentId: string): Promise<TrailEntry[]> {
  const { data } = await db().entities.trailEntry.query.byDocument({ documentId }).go({ pages: "all" });
  return data.map(trailEntryOf);
}

export function trailEntryOf(record: TrailEntryRecord): TrailEntry {
  return {
    documentId: record.documentId,
    seq: record.seq,
    action: record.action,
    at: record.at,
    actor: record.actor,
    ...(record.ip ? { ip: record.ip } : {}),
    ...(record.userAgent ? { userAgent: record.userAgent } : {}),
    ...(record.detail ? { detail: record.detail as Record<string, string> } : {}),
    prevHash: record.prevHash,
    hash: record.hash,
  };
}

/** An object key nobody can guess: the owner's id for listing by prefix, then a random id. */
export const newObjectKey = (folder: "documents" | "signatures" | "certificates" | "photos", userId: string, extension: string): string =>
  `${folder}/${userId}/${randomUUID()}.${extension}`;

export interface DocumentView {
  documentId: string;
  kind: DocumentItem["kind"];
  userId: string;
  subjectId: string;
  title: string;
  status: DocumentStatus;
  signBy: string | null;
  appointmentStart: string | null;
  template: { templateId: string; version: number };
  signedAt: string | null;
  createdAt: string;
}

export function documentView(document: DocumentItem, now: Date): DocumentView {
  return {
    documentId: document.documentId,
    kind: document.kind,
    userId: document.userId,
    subjectId: document.subjectId,
    title: document.title,
    status: effectiveStatus(document, now),
    signBy: document.signBy ?? null,
    appointmentStart: document.appointmentStart ?? null,
    template: { templateId: document.templateId, version: document.templateVersion },
    signedAt: document.signedAt ?? null,
    createdAt: document.createdAt,
  };
}

/** The document with the text the person reads (and signs). */
export function documentDetail(document: DocumentItem, now: Date): DocumentView & { content: MergedDocument } {
  return { ...documentView(document, now), content: JSON.parse(document.content) as MergedDocument };
}
