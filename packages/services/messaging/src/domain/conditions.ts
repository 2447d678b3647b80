/** ElectroDB surfaces a failed condition as an error whose cause is DynamoDB's exception. */
export function isConditionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } } | undefined)?.cause;
  return cause?.name === "ConditionalCheckFailedException";
}
