import { Entity } from "electrodb";

const consent = {
  type: "map",
  properties: { granted: { type: "boolean", required: true }, at: { type: "string", required: true } },
} as const;

/**
 * The marketing audience: one item per person, messaging's read model of every fact a
 * campaign's audience is chosen by (roles, treatment categories, visits, course, consents,
 * unsubscribe), kept up to date from events (audience-projection.ts says which). All
 * members share one partition sorted by user id, so counting an audience or sending a
 * campaign reads them a page at a time (about 3,000 members per 1 MB page) instead of
 * five reads per person from four services. Each group of facts carries the time of the
 * event that last set it, and only a newer event overwrites it.
 */
export const MarketingAudience = new Entity({
  model: { entity: "marketingAudience", version: "1", service: "mas" },
  attributes: {
    userId: { type: "string", required: true },
    email: { type: "string" },
    firstName: { type: "string" },
    roles: { type: "list", items: { type: "string" } },
    /** The account's UK mobile in E.164, if it has one (read when the account's facts last changed). */
    mobile: { type: "string" },
    contactAt: { type: "string" },
    /** Categories of booked (confirmed) and completed appointments. */
    categories: { type: "list", items: { type: "string" } },
    /** End of the latest completed appointment. */
    lastCompletedAt: { type: "string" },
    /** Ends of confirmed appointments: each counts as a visit once it is over (the filter is judged at a time). */
    confirmedEnds: { type: "list", items: { type: "string" } },
    visitsAt: { type: "string" },
    hasActiveCourse: { type: "boolean" },
    courseAt: { type: "string" },
    consents: { type: "map", properties: { marketingEmail: consent, sms: consent, marketingSms: consent } },
    consentsAt: { type: "string" },
    unsubscribed: { type: "boolean" },
    updatedAt: { type: "string" },
  },
  indexes: {
    members: {
      pk: { field: "pk", composite: [] },
      sk: { field: "sk", composite: ["userId"] },
    },
  },
});
