import { Entity } from "electrodb";

/**
 * Messaging's opt-out list, one item per mobile number (E.164): who has been texted at it
 * (so a STOP from the number finds the people whose consent it withdraws), and when it
 * last opted out or was opted in again. Mirrors the AWS opt-out list, which is what
 * actually stops a text; this copy answers "why was nothing sent" and who said STOP.
 */
export const SmsNumber = new Entity({
  model: { entity: "smsNumber", version: "1", service: "mas" },
  attributes: {
    phone: { type: "string", required: true },
    userIds: { type: "set", items: "string" },
    optedOutAt: { type: "string" },
    /** The keyword of the last opt-out (STOP, UNSUBSCRIBE, ...). */
    keyword: { type: "string" },
    optedInAt: { type: "string" },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    byPhone: {
      pk: { field: "pk", composite: ["phone"] },
      sk: { field: "sk", composite: [] },
    },
  },
});
