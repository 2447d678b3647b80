/**
 * UK phone numbers, stored in E.164 (`+447700900123`). Accepts what people type: national
 * format (`07700 900123`, `020 7946 0958`), international (`+44 7700 900123`,
 * `0044 7700 900123`), the common `+44 (0)7700 900123`, with spaces, dots, dashes or
 * brackets. Anything that is not a UK number is refused: reminders go by UK SMS/phone.
 */
const SEPARATORS = /[\s().-]/g;

/** UK national significant numbers are 9–10 digits and start 1, 2, 3, 5, 7, 8 or 9. */
const UK_NATIONAL_NUMBER = /^[1235789]\d{8,9}$/;

export function normaliseUkPhone(input: string): string | undefined {
  const compact = input.trim().replace(/\(0\)/, "").replace(SEPARATORS, "");
  const national = nationalPart(compact);
  if (!national || !UK_NATIONAL_NUMBER.test(national)) return undefined;
  // Mobiles (07…) always have 10 national digits.
  if (national.startsWith("7") && national.length !== 10) return undefined;
  return `+44${national}`;
}

function nationalPart(compact: string): string | undefined {
  // People often keep the trunk 0 after the country code (`+44 07700…`): tolerate it.
  if (compact.startsWith("+44")) return compact.slice(3).replace(/^0/, "");
  if (compact.startsWith("0044")) return compact.slice(4).replace(/^0/, "");
  if (compact.startsWith("00") || compact.startsWith("+")) return undefined; // another country
  if (compact.startsWith("0")) return compact.slice(1);
  return undefined;
}
