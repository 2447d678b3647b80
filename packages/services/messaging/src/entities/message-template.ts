import { Entity } from "electrodb";

/**
 * The owner's version of a default template (messaging/templates): subject, HTML body and
 * text. Absent means the default applies; deleting the override restores it.
 */
export const MessageTemplate = new Entity({
  model: { entity: "messageTemplate", version: "1", service: "mas" },
  attributes: {
    key: { type: "string", required: true },
    subject: { type: "string", required: true },
    html: { type: "string", required: true },
    text: { type: "string", required: true },
    updatedBy: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    /** All overrides in one partition (a few dozen at most), by key. */
    overrides: {
      pk: { field: "pk", composite: [] },
      sk: { field: "sk", composite: ["key"] },
    },
  },
});
