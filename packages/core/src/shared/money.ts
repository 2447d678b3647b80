/**
 * The project's one money helper. Amounts are integer pence (GBP) everywhere — in storage,
 * events, Stripe calls and domain logic — and become pounds only when displayed.
 */
export type Pence = number;

/** Throws unless `value` is a whole number of pence (a safe integer). */
export function assertPence(value: number, name = "amount"): Pence {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a whole number of pence, got ${value}`);
  return value;
}

/** `1250` → `"£12.50"`, `123456` → `"£1,234.56"`, `-500` → `"-£5.00"`. */
export function formatGBP(pence: Pence): string {
  assertPence(pence);
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}£${pounds}.${(abs % 100).toString().padStart(2, "0")}`;
}

/**
 * `percent`% of an amount, rounded half-up (half away from zero) to whole pence:
 * 50% of 25p is 13p. Percentages may have up to two decimal places (12.5%); the sum is done
 * in integers (basis points) so no floating-point error can tip the rounding.
 */
export function percentOf(pence: Pence, percent: number): Pence {
  assertPence(pence);
  const basisPoints = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent < 0 || Math.abs(basisPoints - percent * 100) > 1e-6) {
    throw new RangeError(`percent must be a non-negative number with at most two decimals, got ${percent}`);
  }
  const product = Math.abs(pence) * basisPoints;
  if (!Number.isSafeInteger(product)) throw new RangeError(`amount too large: ${pence}`);
  const halfUp = product + 5_000;
  const rounded = (halfUp - (halfUp % 10_000)) / 10_000;
  return pence < 0 ? -rounded : rounded;
}
