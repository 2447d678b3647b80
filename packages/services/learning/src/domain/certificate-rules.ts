import { addLocalMonths, instantAt, localDateOf, TIME_ZONE } from "@mas/core/shared/time";

/** `MAS-2026-000123`: the practice prefix, the year of issue and a six-digit sequence per year. */
export function certificateNumber(year: number, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Not a certificate sequence: ${sequence}`);
  return `MAS-${year}-${String(sequence).padStart(6, "0")}`;
}

/** The London calendar year an issue instant belongs to (numbers restart each year). */
export function certificateYear(issuedAt: Date, timeZone = TIME_ZONE): number {
  return Number(localDateOf(issuedAt, timeZone).slice(0, 4));
}

/** Valid until London midnight at the start of the same calendar day `months` later (end-of-month clamped); no validity: never expires. */
export function certificateExpiry(issuedAt: Date, validityMonths: number | undefined, timeZone = TIME_ZONE): Date | undefined {
  if (validityMonths === undefined) return undefined;
  return instantAt(addLocalMonths(localDateOf(issuedAt, timeZone), validityMonths), "00:00", timeZone);
}

export type CertificateStatus = "valid" | "expired" | "revoked";

/** Revocation wins over expiry: a revoked certificate says so even after it would have expired. */
export function certificateStatus(certificate: { expiresAt?: string; revokedAt?: string }, now: Date): CertificateStatus {
  if (certificate.revokedAt) return "revoked";
  if (certificate.expiresAt && Date.parse(certificate.expiresAt) <= now.getTime()) return "expired";
  return "valid";
}
