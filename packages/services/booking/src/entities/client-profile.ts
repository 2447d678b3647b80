import { Entity } from "electrodb";

const consent = {
  type: "map",
  properties: { granted: { type: "boolean", required: true }, at: { type: "string", required: true } },
} as const;

/**
 * A client's details beyond their account: address, emergency contact, GP, and consents
 * (each with the time it was last granted or withdrawn). Name, email, phone and date
 * of birth live on the accounts `User`. Part of the `clientFile` collection (one query for all of
 * a client's records).
 */
export const ClientProfile = new Entity({
  model: { entity: "clientProfile", version: "1", service: "mas" },
  attributes: {
    clientId: { type: "string", required: true },
    address: {
      type: "map",
      properties: { line1: { type: "string" }, line2: { type: "string" }, town: { type: "string" }, postcode: { type: "string" } },
    },
    emergencyContact: {
      type: "map",
      properties: { name: { type: "string" }, phone: { type: "string" }, relationship: { type: "string" } },
    },
    gp: {
      type: "map",
      properties: { name: { type: "string" }, practice: { type: "string" }, address: { type: "string" }, phone: { type: "string" } },
    },
    consents: {
      type: "map",
      properties: { marketingEmail: consent, sms: consent, marketingSms: consent, photo: consent, smsTwoHour: consent },
    },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byClient: {
      collection: "clientFile",
      pk: { field: "pk", composite: ["clientId"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
