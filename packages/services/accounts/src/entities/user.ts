import { Entity, type EntityItem } from "electrodb";

/**
 * A person who can sign in: client, student and/or owner. Email uniqueness is not an index
 * here but the EmailClaim item written in the same transaction (email-claim.ts).
 * `searchText` is a lowercased "first last email phone" the owner's directory filters on
 * (DynamoDB `contains` is case-sensitive); it is removed on erasure like the rest.
 */
export const User = new Entity({
  model: { entity: "user", version: "1", service: "mas" },
  attributes: {
    userId: { type: "string", required: true, readOnly: true },
    /** Always lowercased; the address a person types is matched case-insensitively. */
    email: { type: "string", required: true, set: (value?: string) => value?.toLowerCase() },
    firstName: { type: "string", required: true },
    lastName: { type: "string", required: true },
    /** E.164, UK only (accounts/phone.ts). */
    phone: { type: "string" },
    /** YYYY-MM-DD, no time zone: a calendar date. */
    dateOfBirth: { type: "string" },
    roles: { type: "set", items: "string", required: true },
    /** scrypt hash (accounts/password.ts); absent once erased. */
    passwordHash: { type: "string" },
    searchText: { type: "string" },
    createdAt: { type: "string", required: true, readOnly: true },
    updatedAt: { type: "string", required: true },
    erasedAt: { type: "string" },
  },
  indexes: {
    /** Who is user X? (sessions, /me, admin) */
    byId: {
      pk: { field: "pk", composite: ["userId"] },
      sk: { field: "sk", composite: [] },
    },
    /** The owner's client/student directory, newest first, filtered by role and text. */
    directory: {
      index: "gsi1",
      pk: { field: "gsi1pk", composite: [] },
      sk: { field: "gsi1sk", composite: ["createdAt", "userId"] },
    },
  },
});

export type UserItem = EntityItem<typeof User>;
