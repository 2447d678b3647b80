import { describe, expect, it } from "vitest";
import { instantFrom, patchTestFrom, recordFieldOf, treatmentRecordFrom } from "./record-form";

describe("the client record's forms", () => {
  it.each([
    ["2026-07-01", "10:30", "2026-07-01T09:30:00.000Z"], // BST
    ["2026-12-01", "10:30", "2026-12-01T10:30:00.000Z"], // GMT
    ["2026-10-25", "01:30", "2026-10-25T00:30:00.000Z"], // the repeated hour: its first (summer) occurrence
    ["2026-07-01", "", "2026-07-01T11:00:00.000Z"], // no time: midday
  ])("reads %s %s on the clinic's clock as %s", (date, time, iso) => expect(instantFrom(date, time)).toBe(iso));

  it("passes a bad date through for booking to refuse", () => expect(instantFrom("01/07/2026", "10:00")).toBe("01/07/2026T10:00"));

  it("keeps filled product and area rows only, with units as numbers", () => {
    const record = treatmentRecordFrom({
      serviceName: "Lip filler",
      date: "2026-07-01",
      time: "10:00",
      p0_name: "Juvederm Volbella",
      p0_batch: "vb123",
      p0_expiry: "2027-01-31",
      p2_name: "Lidocaine",
      p2_batch: "L9",
      p2_expiry: "2027-05-01",
      p2_quantity: "1 ml",
      a1_area: "Upper lip",
      a1_units: "0.5",
      notes: "Settled well.",
    });
    expect(record.products).toEqual([
      { name: "Juvederm Volbella", batch: "vb123", expiry: "2027-01-31" },
      { name: "Lidocaine", batch: "L9", expiry: "2027-05-01", quantity: "1 ml" },
    ]);
    expect(record.areas).toEqual([{ area: "Upper lip", units: 0.5 }]);
    expect(record).toMatchObject({ kind: "treatment", performedAt: "2026-07-01T09:00:00.000Z", serviceName: "Lip filler", notes: "Settled well." });
  });

  it("maps booking's error paths to the row that was sent", () => {
    const form = { p2_name: "Lidocaine", a3_area: "Chin" };
    expect(recordFieldOf("products.0.batch", form)).toBe("p2_batch");
    expect(recordFieldOf("areas.0.units", form)).toBe("a3_units");
    expect(recordFieldOf("performedAt", form)).toBe("date");
    expect(recordFieldOf("serviceName", form)).toBe("serviceName");
  });

  it("reads a patch test", () => {
    expect(patchTestFrom({ pt_date: "2026-07-01", pt_time: "09:00", pt_result: "fail", pt_product: "Glycolic 30%" })).toEqual({ testedAt: "2026-07-01T08:00:00.000Z", result: "fail", product: "Glycolic 30%", notes: "" });
  });
});
