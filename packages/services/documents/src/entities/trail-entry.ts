import { Entity, type EntityItem } from "electrodb";

/**
 * One link of a document's audit trail (generated, signed, expired), hash-chained to the
 * one before (domain/integrity.ts). Written with `attribute_not_exists` on its `seq`, so
 * two writers cannot both append entry n: the chain stays a line.
 */
export const TrailEntryItem = new Entity({
  model: { entity: "documentTrail", version: "1", service: "mas" },
  attributes: {
    documentId: { type: "string", required: true, readOnly: true },
    seq: { type: "number", required: true, readOnly: true, padding: { length: 6, char: "0" } },
    action: { type: "string", required: true, readOnly: true },
    at: { type: "string", required: true, readOnly: true },
    actor: { type: "string", required: true, readOnly: true },
    ip: { type: "string", readOnly: true },
    userAgent: { type: "string", readOnly: true },
    detail: { type: "any", readOnly: true },
    prevHash: { type: "string", required: true, readOnly: true },
    hash: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byDocument: {
      pk: { field: "pk", composite: ["documentId"] },
      sk: { field: "sk", composite: ["seq"] },
    },
  },
});

export type TrailEntryRecord = EntityItem<typeof TrailEntryItem>;
