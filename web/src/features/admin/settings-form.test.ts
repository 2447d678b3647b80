import { describe, expect, it } from "vitest";
import { dayIndex, depositFieldOf, depositFrom, hourField, hourFieldOf, penceFrom, poundsOf, weeklyHoursFrom, wholeNumber } from "./settings-form";

describe("opening hours from the form", () => {
  it("lists Monday first but keeps booking's Sunday = 0 index", () => {
    expect([0, 5, 6].map(dayIndex)).toEqual([1, 6, 0]);
  });

  it("turns filled rows into ranges and drops blank ones", () => {
    const form = { [hourField(2, 0, "start")]: "09:00", [hourField(2, 0, "end")]: "12:00", [hourField(2, 1, "start")]: " 13:00 ", [hourField(2, 1, "end")]: "17:00", [hourField(3, 1, "start")]: "10:00" };
    const hours = weeklyHoursFrom(form);
    expect(hours[2]).toEqual([{ start: "09:00", end: "12:00" }, { start: "13:00", end: "17:00" }]);
    // Half a row is sent, so booking can say what is missing.
    expect(hours[3]).toEqual([{ start: "10:00", end: "" }]);
    expect(hours[0]).toEqual([]);
  });

  it("points booking's error path at the input that holds it", () => {
    const form = { [hourField(3, 1, "start")]: "10:00" };
    const hours = weeklyHoursFrom(form);
    expect(hourFieldOf("weeklyHours.3.0.end", hours, form)).toBe(hourField(3, 1, "end"));
    expect(hourFieldOf("weeklyHours.3.0", hours, form)).toBe(hourField(3, 1, "end"));
    expect(hourFieldOf("slotStepMinutes", hours, form)).toBe("slotStepMinutes");
  });
});

describe("numbers and money typed by a person", () => {
  it.each([
    ["50", 5_000],
    ["£49.50", 4_950],
    ["1,250", 125_000],
    ["0.5", 50],
    ["", Number.NaN],
    ["ten", Number.NaN],
    ["4.999", Number.NaN],
  ])("%s pounds is %s pence", (text, pence) => expect(penceFrom(text)).toBe(pence));

  it("reads whole numbers only", () => {
    expect(wholeNumber(" 48 ")).toBe(48);
    expect(wholeNumber("4.5")).toBeNaN();
    expect(wholeNumber(undefined)).toBeNaN();
  });

  it("writes pence back as pounds", () => {
    expect(poundsOf(5_000)).toBe("50");
    expect(poundsOf(4_950)).toBe("49.50");
  });

  it("reads each deposit kind and maps its errors back", () => {
    expect(depositFrom({ deposit_kind: "fixed", deposit_amount: "40" })).toEqual({ kind: "fixed", amountInPence: 4_000 });
    expect(depositFrom({ deposit_kind: "percent", deposit_percent: "25" })).toEqual({ kind: "percent", percent: 25 });
    expect(depositFrom({ deposit_kind: "full" })).toEqual({ kind: "full" });
    expect(depositFrom({})).toEqual({ kind: "none" });
    expect(depositFieldOf("defaultDeposit.amountInPence", "defaultDeposit")).toBe("deposit_amount");
    expect(depositFieldOf("deposit.percent", "deposit", "d_")).toBe("d_percent");
    expect(depositFieldOf("name", "deposit")).toBeUndefined();
  });
});

import { formOf, slugFrom, treatmentFieldOf, treatmentFrom } from "./treatment-form";

describe("the treatment form", () => {
  it.each([
    ["Lip filler, 1 ml", "lip-filler-1-ml"],
    ["  Crème Peel  ", "creme-peel"],
    ["Anti-wrinkle — 3 areas!", "anti-wrinkle-3-areas"],
  ])("makes %s into the address %s", (name, slug) => expect(slugFrom(name)).toBe(slug));

  it("reads every field and round-trips through the edit form", () => {
    const form = {
      name: "Tear trough filler",
      slug: "",
      category: "dermal-filler",
      description: "Softens hollows.",
      price: "£320",
      durationMinutes: "45",
      bufferBeforeMinutes: "10",
      bufferAfterMinutes: "",
      deposit_kind: "percent",
      deposit_percent: "25",
      minAge: "",
      requiresPatchTest: "on",
      aftercare: "No make-up for 12 hours.",
    };
    const input = treatmentFrom(form);
    expect(input).toEqual({
      name: "Tear trough filler",
      slug: "tear-trough-filler",
      category: "dermal-filler",
      description: "Softens hollows.",
      priceInPence: 32_000,
      durationMinutes: 45,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 0,
      deposit: { kind: "percent", percent: 25 },
      minAge: 18,
      requiresPatchTest: true,
      requiresConsultation: false,
      aftercare: "No make-up for 12 hours.",
      active: true,
    });
    expect(treatmentFrom(formOf(input as Parameters<typeof formOf>[0]))).toEqual(input);
  });

  it("maps booking's error paths to the inputs", () => {
    expect(treatmentFieldOf("priceInPence")).toBe("price");
    expect(treatmentFieldOf("deposit.amountInPence")).toBe("deposit_amount");
    expect(treatmentFieldOf("durationMinutes")).toBe("durationMinutes");
  });
});
