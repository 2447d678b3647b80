/**
 * CSV for the owner's export (RFC 4180, opened in Excel or Numbers).
 *
 * - Cells holding `,`, `"`, CR or LF are quoted, with `"` doubled.
 * - Text starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` so a spreadsheet
 *   shows it instead of running it as a formula (CSV injection); plain numbers such as
 *   `-12.50` are left alone.
 * - Lines end with CRLF; the file starts with a UTF-8 byte-order mark so Excel reads `£`
 *   and accented names correctly.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** `1250` → `"12.50"`: pounds with two decimals, no symbol (spreadsheets sum these). */
export function poundsCell(pence: number): string {
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
