import { serviceDb } from "@mas/core/db/service";
import { DocumentTemplate } from "./document-template";
import { Document } from "./document";
import { Signature } from "./signature";
import { TrailEntryItem } from "./trail-entry";
import { StoredFile } from "./file";

/** documents's entities: the only items this service writes (with the kernel's outbox and audit log). */
export const documentsEntities = {
  documentTemplate: DocumentTemplate,
  document: Document,
  signature: Signature,
  trailEntry: TrailEntryItem,
  file: StoredFile,
};

/** The ElectroDB Service documents reads and writes through (one per table name; tests give each file its own). */
export const db = serviceDb(documentsEntities);
