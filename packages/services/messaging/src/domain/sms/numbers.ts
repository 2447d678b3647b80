/**
 * UK mobile numbers in E.164, the form SendTextMessage wants (`+447700900123`). Accepts
 * what people type — `07700 900123`, `+44 7700 900123`, `0044 7700 900123`,
 * `+44 (0)7700 900123`, with spaces, dots, dashes or brackets. Only mobiles (07…) can take
 * a text: a landline or another country's number answers undefined, and no text is tried.
 */
const SEPARATORS = /[\s().-]/g;
const UK_MOBILE_NATIONAL = /^7\d{9}$/;

export function ukMobileE164(input: string | null | undefined): string | undefined {
  if (!input) return undefined;
  const compact = input.trim().replace(/\(0\)/, "").replace(SEPARATORS, "");
  let national: string | undefined;
  if (compact.startsWith("+44")) national = compact.slice(3).replace(/^0/, "");
  else if (compact.startsWith("0044")) national = compact.slice(4).replace(/^0/, "");
  else if (compact.startsWith("0") && !compact.startsWith("00")) national = compact.slice(1);
  return national && UK_MOBILE_NATIONAL.test(national) ? `+44${national}` : undefined;
}

/** `+44 7700 ••• 123`: enough for the owner to recognise, not to harvest. */
export function maskPhone(e164: string): string {
  return e164.length > 8 ? `${e164.slice(0, 3)} ${e164.slice(3, 7)} ••• ${e164.slice(-3)}` : "•••";
}
