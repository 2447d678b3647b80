import { Entity } from "electrodb";

/**
 * A dated note the practitioner keeps on a client (phoned to move her appointment, prefers
 * mornings, nervous of needles). Part of the client file, so one query reads it with the
 * rest; append-only, like the clinical record it sits beside.
 */
export const ClientNote = new Entity({
  model: { entity: "clientNote", version: "1", service: "mas" },
  attributes: {
    clientId: { type: "string", required: true, readOnly: true },
    noteId: { type: "string", required: true, readOnly: true },
    body: { type: "string", required: true, readOnly: true },
    writtenBy: { type: "string", required: true, readOnly: true },
    writtenAt: { type: "string", required: true, readOnly: true },
  },
  indexes: {
    byClient: {
      collection: "clientFile",
      pk: { field: "pk", composite: ["clientId"] },
      sk: { field: "sk", composite: ["writtenAt", "noteId"] },
    },
  },
});
