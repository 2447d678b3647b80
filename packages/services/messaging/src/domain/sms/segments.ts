/**
 * How many SMS segments a text takes, and what it costs. A text that fits the GSM 03.38
 * 7-bit alphabet is sent as GSM-7: 160 septets in one segment, or 153 per segment once
 * it is split (the rest carries the concatenation header); the extension characters
 * (`€ [ ] { } ^ ~ | \` and form feed) take two septets, and an escape pair is never split
 * across segments. Any other character (an emoji, a curly quote, an en dash) sends the
 * whole text as UCS-2: 70 UTF-16 code units in one segment, 67 per segment when split,
 * and a surrogate pair (an emoji) is never split either — so splitting can need one more
 * segment than a plain division says.
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "\f^{}\\[~]|€";
const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SegmentCount {
  encoding: SmsEncoding;
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return false;
  return true;
}

/** Greedy split into segments of `size` units, never splitting a character of `width` > 1. */
function split(widths: number[], single: number, size: number): number {
  const total = widths.reduce((a, b) => a + b, 0);
  if (total === 0) return 1;
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > size) {
      segments += 1;
      used = 0;
    }
    used += width;
  }
  return segments;
}

export function countSegments(text: string): SegmentCount {
  const characters = [...text];
  if (isGsm7(text)) {
    const widths = characters.map((ch) => (extension.has(ch) ? 2 : 1));
    return { encoding: "GSM-7", units: widths.reduce((a, b) => a + b, 0), segments: split(widths, 160, 153) };
  }
  const widths = characters.map((ch) => ch.length);
  return { encoding: "UCS-2", units: text.length, segments: split(widths, 70, 67) };
}

/** Whole pence: segments × the price of one segment to the UK (config, read at the edge). */
export function costInPence(count: SegmentCount, pencePerSegment: number): number {
  return count.segments * pencePerSegment;
}
