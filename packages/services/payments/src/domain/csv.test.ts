import { describe, expect, it } from "vitest";
import { csvCell, poundsCell, toCsv } from "./csv";

describe("CSV cells", () => {
  it.each<[unknown, string]>([
    ["plain", "plain"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [1250, "1250"],
    [true, "true"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r\nlf", '"cr\r\nlf"'],
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+44 7700", "'+44 7700"],
    ["@cmd", "'@cmd"],
    ["-x", "'-x"],
    ["\tTab", "'\tTab"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ["-12.50", "-12.50"],
    ["12.50", "12.50"],
    ["Café £5", "Café £5"],
  ])("%j → %j", (value, expected) => {
    expect(csvCell(value as string)).toBe(expected);
  });
});

describe("CSV documents", () => {
  it("has a BOM, a header, CRLF line ends and a final newline", () => {
    expect(toCsv(["a", "b"], [["1", "x,y"], [2, null]])).toBe('\uFEFFa,b\r\n1,"x,y"\r\n2,\r\n');
  });

  it("round-trips through a strict RFC 4180 reader", () => {
    const rows = [["id", 'He said "no", twice\nthen left', "=1+1", "-3.00"]];
    expect(parseCsv(toCsv(["a", "b", "c", "d"], rows))).toEqual([["a", "b", "c", "d"], ["id", 'He said "no", twice\nthen left', "'=1+1", "-3.00"]]);
  });
});

describe("pounds", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [1250, "12.50"],
    [123456, "1234.56"],
    [-500, "-5.00"],
  ])("%ip → %s", (pence, expected) => expect(poundsCell(pence)).toBe(expected));
});

/** A small RFC 4180 reader, for the round trip. */
function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && body[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}
