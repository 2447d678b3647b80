/** ElectroDB throws (does not return) when a single write's condition fails; this recognises it. */
export function isConditionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string } }).cause;
  return cause?.name === "ConditionalCheckFailedException";
}
