/**
 * The single table's physical key design, declared once: the stacks create it in AWS
 * (stacks/Data.ts) and the local platform creates it in DynamoDB Local from the same
 * definition. Entities map their access patterns onto these generic names
 * (see ACCESS-PATTERNS.md).
 */
export const tableSchema = {
  partitionKey: "pk",
  sortKey: "sk",
  globalIndexes: [
    { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { name: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    { name: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
  ],
  ttlAttribute: "expiresAt",
} as const;
