import { describe, expect, it } from "vitest";
import { jsonLd, medicalBusiness, openingHours, postalAddress, priceOf, treatmentService } from "./structured-data";

const clinic = { name: "Master Aesthetics", address: "12 Harley Mews, Bath BA1 2AB", phone: "01225 000 000", email: "hello@example.co.uk" };

describe("structured data", () => {
  it.each([
    ["12 Harley Mews, Bath BA1 2AB", { streetAddress: "12 Harley Mews", addressLocality: "Bath", postalCode: "BA1 2AB" }],
    ["Flat 2, 5 High Street, London sw1a1aa", { streetAddress: "Flat 2, 5 High Street", addressLocality: "London", postalCode: "SW1A 1AA" }],
    ["The Old Mill", { streetAddress: "The Old Mill" }],
  ])("reads %j as a postal address", (address, parts) => {
    expect(postalAddress(address)).toEqual({ "@type": "PostalAddress", addressCountry: "GB", ...parts });
  });

  it("lists opening hours per day and range, Sunday first as booking stores them", () => {
    expect(openingHours([[], [{ start: "10:00", end: "13:00" }, { start: "14:00", end: "18:00" }], [], [], [], [], [{ start: "09:00", end: "14:00" }]])).toEqual([
      { "@type": "OpeningHoursSpecification", dayOfWeek: "Monday", opens: "10:00", closes: "13:00" },
      { "@type": "OpeningHoursSpecification", dayOfWeek: "Monday", opens: "14:00", closes: "18:00" },
      { "@type": "OpeningHoursSpecification", dayOfWeek: "Saturday", opens: "09:00", closes: "14:00" },
    ]);
  });

  it("describes the clinic as a MedicalBusiness with its rating", () => {
    const data = medicalBusiness({ clinic, origin: "https://clinic.example", reviews: [{ rating: 5 }, { rating: 4 }], mapUrl: "https://maps.example/x" });
    expect(data).toMatchObject({ "@type": "MedicalBusiness", telephone: "01225 000 000", hasMap: "https://maps.example/x", aggregateRating: { ratingValue: "4.5", reviewCount: 2 } });
    expect(medicalBusiness({ clinic, origin: "https://clinic.example", mapUrl: "" })).not.toHaveProperty("aggregateRating");
  });

  it("prices a treatment as an Offer in GBP", () => {
    const data = treatmentService({ service: { name: "Cheek filler", slug: "cheek-filler", description: "Lift.", priceInPence: 35000 }, clinic, origin: "https://clinic.example" });
    expect(data.offers).toEqual({ "@type": "Offer", price: "350.00", priceCurrency: "GBP", url: "https://clinic.example/treatments/cheek-filler", availability: "https://schema.org/InStock" });
    expect(priceOf(8750)).toBe("87.50");
    expect(data).not.toHaveProperty("aggregateRating");
    const rated = treatmentService({ service: { name: "Cheek filler", slug: "cheek-filler", description: "Lift.", priceInPence: 35000 }, clinic, origin: "https://clinic.example", reviews: [{ rating: 5 }] });
    expect(rated.aggregateRating).toMatchObject({ ratingValue: "5.0", reviewCount: 1 });
  });

  it("cannot be closed early by a value", () => {
    expect(jsonLd({ name: "</script><script>alert(1)</script>" })).not.toContain("<");
  });
});
