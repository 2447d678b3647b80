/**
 * Structured data (schema.org JSON-LD) for search engines, built from what the pages
 * already read: the clinic's profile and hours (booking), its published reviews and the
 * treatment menu. Pure: the origin and the data are parameters.
 */
import type { PublicService, PublicSettings } from "../../lib/shapes";

interface Clinic {
  name: string;
  address: string;
  phone: string;
  email?: string | undefined;
}
interface Review {
  rating: number;
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const UK_POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i;

/** "12 Harley Mews, Bath BA1 2AB" → street, town and postcode, as far as the one-line address tells. */
export function postalAddress(address: string) {
  const postcode = UK_POSTCODE.exec(address);
  const withoutPostcode = postcode ? address.replace(postcode[0], "").trim().replace(/,$/, "") : address;
  const parts = withoutPostcode.split(",").map((p) => p.trim()).filter(Boolean);
  const locality = parts.length > 1 ? parts.pop() : undefined;
  return {
    "@type": "PostalAddress",
    streetAddress: parts.join(", "),
    ...(locality ? { addressLocality: locality } : {}),
    ...(postcode ? { postalCode: `${postcode[1]!.toUpperCase()} ${postcode[2]!.toUpperCase()}` } : {}),
    addressCountry: "GB",
  };
}

/** Opening hours as schema.org expects them: one specification per day and range (weeklyHours is Sunday = 0). */
export function openingHours(weeklyHours: PublicSettings["weeklyHours"]) {
  return weeklyHours.flatMap((ranges, day) => ranges.map((r) => ({ "@type": "OpeningHoursSpecification", dayOfWeek: DAYS[day], opens: r.start, closes: r.end })));
}

export function medicalBusiness(input: { clinic: Clinic; origin: string; settings?: PublicSettings | undefined; reviews?: readonly Review[]; mapUrl: string }) {
  const { clinic, origin, settings, reviews = [], mapUrl } = input;
  return {
    "@context": "https://schema.org",
    "@type": "MedicalBusiness",
    "@id": `${origin}/#clinic`,
    name: clinic.name,
    url: `${origin}/`,
    logo: `${origin}/icon-512.png`,
    image: `${origin}/og-image.jpg`,
    telephone: clinic.phone,
    ...(clinic.email ? { email: clinic.email } : {}),
    address: postalAddress(clinic.address),
    hasMap: mapUrl,
    priceRange: "££",
    currenciesAccepted: "GBP",
    ...(settings ? { openingHoursSpecification: openingHours(settings.weeklyHours) } : {}),
    ...aggregateRating(reviews),
  };
}

/** `{ aggregateRating }` from 1–5 star reviews, or nothing when there are none. */
function aggregateRating(reviews: readonly Review[]) {
  const rated = reviews.filter((r) => r.rating >= 1 && r.rating <= 5);
  if (!rated.length) return {};
  const ratingValue = (rated.reduce((sum, r) => sum + r.rating, 0) / rated.length).toFixed(1);
  return { aggregateRating: { "@type": "AggregateRating", ratingValue, reviewCount: rated.length, bestRating: 5, worstRating: 1 } };
}

/** Pence as schema.org's decimal price string: 35000 → "350.00". */
export const priceOf = (pence: number) => (pence / 100).toFixed(2);

export function treatmentService(input: { service: Pick<PublicService, "name" | "slug" | "description" | "priceInPence">; clinic: Clinic; origin: string; reviews?: readonly Review[] }) {
  const { service, clinic, origin, reviews = [] } = input;
  const url = `${origin}/treatments/${service.slug}`;
  return {
    "@context": "https://schema.org",
    "@type": "Service",
    name: service.name,
    description: service.description,
    url,
    provider: { "@type": "MedicalBusiness", "@id": `${origin}/#clinic`, name: clinic.name, telephone: clinic.phone, address: postalAddress(clinic.address) },
    areaServed: { "@type": "Country", name: "United Kingdom" },
    offers: { "@type": "Offer", price: priceOf(service.priceInPence), priceCurrency: "GBP", url, availability: "https://schema.org/InStock" },
    ...aggregateRating(reviews),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no value can close the script element. */
export function jsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
