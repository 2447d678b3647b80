import { describe, expect, it } from "vitest";
import { DEFAULT_PRACTICE, practice, telHref } from "./practice";

describe("practice details", () => {
  it("defaults to the Bath clinic", () => {
    expect(practice({})).toEqual(DEFAULT_PRACTICE);
  });

  it("takes each detail from the deployment's environment, ignoring blanks", () => {
    expect(practice({ PRACTICE_NAME: "Skin by Sam", PRACTICE_ADDRESS: "  ", PRACTICE_PHONE: "0117 496 0123" })).toEqual({
      name: "Skin by Sam",
      address: DEFAULT_PRACTICE.address,
      phone: "0117 496 0123",
    });
  });

  it("turns a UK number into an international tel: link", () => {
    expect(telHref("01225 000 000")).toBe("tel:+441225000000");
    expect(telHref("+44 117 496 0123")).toBe("tel:+441174960123");
  });
});
