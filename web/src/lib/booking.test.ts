import { describe, expect, it } from "vitest";
import { byMenuOrder } from "./booking";

const sorted = (...names: string[]) => names.map((name) => ({ name })).sort(byMenuOrder).map((s) => s.name);

describe("byMenuOrder", () => {
  it("counts number words instead of sorting them alphabetically", () => {
    expect(sorted("Anti-wrinkle injections, three areas", "Anti-wrinkle injections, one area", "Anti-wrinkle injections, two areas")).toEqual([
      "Anti-wrinkle injections, one area",
      "Anti-wrinkle injections, two areas",
      "Anti-wrinkle injections, three areas",
    ]);
  });

  it.each([
    [["Lip filler, 1 ml", "Lip filler, 0.5 ml"], ["Lip filler, 0.5 ml", "Lip filler, 1 ml"]],
    [["Lip filler, one ml", "Lip filler, half ml"], ["Lip filler, half ml", "Lip filler, one ml"]],
    [["Peel, 10 sessions", "Peel, 2 sessions"], ["Peel, 2 sessions", "Peel, 10 sessions"]],
    [["microneedling", "Cheek filler", "Bone"], ["Bone", "Cheek filler", "microneedling"]],
  ])("%j → %j", (input, output) => expect(sorted(...input)).toEqual(output));

  it("leaves words that merely contain a number word alone", () => {
    expect(sorted("Tone and texture", "Someone special")).toEqual(["Someone special", "Tone and texture"]);
  });
});
